// Constant tuning: the Float constants of a program are optimized with NLopt (derivative-free) to
// minimize an error measure, so evolution searches shapes while numbers are fitted.
#pragma once

#include <functional>
#include <vector>

#include "core/term.h"

namespace progsearch {

// The program's Float constants, in pre-order.
std::vector<double> FloatConstants(const Term& program);
// The program with its Float constants (pre-order) replaced by `values`.
TermPtr WithFloatConstants(const TermPtr& program, const std::vector<double>& values);

struct TuningResult {
  TermPtr program;  // the tuned program (the input when nothing improved)
  double error;     // `error` of that program
  int evaluations;  // calls of `error`
};

// Minimizes `error(program)` over the program's Float constants with Nelder-Mead, starting from the
// current values with steps of 10% (0.1 for zeros), at most `max_evaluations` calls.
TuningResult TuneConstants(const TermPtr& program, const std::function<double(const Term&)>& error,
                           int max_evaluations);

// Minimizes the maximum relative error of `program` against `reference` (the exact values at `xs`)
// over its constants: NLopt's SLSQP on the epigraph form, minimize t subject to |r_i(c)| <= t for
// every point, with exact derivatives from FloatTape. That is a minimax fit, as Remez gives for
// polynomials, for any shape (rational, factored, shared sub-terms). `error` in the result is the
// maximum relative error at `xs`. Programs FloatTape cannot compile (TapeOperators::kArithmetic: + - * /
// fma sqrt fabs fmin fmax) come back unchanged.
TuningResult TuneMinimax(const TermPtr& program, const std::vector<double>& xs, const std::vector<double>& reference,
                         int max_iterations);

}  // namespace progsearch
