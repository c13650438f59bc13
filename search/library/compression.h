// Library learning by compression (Stitch's method): find the abstraction that most shortens a corpus,
// rewrite the corpus with it, repeat.
//
// One iteration is a top-down search over partial abstractions: a pattern with holes, matched at every
// node of the corpus where its concrete part fits. A hole is refined into an application, a lambda, a
// leaf, a new argument #i or an existing argument (where the two sub-trees are equal), and each
// refinement keeps only the locations it still matches. The utility a refinement could still reach is
// bounded from above (every location saving its matched cost, none overlapping), so branches that cannot
// beat the best abstraction found are cut. A complete abstraction is scored exactly by rewriting: per
// program, a bottom-up pass picks at every node the cheaper of the node as it is and a use of the
// abstraction there.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/deadline.h"
#include "search/library/corpus.h"

namespace progsearch::library {

struct CompressionOptions {
  int max_arity = 2;        // arguments an abstraction may take
  int iterations = 10;      // abstractions to learn, at most (fewer when none would shorten the corpus)
  double structure_penalty = 1.0;  // an abstraction's utility loses this times its body's cost
  bool allow_single_task = false;  // learn abstractions used in one task only (off, as in DreamCoder)
  std::string prefix = "fn_";      // abstractions are named prefix0, prefix1, ...
  int first_index = 0;             // the first abstraction's number (after an earlier library)
  // Compression stops here, keeping the abstractions learned; a stop flag on it (Deadline::StoppedBy) is an
  // interrupt, reported as such.
  Deadline deadline;
};

struct Abstraction {
  std::string name;
  int arity = 0;
  NodeId body = 0;         // in the corpus pool; arguments as #0..#(arity-1)
  std::string body_text;   // Stitch's syntax: (lam ...) and #i
  std::string dreamcoder;  // DreamCoder's: #(lambda (lambda ... $i)), earlier abstractions inlined
  double utility = 0;      // cost saved minus structure_penalty times the body's cost (#i free)
  int64_t uses = 0;        // places it is used in the rewritten corpus
  int64_t cost_after = 0;  // the corpus cost once rewritten with it
  double compression_ratio = 1;             // cost before this abstraction / after
  double cumulative_compression_ratio = 1;  // the corpus's original cost / cost after
  int64_t patterns_expanded = 0;            // partial abstractions the search refined for it
};

struct CompressionResult {
  int64_t original_cost = 0;
  int64_t final_cost = 0;
  double compression_ratio = 1;
  std::vector<Abstraction> abstractions;
  std::vector<std::vector<NodeId>> rewritten;  // per task, its programs rewritten with every abstraction
  // Why it stopped: "the iteration budget was reached" (options.iterations learned), "no abstraction
  // shortens the corpus further", the deadline or an interrupt (the last abstraction then the best found
  // in time, not proven best).
  std::string stop_reason;
};

// The corpus's cost: each task's cheapest program, summed.
int64_t CorpusCost(const ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks);

// Called after each learned abstraction, e.g. for a progress line.
using CompressionProgress = std::function<void(const Abstraction& learned, int iteration)>;

// `id` with every use (name a0 ... a(n-1)) of `abstractions` replaced by the body with #i := ai, until
// none is left: the program the rewritten one stands for, for checking that rewriting kept its meaning.
NodeId InlineAbstractions(ExprPool& pool, NodeId id, const std::vector<Abstraction>& abstractions);

// Learns up to options.iterations abstractions from `corpus` (whose pool gains the rewritten programs).
CompressionResult Compress(Corpus& corpus, const CompressionOptions& options, const CompressionProgress& progress = {});

}  // namespace progsearch::library
