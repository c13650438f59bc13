// What every subcommand shares: exit codes, how errors reach the user, JSON string literals.
#pragma once

#include <atomic>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "core/json_string.h"  // JsonString, for the commands that write JSON by hand

namespace progsearch::cli {

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;        // done; for eval: every example passes
inline constexpr int kExitFailed = 1;    // ran, but the answer is negative (an example fails, budget reached)
inline constexpr int kExitBadInput = 2;  // malformed file, wrong types, impossible options, unwritable output
inline constexpr int kExitInternal = 3;  // progsearch failed itself (a self-check, Z3, memory): a bug to report

// Stops a long run cleanly: the flag SIGINT and SIGTERM (Slurm's warning before a kill) set, the
// handlers installed at the first call.
const std::atomic<bool>* StopOnSignals();

// Whether `status` is progsearch's own failure rather than a problem with what it was given (a file
// that cannot be read, DataLoss, is the latter).
inline bool IsOwnFailure(const absl::Status& status) { return absl::IsInternal(status) || absl::IsUnknown(status); }

// The exit code for an error status: kExitInternal for internal failures, kExitBadInput otherwise.
inline int ExitCodeFor(const absl::Status& status) { return IsOwnFailure(status) ? kExitInternal : kExitBadInput; }

// Prints "progsearch: error: MESSAGE" (or "progsearch: internal error: MESSAGE") and returns the exit
// code for the status.
inline int ReportError(const absl::Status& status) {
  std::cerr << "progsearch: " << (IsOwnFailure(status) ? "internal error: " : "error: ") << status.message() << "\n";
  return ExitCodeFor(status);
}

}  // namespace progsearch::cli
