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

}  // namespace progsearch
