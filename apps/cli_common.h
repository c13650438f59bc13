// What every subcommand shares: exit codes and how errors reach the user.
#pragma once

#include <iostream>
#include <string_view>

#include "absl/status/status.h"

namespace progsearch::cli {

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;        // done; for eval: every example passes
inline constexpr int kExitFailed = 1;    // ran, but the answer is negative (an example fails, budget reached)
inline constexpr int kExitBadInput = 2;  // malformed file, wrong types, impossible options

// Prints "progsearch: error: MESSAGE" and returns the exit code for the status.
inline int ReportError(const absl::Status& status) {
  std::cerr << "progsearch: error: " << status.message() << "\n";
  return kExitBadInput;
}

}  // namespace progsearch::cli
