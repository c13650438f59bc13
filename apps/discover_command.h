// `progsearch discover`: finds approximations of a math function (regularized evolution).
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "proto/config.pb.h"

namespace progsearch::cli {

struct DiscoverOptions {
  proto::DiscoverConfig flags;  // what the command line set (over --config, over the defaults)
  std::string config_file;
  bool print_config = false;
  std::string op_cost;  // --op-cost NAME=W,..., parsed into flags' weights after the command line is read
  bool json = false;
  bool quiet = false;
};

void AddDiscoverCommand(CLI::App& app, DiscoverOptions& options);
// 0 with a front printed, 2 on bad input, 3 on an internal error.
int RunDiscover(const DiscoverOptions& options);

}  // namespace progsearch::cli
