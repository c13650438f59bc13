// Counterexample-guided inductive synthesis (CEGIS) for tasks with logical specs. RunCegis tries the
// techniques of search/cegis/technique.h in order, each taking the specs of its shape (docs/synth.md,
// "Logical specs"):
// - several synth-funs: definitions such as (= (+ (f1 x) (f1 x)) (f2 x)) are eliminated
//   (spec_elimination.h), and what is left is solved as below;
// - single-invocation (f applied to the same arguments everywhere) and grammar-free: the term cover
//   (term_cover.h), a case split over the spec's own terms;
// - single-invocation otherwise: at each point Z3, with f uninterpreted, says what f must return
//   (oracle.h); bottom-up search fits those examples, Z3 proves the candidate, counterexamples become
//   new points;
// - f applied to several argument lists: bottom-up search judged by the whole spec (whole_spec.h).
// Every answer is proved by Z3 against the whole task before it is returned.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "proto/config.pb.h"
#include "search/bottom_up/bottom_up_search.h"
#include "verify/prover.h"

namespace progsearch {

// Budgets and switches (proto/config.proto): `search` configures each enumeration round, whose timeout
// is capped by what is left of `timeout_seconds`; each proof gets proof_timeout_ms, capped the same way.
using CegisConfig = proto::CegisConfig;

// InvalidArgument, naming the setting, for values CEGIS cannot run with (the search's, a negative timeout,
// a term-cover share outside [0, 1], no rounds, no counterexample per round, ...).
absl::Status ValidateCegisConfig(const CegisConfig& config);

// The techniques, as results name them.
enum class CegisMethod {
  kDefinitions,  // spec_elimination.h
  kTermCover,    // term_cover.h
  kEnumeration,  // the oracle's examples, enumerated bottom-up (oracle.h)
  kWholeSpec,    // enumeration judged by the whole spec (whole_spec.h)
  kExternal,     // a technique the caller added (technique.h)
};
std::string_view CegisMethodName(CegisMethod method);

struct CegisResult {
  StopReason reason = StopReason::kExhausted;  // kSolved only with a proof
  TermPtr program;                             // kSolved: proved; otherwise the last candidate, if any
  std::vector<TermPtr> programs;               // kSolved: a body per synth-fun, in task order (program first)
  std::string note;                            // why it stopped when not solved (e.g. Z3's unknown reason)
  // What found the program: one technique, or definitions and the technique that solved what they left.
  std::vector<CegisMethod> methods;
  // "term cover", "enumeration", "whole-spec enumeration", "definitions", "definitions + enumeration", ...
  std::string method_name() const;
  int rounds = 0;       // candidates proposed to Z3
  int examples = 0;     // points the last search ran on
  BottomUpStats stats;  // summed over rounds (cost: the last round's)
  double seconds = 0;
  double prover_seconds = 0;
};

// Errors: tasks CEGIS cannot handle (no spec, several synth-funs constrained together beyond
// definitions, types Z3Encoder does not encode, grammar-free results without a default operator set),
// each with a message saying so.
// `interrupt` (not owned; may be null): once true, the run ends at its next check with
// StopReason::kInterrupted.
absl::StatusOr<CegisResult> RunCegis(const Task& task, const CegisConfig& config,
                                     const std::atomic<bool>* interrupt = nullptr);

}  // namespace progsearch
