// `progsearch eval FILE.sl --program P`: evaluates a program on the task's examples.
#pragma once

#include <string>

#include "CLI/CLI.hpp"

namespace progsearch::cli {

struct EvalOptions {
  std::string file;
  std::string program;
  size_t max_string_length = size_t{1} << 20;
  double timeout_seconds = 0;
  bool quiet = false;
};

void AddEvalCommand(CLI::App& app, EvalOptions& options);
// Exit 0 when every example passes, 1 when some fail, 2 on bad input.
int RunEval(const EvalOptions& options);

}  // namespace progsearch::cli
