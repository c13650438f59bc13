// The SVG picture of a discover run: the chosen program's error across the interval, and the front
// against the classical baselines on a log scale.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "approx/approximation.h"
#include "approx/math_target.h"

namespace progsearch::cli {

// `baselines`: ops -> (minimax error, Taylor error), NaN where absent. `ops_label` says how operations
// are counted (DescribeWeights). Written to a temporary file and renamed into place.
absl::Status WriteDiscoverPlot(const std::string& path, const MathTarget& target, const ApproximationResult& result,
                               const std::map<int, std::pair<double, double>>& baselines, const std::string& ops_label);

}  // namespace progsearch::cli
