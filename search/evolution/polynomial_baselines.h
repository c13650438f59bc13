// What a numerical analyst would write: Taylor and minimax (Remez) polynomials in Horner form, as the
// baselines `progsearch discover` prints next to its own programs.
#pragma once

#include <optional>
#include <vector>

#include "core/term.h"
#include "dsl/math_target.h"

namespace progsearch {

// The polynomial sum_k c[k] x^k as a Horner-form program of fma steps: (fma (fma c_n x c_{n-1}) x ...).
TermPtr HornerProgram(const std::vector<double>& coefficients);

// Coefficients of the degree-`degree` polynomial minimizing the maximum relative error to `target`
// on its interval (Remez exchange on a dense grid, long double linear algebra); nullopt if the
// iteration does not settle.
std::optional<std::vector<double>> MinimaxPolynomial(const MathTarget& target, int degree);

// Taylor coefficients around 0 for targets with a known series (exp, exp2, sin, cos); nullopt otherwise.
std::optional<std::vector<double>> TaylorPolynomial(const MathTarget& target, int degree);

}  // namespace progsearch
