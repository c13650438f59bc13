// Synthesis of one task as `progsearch synth` and the library run it: bottom-up enumeration for tasks of
// examples, CEGIS (every answer proved by Z3) for tasks with a logical spec. The CLI only reads files and
// prints.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/task.h"
#include "proto/config.pb.h"
#include "proto/progsearch.pb.h"
#include "search/bottom_up/bottom_up_search.h"

namespace progsearch {

struct Synthesis {
  // Status, statistics, the solution as SyGuS define-funs, how it was checked ("examples" or "proved"),
  // the CEGIS method, held-out test results. Not set: task, peak_rss_bytes (the caller's).
  proto::SynthResult result;
  std::vector<TermPtr> programs;  // when solved: one per synth-fun, in the task's order
};

// What a caller plugs into a synthesis besides its settings.
struct SynthesisHooks {
  // Called about four times a second during bottom-up searches (tasks of examples), and may end them; CEGIS
  // does not call it.
  ProgressFn progress;
  // Guides the bottom-up search of a task of examples (the neural guide, guide/guide_scorer.h, which callers
  // above search/ build from config.guide()). Not owned; may be null.
  ValueScorer* scorer = nullptr;
  // Orders each cost level's combinations (the neural argument model, guide/argument_ranker.h); not owned,
  // may be null. The unguided search for a smaller answer does without it.
  ArgumentRanker* ranker = nullptr;
  // Once true, every search ends at its next check with status "interrupted" (SIGINT, a caller's cancel).
  // Not owned; may be null.
  const std::atomic<bool>* interrupt = nullptr;
};

// Errors: InvalidArgument, Unimplemented or FailedPrecondition for tasks and settings the searches cannot
// take (bad input, contradictory examples among them); Internal for an answer that does not reproduce the
// examples (a bug).
absl::StatusOr<Synthesis> Synthesize(const Task& task, const proto::SynthConfig& config,
                                     const SynthesisHooks& hooks = {});

}  // namespace progsearch
