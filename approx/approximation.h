// Discovering approximations of a math target (progsearch discover): regularized evolution over
// programs of x built from + - * / fma (and optionally sqrt) and constants, scored by the maximum
// relative error (float64 mode) or the maximum error in ULPs of float32 arithmetic (float32 mode)
// against MPFR ground truth, with a Pareto front of error against operation count. Checkpoints store
// the target and the ApproximationSearch message; a resume must match both.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/float_tape.h"
#include "approx/math_target.h"
#include "approx/polynomial_baselines.h"
#include "core/stop_reason.h"
#include "core/term.h"
#include "dsl/primitive.h"
#include "proto/config.pb.h"
#include "search/evolution/regularized_evolution.h"

namespace progsearch {

// What a run computes (ApproximationSearch: operators, weights, evolution, error measure, tuning, seeds)
// and its budget and files (ApproximationConfig): proto/config.proto has every setting and its default.
using ApproximationSearch = proto::ApproximationSearch;
using ApproximationConfig = proto::ApproximationConfig;
using Arithmetic = proto::ApproximationSearch::Arithmetic;

// InvalidArgument, naming the setting, for values no run can use: max_ops 1 to 64, population 2 to a
// million, tournament and batch 1 to 100000, grid 2 to 2^24, probes 1 to a million, weights of
// WeighableOperations() from 1 to 1000, tuning settings, and positive times.
absl::Status ValidateApproximationConfig(const ApproximationConfig& config);

// The operation weights a search counts with: DefaultOperationWeights() with `search.weights` on top.
OperationWeights WeightsOf(const ApproximationSearch& search);
// The operators its programs are built from: + - * / fma, and sqrt with allow_sqrt.
std::vector<const Primitive*> ApproximationOperators(const ApproximationSearch& search);
// The names operation weights may be given for: every operator some search may use.
std::vector<std::string> WeighableOperations();

// One point of the front: the best program found with exactly `ops` operations.
struct FrontPoint {
  int ops = 0;
  double max_rel_error = 0;  // in double arithmetic, on the dense grid, refined around the worst point
  double ulps = -1;          // float32 mode: max |result - exact| in ULPs on the search's sample (-1 in float64 mode)
  TermPtr program;           // over Variable(0) = x
};

struct ApproximationResult {
  std::vector<FrontPoint> front;  // by operation count; dominated points removed
  EvolutionStats stats;
  double seconds = 0;                             // the whole run's search time, resumed parts included
  StopReason stop_reason = StopReason::kTimeout;  // kTimeout, kCycles or kInterrupted
  int checkpoints = 0;                            // checkpoints written by this process
  int migrations = 0;                             // island runs: exchanges with the other islands
  int64_t immigrants = 0;                         // members that arrived from another island and joined
  // The classical programs that seeded the search (a fresh run with seed_classical); the caller's
  // baselines need not fit them again.
  std::optional<ClassicalFits> classical;
};

// Called about every ApproximationHooks::progress_seconds with the best error so far and the cycles run.
using ApproximationProgress = std::function<void(double best_error, uint64_t cycles, double seconds)>;

// Where the checks after a search stand (approx/discover.h runs them): `phase` is "float32 check" or
// "dense check", the program being checked is `program` of `programs` (1-based), `fraction` of all the
// phase's points are done, `seconds` into the phase.
struct CheckProgress {
  const char* phase = "";
  int program = 0, programs = 0;
  uint64_t points = 0;  // per program
  double fraction = 0;
  double seconds = 0;
};
using CheckProgressFn = std::function<void(const CheckProgress&)>;

// What a caller plugs into a run besides its settings.
class IslandLink;

// The classical fits of the target in t = x - m (m the interval's middle), as programs of x through one
// shared (- x m), within max_ops (ApproximationSearch.centre_seeds); none when the interval is centred.
std::vector<TermPtr> CentredSeeds(const MathTarget& target, int max_ops, const OperationWeights& weights,
                                  const std::atomic<bool>* interrupt = nullptr);

struct ApproximationHooks {
  ApproximationProgress progress;
  double progress_seconds = 1;
  // The checks after the search (Discover's): called when each program's check starts and about four
  // times a second while it runs.
  CheckProgressFn check_progress;
  // Set from another thread or a signal handler: the run stops after its current batch, and Discover's
  // checks after it stop too (leaving the programs not checked unchecked).
  const std::atomic<bool>* interrupt = nullptr;
  // One island of several (search/evolution/island_link.h): stops are agreed on and members migrate every
  // config.migration_batches batches, and island 0's result holds the front of all of them.
  IslandLink* islands = nullptr;
};

// Errors: a resume file that cannot be read or was made with other settings, a checkpoint that cannot be
// written, search.centre in float32 arithmetic. With search.centre the search runs on ShiftedTarget(target,
// InputCentre(target)) (approx/input_shift.h) within max_ops less the shift's cost, and the front holds its
// programs read back with ProgramOfShiftedInput, each measured again against `target` (no classical fits
// are returned: they were made in t).
absl::StatusOr<ApproximationResult> DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                                          const ApproximationHooks& hooks = {});

}  // namespace progsearch
