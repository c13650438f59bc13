// `progsearch synth FILE.sl|DIR`: bottom-up synthesis from examples.
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "search/bottom_up/bottom_up_search.h"

namespace progsearch::cli {

struct SynthOptions {
  std::string path;
  BottomUpConfig config;
  double max_memory_mb = 0;
  bool json = false;
  bool no_exact = false;
  bool quiet = false;
};

void AddSynthCommand(CLI::App& app, SynthOptions& options);
// One task: 0 solved, 1 budget reached or search space exhausted, 2 bad input.
// A folder: every task in it, then a summary table; 0 when all are solved, 1 otherwise.
int RunSynth(const SynthOptions& options);

}  // namespace progsearch::cli
