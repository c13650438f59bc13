// DreamCoder's wake-sleep loop on list tasks: wake searches every task with the current library
// (lambda_search.h), sleep compresses every solution found so far (search/library, Stitch's method)
// and adds the abstractions it learns to the library; then wake again.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "formats/list_tasks.h"
#include "search/lambda/lambda_search.h"
#include "search/library/compression.h"

namespace progsearch::lambda {

// A library: the abstractions learned so far, each with where it came from.
struct LearnedInvention {
  Invention invention;
  int iteration = 0;     // the sleep that learned it
  int64_t uses = 0;      // uses in the corpus it was learned from
  double utility = 0;
};

struct WakeSleepOptions {
  int iterations = 3;           // wake-sleep cycles; a last wake follows the last sleep
  double task_seconds = 5;      // per task per wake
  int max_cost = 16;            // per task, as SearchOptions::max_cost
  int64_t max_programs = 1'000'000;  // per task searched at once, as SearchOptions::max_programs
  library::CompressionOptions compression;  // per sleep (arity, abstractions per sleep, penalty)
  double sleep_seconds = 60;    // compression's deadline per sleep
  // Once true (SIGINT, a caller's cancel), the running wake's searches and sleep's compression end at
  // their next check, tasks not yet searched are skipped, and the run returns what it has: the wakes and
  // sleeps so far and the library learned so far. Not owned; may be null.
  const std::atomic<bool>* interrupt = nullptr;
};

struct TaskOutcome {
  std::string name;
  bool solved = false;
  std::string program;  // DreamCoder syntax, abstractions inline
  int cost = 0;
  int64_t candidates = 0;
  double seconds = 0;
};

struct WakeReport {
  int iteration = 0;  // 0: the first wake, with the initial library
  bool interrupted = false;  // stopped by WakeSleepOptions::interrupt: some tasks were cut short or skipped
  int solved = 0;
  int library_size = 0;  // abstractions the wake searched with
  std::vector<TaskOutcome> tasks;
  double seconds = 0;
};

struct SleepReport {
  int iteration = 0;
  int corpus_programs = 0;
  int64_t cost_before = 0, cost_after = 0;
  std::vector<std::string> learned;  // abstractions added, in DreamCoder syntax
  std::vector<std::string> rejected; // learned but not usable by the search (with the reason)
  double seconds = 0;
};

struct WakeSleepResult {
  std::string stop_reason = "done";  // "done" (every iteration ran) or "interrupted"
  std::vector<WakeReport> wakes;
  std::vector<SleepReport> sleeps;
  std::vector<LearnedInvention> library;
};

struct WakeSleepProgress {
  std::function<void(const WakeReport&)> wake_done;
  std::function<void(const SleepReport&)> sleep_done;
};

// The abstractions of a library, as the search takes them.
std::vector<Invention> Inventions(const std::vector<LearnedInvention>& library);

// Runs `options.iterations` cycles starting from `library` (empty: the primitives alone). Tasks of one
// wake run in parallel on the current TBB arena.
WakeSleepResult RunWakeSleep(const std::vector<ListTask>& tasks, std::vector<LearnedInvention> library,
                             const WakeSleepOptions& options, const WakeSleepProgress& progress = {});

// One wake: every task searched with `library`.
WakeReport Wake(const std::vector<ListTask>& tasks, const std::vector<LearnedInvention>& library,
                const WakeSleepOptions& options, int iteration);

}  // namespace progsearch::lambda
