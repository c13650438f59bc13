// `progsearch parse FILE.sl`: prints the parsed task.
#pragma once

#include <string>

#include "CLI/CLI.hpp"

namespace progsearch::cli {

struct ParseOptions {
  std::string file;
  bool json = false;
  bool sygus = false;
  bool inline_macros = false;
  size_t max_rows = 20;
};

void AddParseCommand(CLI::App& app, ParseOptions& options);
int RunParse(const ParseOptions& options);

}  // namespace progsearch::cli
