// A search's input moved to t = x - c (ApproximationSearch.centre): the target in t, programs of t read
// back as programs of x through one shared (- x c), and the inverse, which the certifier uses to work in
// t where the shift is exact.
#pragma once

#include <optional>
#include <utility>

#include "approx/math_target.h"
#include "core/term.h"

namespace progsearch {

// Where ApproximationSearch.centre moves the input: the target's one simple zero in the interval
// (SimpleZeros), where relative error is hardest and the classical forms centre (log2 near 1), else the
// interval's middle; 0 when that is 0 or within 1e-12 of the interval's width of it (centred already).
double InputCentre(const MathTarget& target);
// g(t) = f(t + c) on [low - c, high - c], named "NAME at x + c".
MathTarget ShiftedTarget(const MathTarget& target, double c);
// The program (- x c): t, read as a program of x.
TermPtr ShiftedInput(double c);
// `program` over t read as a program of x: every t becomes one shared (- x c).
TermPtr ProgramOfShiftedInput(const TermPtr& program, double c);
// The inverse: when every x of `program` is the first operand of a (- x c) with one constant c != 0,
// the program over t (each such node replaced by x) and c; nullopt otherwise.
std::optional<std::pair<TermPtr, double>> SplitShiftedInput(const Term& program);

}  // namespace progsearch
