// Exhaustive float32 verification: a program evaluated in float32 arithmetic at EVERY float of an
// interval, against the correctly rounded float value of the target, reported in ULPs.
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "approx/check_control.h"
#include "approx/math_target.h"
#include "core/term.h"

namespace progsearch {

struct Float32CheckResult {
  double max_ulps = 0;      // largest |program(x) - target(x)| in units of the float spacing at target(x)
  float worst_x = 0;        // where it occurs
  uint64_t checked = 0;     // floats in the interval
  uint64_t mpfr_calls = 0;  // points where the fast double reference was too close to a rounding boundary
  double seconds = 0;
};

// Evaluates `program` (operations + - * / fma sqrt, constants rounded to float, every operation rounded
// to float, fma fused) at every float in [target.low, target.high] on `threads` threads. The reference
// is the target computed in double and rounded to float, except within 2^-40 (relative) of a float
// rounding boundary, where MPFR decides. Unimplemented for programs with other operations; Cancelled when
// `control` stopped it.
absl::StatusOr<Float32CheckResult> CheckFloat32Exhaustively(const Term& program, const MathTarget& target, int threads,
                                                            const CheckControl& control = {});

// The floats of [target.low, target.high]: how many points the exhaustive check runs.
uint64_t FloatsIn(const MathTarget& target);

}  // namespace progsearch
