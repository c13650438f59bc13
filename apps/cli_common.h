// What every subcommand shares: exit codes, how errors reach the user, JSON string literals.
#pragma once

#include <atomic>
#include <initializer_list>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "core/json_string.h"  // JsonString, for the commands that write JSON by hand
#include "core/utf8.h"

namespace progsearch::cli {

// A numeric option's lower bound, named in the message ("--timeout: must be >= 0", not CLI11's "Value -5
// not in range 0 to 1.797...e+308" with every digit of the largest double). Infinity passes; NaN does not.
inline CLI::Validator NumberAbove(double low, bool or_equal) {
  const std::string bound = absl::StrFormat("%s %g", or_equal ? ">=" : ">", low);
  return CLI::Validator(
      [low, or_equal, bound](std::string& text) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(text, v)) return "'" + text + "' is not a number";
        return (or_equal ? v >= low : v > low) ? std::string() : "must be " + bound;
      },
      "NUMBER " + bound);
}
inline CLI::Validator AtLeastZero() { return NumberAbove(0, true); }
inline CLI::Validator AboveZero() { return NumberAbove(0, false); }

// What a task file may be, as --help says it.
inline constexpr const char* kTaskFileHelp =
    "Task file: SyGuS-IF (.sl), or JSON examples (docs/tasks-json.md; a .json name, or any file whose first "
    "non-blank character is '{')";

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;        // done; for eval: every example passes
inline constexpr int kExitFailed = 1;    // ran, but the answer is negative (an example fails, budget reached)
inline constexpr int kExitBadInput = 2;  // malformed file, wrong types, impossible options, unwritable output
inline constexpr int kExitInternal = 3;  // progsearch failed itself (a self-check, Z3, memory): a bug to report

// Stops a long run cleanly: the flag SIGINT and SIGTERM (Slurm's warning before a kill) set, the
// handlers installed at the first call.
const std::atomic<bool>* StopOnSignals();

// Checks every output file a command will write, as (option, path) pairs (empty paths are not given),
// before any work starts: a long run's results are not lost to a mistyped folder at its end. The first
// problem, as "OPTION: PATH: cannot write: REASON".
absl::Status CheckOutputPaths(std::initializer_list<std::pair<std::string_view, std::string>> outputs);

// Writes a command's JSON result to `out` atomically, or to standard output when `out` is empty or cannot
// be written (reported first: the result is not lost). Returns `code`, or the write's error code.
int WriteResult(const std::string& json, const std::string& out, int code);

// Flushes standard output; InvalidArgument ("standard output: REASON") when anything written to it was
// lost (a full disk, a closed pipe).
absl::Status FlushStandardOutput();

// Whether `status` is progsearch's own failure rather than a problem with what it was given (a file
// that cannot be read, DataLoss, is the latter).
inline bool IsOwnFailure(const absl::Status& status) { return absl::IsInternal(status) || absl::IsUnknown(status); }

// The exit code for an error status: kExitInternal for internal failures, kExitBadInput otherwise.
inline int ExitCodeFor(const absl::Status& status) { return IsOwnFailure(status) ? kExitInternal : kExitBadInput; }

// Prints "progsearch: error: MESSAGE" (or "progsearch: internal error: MESSAGE") and returns the exit
// code for the status.
inline int ReportError(const absl::Status& status) {
  std::cerr << "progsearch: " << (IsOwnFailure(status) ? "internal error: " : "error: ")
            << EscapeForMessage(std::string(status.message())) << "\n";
  return ExitCodeFor(status);
}

}  // namespace progsearch::cli
