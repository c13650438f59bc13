// Discovering approximations of a math target (progsearch discover): regularized evolution over
// programs of x built from + - * / fma (and optionally sqrt) and constants, scored by the maximum
// relative error against MPFR ground truth, with a Pareto front of error against operation count.
#pragma once

#include <functional>
#include <vector>

#include "core/term.h"
#include "dsl/math_target.h"
#include "search/evolution/regularized_evolution.h"

namespace progsearch {

struct ApproximationConfig {
  int max_ops = 16;         // largest operation count searched
  double seconds = 60;      // wall-clock budget
  uint64_t max_cycles = 0;  // 0: no limit
  uint64_t seed = 1;
  size_t population = 200;
  size_t tournament = 10;
  size_t grid = 2049;  // points of the dense error grid (the interval's ends included)
  size_t probes = 32;  // points on which programs are hashed for the fitness cache
  bool use_cache = true;
  bool allow_sqrt = false;
  // Nelder-Mead steps spent on a promising candidate's constants (0: no tuning). Candidates within
  // `tuning_margin` times the best error at their operation count are tuned.
  int tuning_evaluations = 40;
  double tuning_margin = 100;
  size_t tuning_grid = 129;  // points the tuning measures the error on
  // Start from the minimax polynomials of every degree that fits (Horner form), so the front is never
  // worse than the classical answer and evolution works on improving it.
  bool seed_minimax = true;
};

// One point of the front: the best program found with exactly `ops` operations.
struct FrontPoint {
  int ops = 0;
  double max_rel_error = 0;  // on the dense grid, refined around the worst point
  TermPtr program;           // over Variable(0) = x
};

struct ApproximationResult {
  std::vector<FrontPoint> front;  // by operation count; dominated points removed
  EvolutionStats stats;
  double seconds = 0;
  std::string stop_reason;  // "timeout" or "cycles"
};

// Called about once a second with the best error so far and the cycles run.
using ApproximationProgress = std::function<void(double best_error, uint64_t cycles, double seconds)>;

// Operations in a program: each application counts 1, except fma, which counts 2 (a multiply and an
// add, as a Horner step is counted in the literature: Sollya's degree-5 minimax is "10 operations").
int OperationCount(const Term& program);

// (got - want) / |want|, or got - want where the target is 0: the error every measure here is built on.
double SignedRelativeError(double got, double want);

// Maximum relative error of `program` against `target` on `points` evenly spaced points, then refined
// with a denser sample around the worst one. Infinity when the program fails or gives NaN.
double MaxRelativeError(const Term& program, const MathTarget& target, size_t points);

ApproximationResult DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                          const ApproximationProgress& progress = nullptr);

}  // namespace progsearch
