// Runs a shard of a batch's jobs, one after another, each as a `progsearch` child process, and records
// each as it finishes (record_store.h). A job whose record is already whole is skipped, so a killed,
// preempted or failed run is continued by running it again; a damaged record, or one made by another
// command line (the job file's config changed since), is run again.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "batch/job_list.h"

namespace progsearch::batch {

struct BatchOptions {
  std::string outdir;
  Shard shard;
  double job_seconds = 0;  // 0: no limit
  std::string executable;  // the progsearch binary the jobs run
  // Raised by a signal handler (SIGTERM before a preemption, ^C): the running job is sent SIGTERM, its
  // end awaited but not recorded, and no further job starts.
  const std::atomic<bool>* interrupt = nullptr;
};

struct BatchSummary {
  int in_shard = 0;  // jobs this shard owns
  int ran = 0;       // of them, run now (damaged ones included)
  int skipped = 0;   // already recorded
  int damaged = 0;   // records found damaged, and so run again
  int stale = 0;     // records of another command line, and so run again
  int bad_input = 0;  // recorded jobs that exited 2: their config or task is wrong
  int internal = 0;   // recorded jobs that exited 3: progsearch failed
  int solved = 0;    // of this shard's recorded jobs, those that exited 0
  int timed_out = 0;
  int resumed = 0;   // jobs run now that continued from a checkpoint
  bool interrupted = false;
  int left = 0;      // jobs of the shard not recorded when interrupted
};

// A line per job as it finishes or is skipped, for a progress display.
using BatchProgress = std::function<void(const std::string& line)>;

// Errors only when the output folder cannot be written or a child cannot be started.
absl::StatusOr<BatchSummary> RunBatch(const std::vector<BatchJob>& jobs, const BatchOptions& options,
                                      const BatchProgress& progress = {});

}  // namespace progsearch::batch
