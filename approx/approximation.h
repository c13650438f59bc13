// Discovering approximations of a math target (progsearch discover): regularized evolution over
// programs of x built from + - * / fma (and optionally sqrt) and constants, scored by the maximum
// relative error (float64 mode) or the maximum error in ULPs of float32 arithmetic (float32 mode)
// against MPFR ground truth, with a Pareto front of error against operation count.
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
#include "search/evolution/regularized_evolution.h"

namespace progsearch {

enum class Arithmetic {
  kFloat64,  // programs run in double; error: max relative error on a dense grid
  kFloat32,  // programs run in float; error: max |float result - exact| in ULPs of the correct float
};

struct ApproximationConfig {
  int max_ops = 16;  // largest operation count (cost, under `weights`) searched
  OperationWeights weights = DefaultOperationWeights();
  double seconds = 60;      // wall-clock budget, the time of resumed runs included
  uint64_t max_cycles = 0;  // 0: no limit
  uint64_t seed = 1;
  size_t population = 1000;
  size_t tournament = 20;
  Selection selection = Selection::kPareto;  // Pareto tournaments on (error, operations)
  size_t batch = 16;   // children per batch, evaluated in parallel; part of what a seed reproduces
  size_t grid = 2049;  // points of the dense error grid (the interval's ends included)
  size_t probes = 32;  // points on which programs are hashed for the fitness cache
  bool use_cache = true;
  bool allow_sqrt = false;
  Arithmetic arithmetic = Arithmetic::kFloat64;
  // Constant tuning: SLSQP iterations of the minimax fit (TuneMinimax) spent on a candidate whose
  // untuned error is within `tuning_margin` times the best at its operation count (0: every candidate).
  // tuning_iterations 0: no tuning.
  int tuning_iterations = 40;
  double tuning_margin = 0;
  size_t tuning_grid = 65;  // points the fit measures the error on (Chebyshev-spaced)
  // Start from what a numerical analyst would write: minimax polynomials (Horner) of every degree and
  // minimax rationals of every numerator/denominator degree that fit, so the front is never worse than
  // the classical answers and evolution works on improving them.
  bool seed_classical = true;
  // Checkpoints: written every `checkpoint_seconds` and at the end (temporary file, then rename).
  std::string checkpoint_path;
  double checkpoint_seconds = 60;
  std::string resume_path;  // continue the run saved here (same settings required)
  // Set from another thread or a signal handler: the run stops after its current batch.
  const std::atomic<bool>* interrupt = nullptr;
};

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
  // The classical programs that seeded the search (a fresh run with seed_classical); the caller's
  // baselines need not fit them again.
  std::optional<ClassicalFits> classical;
};

// Called about once a second with the best error so far and the cycles run.
using ApproximationProgress = std::function<void(double best_error, uint64_t cycles, double seconds)>;

// `n` evenly spaced points from `low` to `high`, both included (just `low` when n is 1).
std::vector<double> EvenlySpaced(double low, double high, size_t n);

// (got - want) / |want|, or got - want where the target is 0: the error every measure here is built on.
double SignedRelativeError(double got, double want);

// Maximum relative error of `program` against `target` on `points` evenly spaced points, then refined
// with a denser sample around the worst one. Infinity when the program fails or gives NaN.
double MaxRelativeError(const Term& program, const MathTarget& target, size_t points);

// Errors: a resume file that cannot be read or was made with other settings.
absl::StatusOr<ApproximationResult> DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                                          const ApproximationProgress& progress = nullptr);

}  // namespace progsearch
