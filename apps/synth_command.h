// `progsearch synth FILE.sl|DIR`: bottom-up synthesis from examples.
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "proto/config.pb.h"

namespace progsearch::cli {

struct SynthOptions {
  std::string path;
  proto::SynthConfig flags;  // what the command line set (over --config, over the command's defaults)
  std::string config_file;
  bool print_config = false;
  bool json = false;
  bool quiet = false;
  std::string library;  // a learned library: the path is then DreamCoder list tasks (wake-sleep's format)
};

// The command's defaults: 10 s per task, one thread.
proto::SynthConfig DefaultSynthConfig();

void AddSynthCommand(CLI::App& app, SynthOptions& options);
// One task: 0 solved, 1 budget reached or search space exhausted, 2 bad input, 3 internal error.
// A folder: every task in it, then a summary table; 0 when all are solved, 3 when some task met an
// internal error, 1 otherwise.
int RunSynth(const SynthOptions& options);

}  // namespace progsearch::cli
