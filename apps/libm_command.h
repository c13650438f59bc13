// `progsearch libm`: a drop-in float32 function (exp2f expf exp10f log2f logf log10f) as a C header, its core found by
// the search on the reduced interval and the whole function checked at every float.
#pragma once

#include <string>

#include "CLI/CLI.hpp"

namespace progsearch::cli {

struct LibmOptions {
  std::string function;
  std::string output;           // the header; empty: standard output
  double seconds = 30;
  double max_ulps = 1;
  int table_bits = 0;
  int max_ops = 12;
  int division_cost = 4;
  int threads = 0;
  uint64_t seed = 1;
  std::string check = "all";    // all | sample
  std::string cc_flags = "-O2";
  bool json = false;
  bool quiet = false;
};

void AddLibmCommand(CLI::App& app, LibmOptions& options);
// 0 with a header written, 1 when no core held the bound, 2 on bad input, 3 on an internal error.
int RunLibm(const LibmOptions& options);

}  // namespace progsearch::cli
