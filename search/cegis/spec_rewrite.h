// Rewrites of spec terms, for solvers that build programs out of the spec itself: the term-cover
// solver turns "the spec with f replaced by t" into a guard, and spec elimination turns a constraint
// (= (g x y) e) into the definition g := e.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/primitive.h"
#include "dsl/primitive_registry.h"
#include "dsl/task.h"

namespace progsearch {

// Whether `term` applies `f` (any synth-fun when `f` is null).
bool Mentions(const Term& term, const Primitive* f = nullptr);

// `term` with every application of `f` replaced by `by`, whatever its arguments (callers make sure
// all applications have the same ones, or that `by` takes no arguments from them).
TermPtr ReplaceCalls(const TermPtr& term, const Primitive* f, const TermPtr& by);

// `term` with every application of `f` replaced by `body` read with Variable(i) bound to the
// application's argument i: what inlining a candidate for `f` gives.
TermPtr InlineCalls(const TermPtr& term, const Primitive* f, const TermPtr& body);

// The sub-terms of `terms` of type `type` that apply no synth-fun, each once (structurally), smallest
// first (ties in order of appearance).
std::vector<TermPtr> SubtermsOfType(std::span<const TermPtr> terms, const Type& type);

// An equivalent term, smaller where it can be:
// - closed sub-terms are evaluated (one that fails to evaluate, an overflow, is left as it is);
// - t = t is true, and so are t <= t and t >= t except over Float (false on NaN); t < t and t > t are
//   false;
// - over Int, t + 0, 0 + t, t - 0, t * 1 and 1 * t are t;
// - and / or / not / => / ite with constant operands are folded, (=> p false) becoming (not p) with the
//   registry's `not`.
TermPtr Simplify(const TermPtr& term, const PrimitiveRegistry& registry);

// The conjunction of `terms` (true when empty), built with the registry's binary `and`.
absl::StatusOr<TermPtr> Conjunction(std::span<const TermPtr> terms, const PrimitiveRegistry& registry);

// (ite cond then else), with the registry's `ite` for the branches' type.
absl::StatusOr<TermPtr> IfThenElse(const TermPtr& cond, const TermPtr& then, const TermPtr& otherwise,
                                   const PrimitiveRegistry& registry);

// When `call` applies `f` to distinct declared variables (of `num_declared`): for each declared variable,
// the parameter of `f` it is passed as (null for those not passed). nullopt otherwise.
std::optional<std::vector<TermPtr>> ArgumentParameters(const Term& call, const SynthFun& f, size_t num_declared);

// Whether every variable of `t` has a parameter in `as_param` (what ArgumentParameters gives).
bool VariablesWithin(const Term& t, const std::vector<TermPtr>& as_param);

}  // namespace progsearch
