// What a numerical analyst would write: Taylor and minimax (Remez) polynomials in Horner form, as the
// baselines `progsearch discover` prints next to its own programs.
#pragma once

#include <atomic>
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
// iteration does not settle or the target vanishes at a grid point.
std::optional<std::vector<double>> MinimaxPolynomial(const MathTarget& target, int degree);

// The zeros of the target in its interval, when every one is simple and held exactly by a double (0 for
// sin on [0, 1], 1 for log2 on [0.7, 1.4]); empty otherwise, or when it has none. Near such a zero z,
// f(x) / (x - z) tends to f'(z) != 0, so an approximation of that quotient, multiplied by (x - z) again,
// has a bounded relative error: the standard remedy for relative error at a zero.
std::vector<double> SimpleZeros(const MathTarget& target);

// The minimax polynomial of degree `degree` as a program: with `zeros` (SimpleZeros), the minimax
// polynomial of degree - |zeros| of f(x) / prod (x - z), in Horner form, times (x - z) for each zero
// ((* x q) for a zero at 0), whose relative error to f is that fit's. nullptr when the fit fails.
TermPtr MinimaxPolynomialProgram(const MathTarget& target, int degree, const std::vector<double>& zeros = {});

// A rational function P/Q, numerator of degree m in Horner form over a monic denominator of degree n
// (Q = x^n + b_{n-1} x^{n-1} + ... + b_0, in Horner form starting (+ x b_{n-1})): 2(m + n) operations,
// as many as a polynomial of degree m + n. Coefficients come from a linearized least-squares fit of
// relative error (min sum ((P - f Q) / f)^2), then a minimax fit (TuneMinimax) on `grid` points.
// nullptr when the fit fails (singular, or the denominator vanishes on the interval). With `zeros`
// (SimpleZeros), P/Q is fitted to f(x) / prod (x - z) and multiplied by the factors, as for polynomials.
TermPtr MinimaxRational(const MathTarget& target, int m, int n, size_t grid = 257,
                        const std::vector<double>& zeros = {});

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
  std::vector<double> zeros;  // the simple zeros factored out of every fit (SimpleZeros)
};
// `interrupt` (may be null): once true, the fits made so far are returned (each fit takes milliseconds).
ClassicalFits FitClassical(const MathTarget& target, int max_ops, const OperationWeights& weights,
                           const std::atomic<bool>* interrupt = nullptr);

// Taylor coefficients around 0 for targets with a known series (exp, exp2, sin, cos); nullopt otherwise.
std::optional<std::vector<double>> TaylorPolynomial(const MathTarget& target, int degree);

}  // namespace progsearch
