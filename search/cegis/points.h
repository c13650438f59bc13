// Points (values of a task's declared variables) for CEGIS and the term cover, and what the spec says
// at them.
#pragma once

#include <random>
#include <span>
#include <vector>

#include "core/term.h"
#include "core/value.h"
#include "dsl/task.h"

namespace progsearch {

// `count` points to start CEGIS from, one value per variable: the edge values first (each variable
// rotated by its position, so they vary together), then small values. `progsearch audit-hash` chose
// these: on random bit-vector programs, 7 edge values plus 8 small ones (shift amounts) merge 3.8% of
// programs falsely where 32 random words merge 59% (docs/BENCHMARKS.md).
std::vector<std::vector<Value>> InitialPoints(const std::vector<Declaration>& variables, int count, uint64_t seed);

// A random small value (Ints in [-30, 30], short strings over "abc", quarter-integer Floats): sums and
// products of a few stay far from overflow.
Value SampleValue(const Type& type, std::mt19937_64& rng);

// `count` points of SampleValue's.
std::vector<std::vector<Value>> SamplePoints(const std::vector<Declaration>& variables, int count, uint64_t seed);

// One column per variable, one row per point.
std::vector<ValueColumn> PointColumns(const std::vector<Declaration>& variables,
                                      const std::vector<std::vector<Value>>& points);

// For each of `terms` (over the declared variables) and each of the `n` points in `inputs`: whether the
// conjunction of `spec` (macros inlined) holds with `task`'s only synth-fun replaced by the term.
// `unknown` where it cannot be evaluated: a term is evaluated on all points at once, so one overflow
// makes it `unknown` at every point. True for filters that must never reject what Z3 would accept, false
// for rankings.
std::vector<std::vector<bool>> SpecHoldsWith(const Task& task, std::span<const TermPtr> spec,
                                             std::span<const TermPtr> terms, const std::vector<ValueColumn>& inputs,
                                             size_t n, bool unknown);

}  // namespace progsearch
