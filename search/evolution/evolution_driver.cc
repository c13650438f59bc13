#include "search/evolution/evolution_driver.h"

#include <algorithm>
#include <vector>

#include "core/deadline.h"
#include "core/status_macros.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

using Clock = std::chrono::steady_clock;

// The `migrants` fittest members go to the next island; the previous island's join this population.
size_t Migrate(IslandLink& islands, RegularizedEvolution& evolution, const DriverHooks& hooks) {
  std::vector<const Individual*> fittest;
  for (const Individual& member : evolution.population()) fittest.push_back(&member);
  const size_t keep = std::min(fittest.size(), static_cast<size_t>(std::max(0, hooks.migrants)));
  std::partial_sort(fittest.begin(), fittest.begin() + keep, fittest.end(),
                    [](const Individual* a, const Individual* b) { return a->fitness < b->fitness; });
  std::vector<std::string> emigrants;
  for (size_t i = 0; i < keep; ++i) emigrants.push_back(PrintTerm(*fittest[i]->program));
  std::vector<TermPtr> arrivals;
  for (const std::string& text : islands.Exchange(emigrants)) {
    // What another island sends is read with this island's operators; what does not read is dropped.
    if (auto program = hooks.read_program(text); program.ok()) arrivals.push_back(*program);
  }
  return evolution.Immigrate(arrivals);
}

class Driver {
 public:
  Driver(RegularizedEvolution& evolution, const DriverBudget& budget, const DriverHooks& hooks, double seconds_before,
         Clock::time_point start)
      : evolution_(evolution), budget_(budget), hooks_(hooks), seconds_before_(seconds_before), start_(start) {}

  absl::StatusOr<DriverOutcome> Run() {
    if (hooks_.checkpoint && hooks_.checkpoint_first) RETURN_IF_ERROR(Checkpoint());
    double next_report = Elapsed() + hooks_.progress_seconds;
    double next_checkpoint = Elapsed() + hooks_.checkpoint_seconds;
    const int64_t sync_every = hooks_.islands ? std::max(1, hooks_.migration_batches) : 1;
    uint64_t idle_batches = 0;
    for (int64_t batch = 0;; ++batch) {
      const std::optional<StopReason> stop = StopNow();
      const bool sync = hooks_.islands && batch % sync_every == 0;
      if (hooks_.islands ? sync && hooks_.islands->AnyStops(stop.has_value()) : stop.has_value()) {
        outcome_.reason = stop.value_or(StopReason::kTimeout);  // none here: another island's time was up
        break;
      }
      if (sync && batch > 0) {
        outcome_.immigrants += static_cast<int64_t>(Migrate(*hooks_.islands, evolution_, hooks_));
        ++outcome_.migrations;
      }
      const uint64_t evaluations = evolution_.stats().fitness_evaluations;
      evolution_.Step();
      if (hooks_.failure) RETURN_IF_ERROR(hooks_.failure());
      idle_batches = evolution_.stats().fitness_evaluations == evaluations ? idle_batches + 1 : 0;
      std::optional<StopReason> after;
      if (budget_.max_idle_batches && idle_batches >= budget_.max_idle_batches) after = StopReason::kExhausted;
      if (hooks_.progress && Elapsed() >= next_report) {
        next_report = Elapsed() + hooks_.progress_seconds;
        if (!hooks_.progress(Elapsed())) after = StopReason::kInterrupted;
      }
      if (hooks_.checkpoint && Elapsed() >= next_checkpoint) {
        RETURN_IF_ERROR(Checkpoint());
        next_checkpoint = Elapsed() + hooks_.checkpoint_seconds;
      }
      // Islands stop together, at their next agreement; alone, the run stops now.
      if (after && !hooks_.islands) {
        outcome_.reason = *after;
        break;
      }
      if (after) stop_after_ = after;
    }
    if (hooks_.checkpoint) RETURN_IF_ERROR(Checkpoint());
    outcome_.seconds = Elapsed();
    return outcome_;
  }

 private:
  double Elapsed() const { return seconds_before_ + std::chrono::duration<double>(Clock::now() - start_).count(); }

  std::optional<StopReason> StopNow() const {
    const EvolutionStats& stats = evolution_.stats();
    if (stop_after_) return stop_after_;
    if (budget_.target_fitness && evolution_.best().program && evolution_.best().fitness <= *budget_.target_fitness) {
      return StopReason::kTarget;
    }
    if (hooks_.stop) {
      if (std::optional<StopReason> theirs = hooks_.stop()) return theirs;
    }
    if (budget_.max_cycles && stats.cycles >= budget_.max_cycles) return StopReason::kCycles;
    if (budget_.max_evaluations && stats.fitness_evaluations >= budget_.max_evaluations) return StopReason::kEvaluations;
    if (Elapsed() >= budget_.max_seconds) return StopReason::kTimeout;
    if (StopRequested(budget_.interrupt)) return StopReason::kInterrupted;
    return std::nullopt;
  }

  absl::Status Checkpoint() {
    RETURN_IF_ERROR(hooks_.checkpoint(Elapsed()));
    ++outcome_.checkpoints;
    return absl::OkStatus();
  }

  RegularizedEvolution& evolution_;
  const DriverBudget& budget_;
  const DriverHooks& hooks_;
  const double seconds_before_;
  const Clock::time_point start_;
  DriverOutcome outcome_;
  std::optional<StopReason> stop_after_;  // an island's reason found after a batch, kept for the agreement
};

}  // namespace

absl::StatusOr<DriverOutcome> RunEvolution(RegularizedEvolution& evolution, const DriverBudget& budget,
                                           const DriverHooks& hooks, double seconds_before,
                                           Clock::time_point start) {
  return Driver(evolution, budget, hooks, seconds_before, start).Run();
}

}  // namespace progsearch
