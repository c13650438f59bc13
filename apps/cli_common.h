// What every subcommand shares: exit codes and how errors reach the user.
#pragma once

#include <iostream>
#include <string_view>

#include "absl/status/status.h"

namespace progsearch::cli {

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;        // done; for eval: every example passes
inline constexpr int kExitFailed = 1;    // ran, but the answer is negative (an example fails, budget reached)
inline constexpr int kExitBadInput = 2;  // malformed file, wrong types, impossible options, unwritable output
inline constexpr int kExitInternal = 3;  // progsearch failed itself (a self-check, Z3, memory): a bug to report

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
