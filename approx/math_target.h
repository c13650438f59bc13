// Math targets for approximation: a function of x on an interval, with exact values from MPFR.
#pragma once

#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/opcode.h"

namespace progsearch {

struct MathTarget {
  std::string name;    // as given: "exp", or an expression such as "(/ 1.0 (+ 1.0 (exp (- x))))"
  TermPtr expression;  // over Variable(0) = x, of type Float
  double low = 0, high = 1;

  // The target's value at x, correctly rounded to double: evaluated in MPFR with 256-bit precision.
  double Reference(double x) const;
  // The exact value as hi + lo: hi = Reference(x), lo the remainder rounded to double.
  std::pair<double, double> ReferenceSplit(double x) const;
  // The same rounded to float (for float32 mode).
  float ReferenceFloat(float x) const;
};

// MPFR keeps caches (constants such as log 2) per thread; a thread that computed references calls this
// before it ends, or they are lost.
void ReleaseReferenceCaches();
// Runs work(0) .. work(threads - 1), work(0) on the calling thread and each other on a thread of its own
// that releases its MPFR caches before it ends.
void RunReferenceThreads(int threads, const std::function<void(int)>& work);

// The distance from |x| to the next float up: one ULP at x, the unit float32 errors are measured in.
inline double FloatSpacing(float x) {
  const float magnitude = std::fabs(x);
  return std::nextafter(magnitude, INFINITY) - magnitude;
}

// The value of a Float `program` at Variable(i) = variables[i], computed in MPFR with 256-bit precision
// and rounded once to double. Unimplemented for operators without an MPFR reference.
absl::StatusOr<double> EvaluateExactly(const Term& program, std::span<const double> variables);
// Whether MPFR evaluates `op` (every Float operator but the comparisons).
bool HasMpfrReference(FloatOp op);

// Known names: exp exp2 exp10 log log2 log10 erf sin cos tan tanh sigmoid sqrt rsqrt; anything else is
// read as an s-expression over x with + - * / fma sqrt fabs fmin fmax exp exp2 log log2 sin cos tan tanh erf and
// decimal literals.
// Errors say what is wrong; `low < high` is required.
absl::StatusOr<MathTarget> ParseMathTarget(std::string_view target, double low, double high);

}  // namespace progsearch
