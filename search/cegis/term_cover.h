// Term cover: a solver for single-invocation specs of grammar-free synth-funs (the SyGuS CLIA track).
//
// A single-invocation spec phi(x, f(x)) is realizable by a finite case split when some finite set of
// terms t1..tn covers the input space: for every x, phi(x, ti(x)) holds for some i. The program is then
//   (ite phi(x, t1(x)) t1 (ite phi(x, t2(x)) t2 ... tn))
// whose guards are the spec itself with f replaced by each term. The terms come from the spec (the
// sub-terms of f's type: max_n's x_i, array_sum's x_i + x_(i+1), a plane's linear form), plus the
// parameters, 0 and 1 and each term +-1 (strict bounds). Z3 drives the cover: it finds a point that no
// chosen term satisfies yet, the first candidate that satisfies the spec there joins the cover, and
// the loop ends when Z3 proves that no uncovered point is left. The guards are then, in order of
// preference: single Bool sub-terms of the spec in a chain, a decision tree over them, or phi(ti)
// weakened conjunct by conjunct; every step is proved by Z3 (smaller programs, same proof).
//
// This is our reading of the single-invocation idea in cvc5 (Reynolds et al., CAV 2015); it answers
// what enumeration cannot reach in time (max15 needs 15 nested cases) and is tried before it.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "core/deadline.h"
#include "core/term.h"
#include "dsl/task.h"

namespace progsearch {

struct TermCoverResult {
  TermPtr program;          // over the synth-fun's parameters; null when no cover was found
  int terms = 0;            // cases of the case split
  int candidate_terms = 0;  // terms the cover could choose from
  int queries = 0;          // Z3 queries
  std::string note;         // why there is no program
};

// `call` is the spec's one application of the task's only synth-fun. The cover applies when the
// synth-fun has no grammar and `call` applies it to distinct declared variables that include every
// declared variable; otherwise the result has no program and says why. Errors: what Z3Encoder cannot
// encode.
absl::StatusOr<TermCoverResult> SolveByTermCover(const Task& task, const TermPtr& call, const Deadline& deadline);

}  // namespace progsearch
