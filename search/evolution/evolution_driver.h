// The run loop every regularized evolution shares: the library's Evolve (api/evolve.cc), discover
// (approx/approximation.cc) and discover's MPI islands. Between batches it checks the stop conditions,
// reports progress, writes checkpoints on a timer and, on islands, agrees on stops and migrates members;
// the caller keeps what is its own (the fitness, extra state beside the population, the checkpoint's
// contents) and plugs it in through DriverHooks.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "core/stop_reason.h"
#include "core/term.h"
#include "search/evolution/island_link.h"
#include "search/evolution/regularized_evolution.h"

namespace progsearch {

// What ends a run, checked before every batch in this order: the target fitness (kTarget), the caller's
// own reasons (DriverHooks::stop), cycles (kCycles), fitness evaluations (kEvaluations), search time
// (kTimeout) and the interrupt flag (kInterrupted).
struct DriverBudget {
  std::optional<double> target_fitness;  // the best program reaching it (<=) ends the run
  uint64_t max_cycles = 0;               // 0: no limit
  uint64_t max_evaluations = 0;          // 0: no limit
  // Search time, the runs this one resumes included.
  double max_seconds = std::numeric_limits<double>::infinity();
  // Set from another thread or a signal handler: the run ends after its current batch.
  const std::atomic<bool>* interrupt = nullptr;
  // Batches in a row whose every child the cache answered, after which the run ends as kExhausted: a
  // space with few behaviours runs out of new ones (0: never).
  uint64_t max_idle_batches = 0;
};

struct DriverHooks {
  // Reasons of the caller's to stop (too many failed fitness calls), checked with the budget.
  std::function<std::optional<StopReason>()> stop;
  // Checked after every batch: an error (a fitness that cannot go on) ends the run with it.
  std::function<absl::Status()> failure;
  // Called every `progress_seconds` (0: after every batch) with the search time; false ends the run
  // as kInterrupted.
  std::function<bool(double seconds)> progress;
  double progress_seconds = 0;
  // Writes the caller's checkpoint (`seconds`: search time so far) every `checkpoint_seconds`, and once
  // more when the run ends; also before the first batch with `checkpoint_first`, so a path that cannot
  // be written fails before any work. Empty: no checkpoints.
  std::function<absl::Status(double seconds)> checkpoint;
  double checkpoint_seconds = 60;
  bool checkpoint_first = false;
  // One island of several: every `migration_batches` batches the islands agree on whether any stops
  // (then all do) and each sends its `migrants` fittest members to the next, whose population takes
  // them in (RegularizedEvolution::Immigrate). An island does not stop on its own between those
  // points. `read_program` turns a migrant's text back into a program.
  IslandLink* islands = nullptr;
  int migration_batches = 1;
  int migrants = 0;
  std::function<absl::StatusOr<TermPtr>(const std::string&)> read_program;
};

struct DriverOutcome {
  // Why it ended; kTimeout on an island that stopped because another island's time was up.
  StopReason reason = StopReason::kTimeout;
  double seconds = 0;       // search time, the resumed runs' included
  int checkpoints = 0;      // written by this call
  int migrations = 0;       // exchanges with the other islands
  int64_t immigrants = 0;   // members that arrived from another island and joined
};

// Runs `evolution` (initialized or restored) from `start` until a stop condition holds. `seconds_before`:
// the search time of the runs this one resumes. Errors: a checkpoint that cannot be written, or what
// `hooks.failure` reports.
absl::StatusOr<DriverOutcome> RunEvolution(RegularizedEvolution& evolution, const DriverBudget& budget,
                                           const DriverHooks& hooks, double seconds_before,
                                           std::chrono::steady_clock::time_point start);

}  // namespace progsearch
