// Checks a generated float32 function as a user gets it: the header compiled by the system's C compiler
// into a shared object, loaded, and run against the correctly rounded result (MPFR where double is not
// enough) at every float or a stride of them, with the special values, errno and the floating-point
// exceptions compared with glibc's function of the same name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/check_control.h"
#include "approx/libm_plan.h"

namespace progsearch {

using FloatFunction = float (*)(float);

// A header compiled and loaded; the function stays valid while this lives.
class CompiledLibm {
 public:
  ~CompiledLibm();
  CompiledLibm(const CompiledLibm&) = delete;
  CompiledLibm& operator=(const CompiledLibm&) = delete;
  FloatFunction function() const { return function_; }
  // The compiler and its flags, as run (the temporary file names left out).
  const std::string& command() const { return command_; }

 private:
  friend absl::StatusOr<std::unique_ptr<CompiledLibm>> CompileLibm(const std::string&, const std::string&,
                                                                   const std::string&);
  CompiledLibm() = default;
  void* handle_ = nullptr;
  FloatFunction function_ = nullptr;
  std::string command_, folder_;
};

// The C compiler the check uses: $CC, else cc.
std::string LibmCompiler();

// Compiles `header` (defining static inline float `function_name`(float)) with `flags` (e.g. "-O2") and
// -fPIC -shared into a temporary folder, and loads it. FailedPrecondition when no C compiler runs,
// Internal with the compiler's messages when the header does not compile.
absl::StatusOr<std::unique_ptr<CompiledLibm>> CompileLibm(const std::string& header, const std::string& function_name,
                                                          const std::string& flags);

struct LibmCheckResult {
  double max_ulps = 0;            // over the checked floats, against the correctly rounded float
  float worst_x = 0;
  uint64_t checked = 0;           // floats run
  uint64_t correctly_rounded = 0; // of those, results equal to the correctly rounded float (NaN for NaN)
  uint64_t mpfr_calls = 0;        // points where double was too close to a float midpoint to decide
  int specials = 0;               // special inputs compared with glibc
  // One line per special input whose value, errno or overflow, underflow, divide-by-zero or invalid
  // flag differs from what is expected; the inexact flag's differences apart.
  std::vector<std::string> special_differences, inexact_differences;
  bool exhaustive = false;        // every float, not a stride
  double seconds = 0;
};

// Runs `function` at every `stride`-th float bit pattern (1: all 2^32), on `threads` threads, and at the
// special inputs of `function_kind` (NaN, infinities, zeros, subnormals, the thresholds and their
// neighbours). Where the result is exact, NaN, infinite or zero it must be the correctly rounded one bit
// for bit (any NaN for NaN), elsewhere it joins the ULP count; errno and the overflow, underflow, divide-by-zero and invalid flags must be glibc's; the inexact
// flag is compared too and reported separately. Cancelled when `control` stopped it.
absl::StatusOr<LibmCheckResult> CheckLibm(LibmFunction function_kind, FloatFunction function, uint64_t stride,
                                          int threads, const CheckControl& control = {});

// The special inputs CheckLibm compares (a plan gives its thresholds).
std::vector<float> LibmSpecialInputs(LibmFunction function_kind);

}  // namespace progsearch
