// Prints Float programs as C expressions (for `progsearch discover --emit-c`).
#pragma once

#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/opcode.h"

namespace progsearch {

// The arithmetic the printed C computes in.
enum class CArithmetic {
  // double: the interpreter's arithmetic.
  kDouble,
  // float, as the search's float32 mode and the exhaustive float32 check run a program (FloatTape::Run<float>):
  // constants rounded to float, every operation rounded to float, fma fused (fmaf), and an elementary
  // function computed in double and rounded to float.
  kFloat,
  // double, with fma written a*b + c (rounded twice): where the machine has no FMA unit (x86-64's
  // baseline) C's fma is a slow library call. A compiler that may contract (-ffp-contract=fast, GCC's
  // default outside the ISO modes) fuses it again where the target has one.
  kDoubleMultiplyAdd,
};

// A C expression computing `program` in `arithmetic`: + - * / as operators, the other Float operators
// (fma sqrt fabs fmin fmax and the elementary functions) as the <math.h> functions of the same name (fmaf
// sqrtf fabsf fminf fmaxf in float; the elementary functions as `(float)exp((double)(a))`), constants as
// exact hexadecimal literals (suffixed `f` in float: the constant rounded to float; INFINITY and NAN from
// <math.h>), Variable(i) as `variable_name`. The values are those of the arithmetic only if the C
// compiler does not contract a*b+c into an fma (-ffp-contract=off, the ISO C modes' default). Unimplemented
// for operations C lacks a direct form for (comparisons, which are Bool-valued, and every non-Float operator).
absl::StatusOr<std::string> ProgramToC(const Term& program, const std::string& variable_name,
                                       CArithmetic arithmetic = CArithmetic::kDouble);
// The same for a program of several variables: Variable(i) prints as variable_names[i] (InvalidArgument
// past the end).
absl::StatusOr<std::string> ProgramToC(const Term& program, std::span<const std::string> variable_names,
                                       CArithmetic arithmetic = CArithmetic::kDouble);

// "double" or "float".
const char* CTypeName(CArithmetic arithmetic);

// Whether ProgramToC prints `op`.
bool HasCForm(FloatOp op);

}  // namespace progsearch
