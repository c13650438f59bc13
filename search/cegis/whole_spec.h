// CEGIS for one synth-fun that its spec applies to several argument lists ((= (f x y) (f y x)), or
// nested as in (f (+ x1 (f x1 x2)) x2)): a point no longer says what f must return, so bottom-up search
// judges each candidate by evaluating the whole spec at every point with the candidate in place of f.
// Candidates are told apart by their values at the argument lists that do not themselves apply f.
// The spec's own terms of f's type join the grammar as leaves of cost 1. The technique itself is
// MakeWholeSpecEnumeration (technique.h).
#pragma once

#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "search/cegis/cegis.h"
#include "search/cegis/rounds.h"

namespace progsearch {

// The task with f's grammar (the default one, for a grammar-free f) extended by the spec's terms of f's
// type, as leaves of cost 1, read over f's parameters through `call` (which must apply f to distinct
// variables; otherwise the task is returned as it is). A bound such as (<= (f x y) (+ (* 100 x) 1000))
// then needs no search for 100x + 1000.
absl::StatusOr<Task> WithSpecTerms(const Task& task, const TermPtr& call);

}  // namespace progsearch
