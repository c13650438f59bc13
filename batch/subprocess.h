// Runs one job as a child process: its output captured, its wall time measured, killed (with everything
// it started) past a time limit.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace progsearch::batch {

struct ProcessResult {
  int exit_code = 0;       // the child's; 128 + N when a signal N ended it
  bool timed_out = false;  // killed at the time limit
  bool interrupted = false;  // `interrupt` was raised while it ran: it was sent SIGTERM
  double seconds = 0;
  std::string out;         // standard output, its last `keep_out` bytes
  std::string err;         // standard error, its last `keep_err` bytes
};

// Runs `exe` with `args` (argv[0] is `exe`) in a process group of its own. `timeout_seconds` <= 0: no
// limit. When `interrupt` becomes true (a signal handler's flag), the group is sent SIGTERM once and the
// child's end awaited, so that it can save its work. An error only when the child cannot be started.
absl::StatusOr<ProcessResult> RunProcess(const std::string& exe, const std::vector<std::string>& args,
                                         double timeout_seconds, size_t keep_out, size_t keep_err,
                                         const std::atomic<bool>* interrupt = nullptr);

}  // namespace progsearch::batch
