// The SVG picture of a discover run: the chosen program's error across the interval, and the front
// against the classical baselines on a log scale.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "approx/discover.h"

namespace progsearch::cli {

// The most accurate program's error and the front against the minimax and Taylor baselines, written to
// a temporary file and renamed into place.
absl::Status WriteDiscoverPlot(const std::string& path, const DiscoverReport& report);

}  // namespace progsearch::cli
