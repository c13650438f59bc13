// A proved upper bound on a program's maximum relative error over an interval, float64 rounding included
// (`discover --certify`), with FLINT's Arb ball arithmetic.
//
// The interval is cut into pieces, adaptively. On a piece X with centre c and half-width h:
//   - the approximation part: e(x) = P(x)/f(x) - 1 as a Taylor series, its coefficients at c (balls that
//     hold the exact values) and its last coefficient over the whole of X (a ball that holds every
//     e^(n)(x)/n! on X, Taylor-Lagrange): |e| <= sum |e_k(c)| h^k + |e_n(X)| h^n on X;
//   - the rounding part: a forward error analysis of the double evaluation, each operation adding at
//     most 2^-53 of the largest |value| it has on X (and 2^-1074 where a product or quotient may be
//     subnormal), propagated through the operations with the node values' enclosures on X, divided by the
//     smallest |f| on X. Only where no node's enclosure reaches 2^1023 (no overflow is possible);
//   - or, where that fails (a node may overflow, a quotient's denominator may vanish), the double program
//     run in interval arithmetic with outward rounding over the extended reals, which holds every IEEE
//     result including the infinities a later operation absorbs (c/x near x = 0), against f's enclosure.
// The piece's bound is the smaller of the two that apply; a piece whose bound is above the largest error
// seen so far (at the pieces' centres, exactly) by more than the tightness is split, down to a depth.
// Pieces that touch 0 are cut by binade (a c/x term grows without bound there), and x = 0 itself is run
// in IEEE arithmetic. Where the target vanishes at 0 the subnormal x are left out (Certificate says so).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "approx/math_target.h"
#include "core/term.h"

namespace progsearch {

struct CertifyOptions {
  int taylor_terms = 8;         // n: coefficients at the centre; the n-th over the piece
  int max_depth = 48;           // bisections of one piece (binade cuts not counted)
  double tightness = 1.0 / 8;   // a piece is accepted within (1 + tightness) x the largest error seen
  uint64_t max_pieces = 4000000;
  long precision = 192;         // Arb's working precision, bits
  const std::atomic<bool>* interrupt = nullptr;
};

struct Certificate {
  // False when some piece could not be bounded (the reason says where); bound is then infinite.
  bool certified = false;
  std::string reason;
  double bound = 0;           // max relative error of the program run in double, proved; rounded up
  double lower = 0;           // the largest exact relative error at a piece's centre (a true lower bound)
  double rounding = 0;        // the largest rounding part of a piece's bound
  // The largest bound of the exact program's error alone (the approximation part, without rounding);
  // where a piece was bounded by IEEE intervals only, that piece's whole bound.
  double approximation = 0;
  uint64_t pieces = 0;
  double seconds = 0;
  // The target vanishes at 0, inside the interval: the bound holds at 0 and at every normal double, not
  // at the subnormal x (where a double result's relative error is set by the subnormals' spacing).
  bool subnormals_excluded = false;
};

// A program of t = x - c (one shared (- x c), discover --centre) is certified in t where the shift is
// exact (x within a factor 2 of c), so that a pole of the program at x = c meets the binade cuts there,
// and as it stands elsewhere.
// Errors: programs with operators other than the correctly rounded ones (TapeEvaluates in float_tape.h:
// libm's double exp is not specified to the last bit, so its rounding cannot be bounded), non-Float
// programs; Cancelled by the interrupt.
absl::StatusOr<Certificate> CertifyRelativeError(const Term& program, const MathTarget& target,
                                                 const CertifyOptions& options = {});

}  // namespace progsearch
