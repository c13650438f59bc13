// The C header of a drop-in float32 function: a plan's reduction and tables around a core program.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "approx/libm_plan.h"
#include "core/term.h"

namespace progsearch {

// The core a header is built around: a Float program of Variable(0) = r on plan.core's interval.
struct LibmCore {
  TermPtr program;
  int ops = 0;                // under discover's weights (fma counts 2)
  double max_rel_error = 0;   // on the reduced interval, as the search measured it
  std::string origin;         // "search" or the baseline it came from ("minimax", "rational")
};

// The function's C name: progsearch_expf.
std::string LibmCName(LibmFunction function);

// A self-contained header (C99 or later, C++ too) defining `static inline float progsearch_NAME(float)`:
// special cases first (NaN, infinities, zeros, the overflow and underflow thresholds, subnormal inputs,
// with errno and the exceptions as glibc sets them), then the plan's reduction, the core in double
// (fma as a*b + c, CArithmetic::kDoubleMultiplyAdd) and the reconstruction. `notes`: comment lines
// placed under the header's first lines (the check's figures), each starting "// ".
absl::StatusOr<std::string> EmitLibmHeader(const LibmPlan& plan, const LibmCore& core, const std::string& notes);

}  // namespace progsearch
