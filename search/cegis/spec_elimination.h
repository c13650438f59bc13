// Spec elimination: solves constraints that define one synth-fun through others.
//
// A constraint such as (= (+ (f1 x y) (f1 x y)) (f2 x y)) defines f2 := f1 + f1, and
// (= (+ (g x y) (h y x)) (- x y)) defines g := (x - y) - h(y, x) once g's application is isolated
// (through + and -). Each definition is inlined into the other constraints and definitions, so it
// leaves the problem: fivefuncs, sixfuncs and tenfunc2 of the CLIA track lose every constraint, and the
// functions nothing defines may be anything. What constraints are left (over fewer functions) go to
// CEGIS.
//
// A definition needs g applied to distinct declared variables, and the defining side may use only
// those variables (so it reads as a body over g's parameters) and must not apply g itself.
#pragma once

#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/task.h"

namespace progsearch {

struct Elimination {
  // Per synth-fun of the task (same order): its body over its parameters, applying only free synth-funs,
  // or null for a free one.
  std::vector<TermPtr> definitions;
  std::vector<int> free;  // indices of the free synth-funs in the task
  // The task's synth-funs that are free and the constraints that were not definitions and still apply
  // a synth-fun, with every definition inlined (examples only if they constrain a free function).
  Task reduced;
  int eliminated = 0;  // constraints used as definitions
};

// Never fails on a task it cannot simplify: `eliminated` is then 0 and `reduced` the task itself.
// Elimination stops early when a definition grows past 100000 nodes.
Elimination EliminateDefinitions(const Task& task);

// Every synth-fun's body once the free ones have `free_bodies` (in the order of `free`), simplified.
// InvalidArgument unless there is one body per free synth-fun.
absl::StatusOr<std::vector<TermPtr>> ComposeBodies(const Task& task, const Elimination& elimination,
                                                   std::span<const TermPtr> free_bodies);

// The simplest body of a type, for functions nothing constrains: 0, false, the zero bit-vector, "", 0.0,
// the empty list (Int 0 for function types, which no synth-fun returns).
TermPtr DefaultBody(const Type& type);

}  // namespace progsearch
