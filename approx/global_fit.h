// The global constant fit: constants of small programs sit in narrow basins that one local fit from one
// start misses (AutoNumerics-Zero's observation). CMA-ES (pagmo's) searches around the current
// constants with restarts of growing population and alternating step sizes, on the maximum error
// itself, and the best point is polished by the SLSQP minimax fit (constant_tuning.h).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/constant_tuning.h"
#include "core/term.h"

namespace progsearch {

struct GlobalFitOptions {
  int max_evaluations = 2000;  // calls of the error, all restarts together (the polish not counted)
  uint64_t seed = 1;           // the fit is a function of the program, the points and this seed
  int polish_iterations = 200;  // SLSQP iterations after the global search (0: none)
};

struct GlobalMinimum {
  std::vector<double> point;  // the best point seen (`start` when nothing beat it)
  double value = 0;           // `error` there
  int evaluations = 0;
  int restarts = 0;           // CMA-ES runs after the first
};

// Minimizes `error` (a maximum error: non-negative, infinity or NaN where undefined) from `start`:
// CMA-ES in coordinates scaled to the start's magnitudes (at least 1) within a box of 10 scales. Runs
// alternate between the best point with steps of 10% and a random point of the box's middle with
// steps of 100% (IPOP-style restarts, each with twice the population), until the budget is spent or
// two runs in a row improve the best by less than 1%.
// Errors: RunCmaes's (the CMA-ES module cannot be loaded).
absl::StatusOr<GlobalMinimum> MinimizeGlobally(const std::function<double(const std::vector<double>&)>& error,
                                               const std::vector<double>& start, const GlobalFitOptions& options);

// The maximum relative error of `program` against `reference` (exact values at `xs`), evaluated in
// double, minimized over its constants by MinimizeGlobally and then TuneMinimax. Shared sub-terms keep
// their constants tied (FloatTape's parameters). Programs FloatTape cannot compile come back unchanged
// with 0 evaluations. Errors: MinimizeGlobally's.
absl::StatusOr<TuningResult> TuneGlobally(const TermPtr& program, const std::vector<double>& xs, const std::vector<double>& reference,
                          const GlobalFitOptions& options);

}  // namespace progsearch
