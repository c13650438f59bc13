// The float64 counterpart of the exhaustive float32 check: a program's maximum relative error in
// double arithmetic at many evenly spaced points (a million by default), against MPFR's exact values.
// The search measures on a grid of a few thousand points refined around the worst one; this check
// makes sure no narrow peak between grid points was missed.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/check_control.h"
#include "approx/math_target.h"
#include "core/term.h"

namespace progsearch {

// The target at `points` evenly spaced points of its interval (the ends included), each exact value
// carried as hi + lo: hi correctly rounded, lo the rounded remainder (about 106 bits in all), so an
// error of a double result is measured to far below its last bit.
struct DenseReference {
  std::vector<double> xs, hi, lo;
};
// Cancelled when `control` stopped it.
absl::StatusOr<DenseReference> MakeDenseReference(const MathTarget& target, size_t points, int threads,
                                                  const CheckControl& control = {});

struct DenseCheckResult {
  double max_rel_error = 0;  // infinity when the program fails, or gives NaN or infinity, somewhere
  double worst_x = 0;
};

// `program` evaluated by the interpreter (IEEE double semantics, as the search scores it) at every
// point of `reference`: max |program(x) - f(x)| / |f(x)| (the absolute error where f(x) is 0). Points
// where f itself is infinite or NaN (a pole of the target) have no relative error and are skipped.
DenseCheckResult CheckAtDensePoints(const Term& program, const DenseReference& reference);

}  // namespace progsearch
