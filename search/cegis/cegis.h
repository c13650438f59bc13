// Counterexample-guided inductive synthesis (CEGIS) for tasks with logical specs: enumerate bottom-up
// on the current points, prove the candidate with Z3, add the counterexample, repeat.
//
// Bottom-up search matches outputs, so the spec must be single-invocation: the function to synthesize
// is applied to the same arguments everywhere (f x y), as in the SyGuS General, CLIA and Hacker's
// Delight tracks. At each point Z3 then says what f must return there (f treated as an uninterpreted
// function), which makes the point an input/output example; points where the spec holds whatever f
// returns are skipped. Every answer is proved by Z3 before it is returned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "search/bottom_up/bottom_up_search.h"
#include "verify/prover.h"

namespace progsearch {

struct CegisConfig {
  BottomUpConfig search;  // per round; its timeout is capped by what is left of `timeout_seconds`
  double timeout_seconds = 10;
  ProofLimits proof;  // per proof; capped by what is left
  int max_rounds = 256;
  // Single-invocation specs of grammar-free functions try the term cover first (term_cover.h), with
  // up to this share of the budget; 0 skips it.
  double term_cover_share = 0.5;
  int initial_points = 4;             // edge values first (0, 1, -1, extremes), then random ones
  int counterexamples_per_round = 4;  // distinct counterexamples Z3 is asked for after a refutation
  uint64_t seed = 1;
};

struct CegisResult {
  StopReason reason = StopReason::kExhausted;  // kSolved only with a proof
  TermPtr program;                             // kSolved: proved; otherwise the last candidate, if any
  std::vector<TermPtr> programs;               // kSolved: a body per synth-fun, in task order (program first)
  std::string note;                            // why it stopped when not solved (e.g. Z3's unknown reason)
  std::string method;                          // what found the program: "term cover" or "enumeration"
  int rounds = 0;                              // candidates proposed to Z3
  int examples = 0;                            // points the last search ran on
  BottomUpStats stats;                         // summed over rounds (cost: the last round's)
  double seconds = 0;
  double prover_seconds = 0;
};

// Errors: tasks CEGIS cannot handle (no spec, several synth-funs, a spec that is not single-invocation,
// types Z3Encoder does not encode), each with a message saying so.
absl::StatusOr<CegisResult> RunCegis(const Task& task, const CegisConfig& config);

}  // namespace progsearch
