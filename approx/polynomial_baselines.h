// What a numerical analyst would write: Taylor and minimax (Remez) polynomials in Horner form, as the
// baselines `progsearch discover` prints next to its own programs.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "approx/float_tape.h"
#include "approx/math_target.h"
#include "core/term.h"

namespace progsearch {

// The polynomial sum_k c[k] x^k as a Horner-form program of fma steps: (fma (fma c_n x c_{n-1}) x ...).
TermPtr HornerProgram(const std::vector<double>& coefficients);

// Coefficients of the degree-`degree` polynomial minimizing the maximum relative error to `target`
// on its interval (Remez exchange on a dense grid, long double linear algebra); nullopt if the
// iteration does not settle.
std::optional<std::vector<double>> MinimaxPolynomial(const MathTarget& target, int degree);

// A rational function P/Q, numerator of degree m in Horner form over a monic denominator of degree n
// (Q = x^n + b_{n-1} x^{n-1} + ... + b_0, in Horner form starting (+ x b_{n-1})): 2(m + n) operations,
// as many as a polynomial of degree m + n. Coefficients come from a linearized least-squares fit of
// relative error (min sum ((P - f Q) / f)^2), then a minimax fit (TuneMinimax) on `grid` points.
// nullptr when the fit fails (singular, or the denominator vanishes on the interval).
TermPtr MinimaxRational(const MathTarget& target, int m, int n, size_t grid = 257);

// The classical programs that fit an operation budget, fitted once for both of their uses: seeds of
// the search, and the baseline columns of `progsearch discover`.
struct ClassicalFits {
  // Minimax polynomials in Horner form, by degree from 1 up to the last one costing at most the
  // budget (a failed Remez fit skips its degree).
  std::vector<std::pair<int, TermPtr>> polynomials;
  // Minimax rationals P/Q within the budget, with deg P + deg Q = d for each fitting degree d: a
  // rational costs what the degree-d polynomial does, so it fits exactly when that does. In order of d,
  // then of deg Q from 1 to d.
  std::vector<std::pair<int, TermPtr>> rationals;  // (d, program)
};
ClassicalFits FitClassical(const MathTarget& target, int max_ops, const OperationWeights& weights);

// Taylor coefficients around 0 for targets with a known series (exp, exp2, sin, cos); nullopt otherwise.
std::optional<std::vector<double>> TaylorPolynomial(const MathTarget& target, int degree);

}  // namespace progsearch
