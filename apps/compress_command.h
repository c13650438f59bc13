// `progsearch compress CORPUS.json`: learns a library of abstractions that shortens a corpus of programs.
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "search/library/compression.h"

namespace progsearch::cli {

struct CompressOptions {
  std::string corpus;
  std::string out;  // empty: the JSON result goes to standard output
  library::CompressionOptions compression;
  library::CostModel costs;
  double time_seconds = 0;  // 0: no budget
  int threads = 0;          // 0: every core
  bool quiet = false;
};

void AddCompressCommand(CLI::App& app, CompressOptions& options);
// Exit 0 when done (with or without abstractions learned), 2 on bad input.
int RunCompress(const CompressOptions& options);

}  // namespace progsearch::cli
