// `progsearch discover`: finds approximations of a math function (regularized evolution).
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "approx/approximation.h"

namespace progsearch::cli {

struct DiscoverOptions {
  std::string target = "exp";
  double low = 0, high = 1;
  ApproximationConfig config;
  bool no_cache = false;
  bool no_seed = false;
  bool float32_check = false;  // exhaustive float32 ULP check of every front program
  std::string arithmetic = "float64";
  std::string selection = "pareto";
  int threads = 0;      // 0: every core
  std::string op_cost;  // --op-cost NAME=W,...
  std::string emit_c;   // header file for the best program within --max-ops
  std::string plot;     // SVG: error across the interval, front vs baselines
  bool json = false;
  bool quiet = false;
};

void AddDiscoverCommand(CLI::App& app, DiscoverOptions& options);
// 0 with a front printed, 2 on bad input.
int RunDiscover(const DiscoverOptions& options);

}  // namespace progsearch::cli
