// How far a Float program is from a target: the relative error measures every part of approx/ uses.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "approx/math_target.h"
#include "core/term.h"
#include "core/value_column.h"

namespace progsearch {

// `n` evenly spaced points from `low` to `high`, both included (just `low` when n is 1).
std::vector<double> EvenlySpaced(double low, double high, size_t n);

// `n` Chebyshev-spaced points of [low, high] (the ends included), crowding towards the ends as the
// extrema of a minimax error do; the midpoint when n is 1.
std::vector<double> ChebyshevSpaced(double low, double high, size_t n);

// A Float column holding `xs`.
ValueColumn FloatColumn(const std::vector<double>& xs);

// (got - want) / |want|, or got - want where the target is 0: the error every measure here is built on.
double SignedRelativeError(double got, double want);

// The largest relative error of `program` at `xs` against `reference` (the exact values there), and the
// index where it occurs; infinity when the program fails or gives NaN.
std::pair<double, size_t> WorstError(const Term& program, const std::vector<double>& xs,
                                     const std::vector<double>& reference);

// Maximum relative error of `program` against `target` on `points` evenly spaced points, then refined
// with a denser sample around the worst one. Infinity when the program fails or gives NaN.
double MaxRelativeError(const Term& program, const MathTarget& target, size_t points);

// A target's exact values at evenly spaced points, computed once for every program measured on them (the
// MPFR references are most of a measurement's cost).
struct ReferenceGrid {
  std::vector<double> xs, values;
};
ReferenceGrid MakeReferenceGrid(const MathTarget& target, size_t points);
// MaxRelativeError(program, target, grid.xs.size()) without computing the grid's references again.
double MaxRelativeError(const Term& program, const MathTarget& target, const ReferenceGrid& grid);

}  // namespace progsearch
