// One iteration of compression: the search for the abstraction of highest utility (compression.h).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/deadline.h"
#include "search/library/expr_pool.h"

namespace progsearch::library {

// A pattern's body in preorder: what filled each hole, left to right. kApp and kLam open holes (function
// then argument; body); kIVar k is argument #k.
struct PatternStep {
  ExprKind kind;
  int32_t value = 0;  // kPrim: symbol id; kVar, kIVar: index
};

// A complete abstraction and where it matches.
struct FoundAbstraction {
  std::vector<PatternStep> steps;
  int arity = 0;
  std::vector<int> ivar_depth;   // lambdas of the body around argument #k's first use
  std::vector<NodeId> locations;  // corpus nodes it matches
  std::vector<NodeId> args;       // locations.size() x arity: the matched sub-trees, as in the corpus
  int64_t body_cost = 0;          // the body's cost with #i free
  double utility = 0;
};

// The corpus nodes reachable from `tasks`, children first, and how often each occurs in the corpus's
// programs written out as trees (saturating at 2^62).
struct CorpusNodes {
  std::vector<NodeId> order;
  std::vector<int64_t> occurrences;  // indexed by node id
};
CorpusNodes ReachableNodes(const ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks);

// The corpus's cost given each program's: every task's cheapest program, summed.
template <typename CostOf>
int64_t SumOfCheapest(const std::vector<std::vector<NodeId>>& tasks, CostOf cost_of) {
  int64_t total = 0;
  for (const auto& task : tasks) {
    int64_t cheapest = std::numeric_limits<int64_t>::max();
    for (NodeId root : task) cheapest = std::min(cheapest, cost_of(root));
    total += cheapest;
  }
  return total;
}

// How one search runs.
struct SearchSettings {
  int max_arity = 2;               // arguments an abstraction may take
  double structure_penalty = 1.0;  // utility loses this times the body's cost
  // Off by default, as in DreamCoder and Stitch: an abstraction whose every use lies in one task's
  // programs is not learned (it would fit that task rather than generalise).
  bool allow_single_task = false;
};

class AbstractionSearch {
 public:
  AbstractionSearch(ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks, const SearchSettings& settings);

  // The abstraction of highest positive utility, or none when no abstraction shortens the corpus. When
  // `deadline` passes first, the best found so far (timed_out() then says so). Patterns are refined in
  // batches whose expansions run in parallel in the caller's TBB arena; the batches do not depend on
  // how many threads the arena has, so neither does the answer.
  std::optional<FoundAbstraction> Run(const Deadline& deadline = Deadline::Never());
  bool timed_out() const { return timed_out_; }
  int64_t patterns_expanded() const { return expanded_; }
  // Past this many bytes of waiting patterns (256 MiB by default) a branch is finished depth first.
  void set_max_stored_bytes(size_t bytes) { max_stored_bytes_ = bytes; }

  // The corpus's cost rewritten with `a` (each task's cheapest program); fills `cost` per node and, when
  // `use` is given, whether a node is rewritten into a use of `a`.
  int64_t RewrittenCost(const FoundAbstraction& a, std::vector<int64_t>& cost, std::vector<uint8_t>* use) const;

  const CorpusNodes& nodes() const { return nodes_; }

 private:
  struct Pattern;
  // Appends `p`'s refinements whose bound beats `bar`. Reads the search's state only: safe from threads.
  void Expand(const Pattern& p, double bar, std::vector<Pattern>& children) const;
  double Bar() const;
  // Makes every shift Expand asks for, so that the search never grows the pool.
  void PrepareShifts();
  void Score(const Pattern& p);
  void SeedWithRepeatedSubtrees();
  // Scores `p` when complete; whether to refine it (not when it cannot beat the best abstraction, nor
  // once the deadline passed, which sets timed_out_).
  bool ShouldRefine(const Pattern& p, const Deadline& deadline);
  // Refines `start` and its offspring depth first, highest bound first; false when the deadline passed.
  bool ExploreDepthFirst(Pattern start, const Deadline& deadline);
  std::vector<PatternStep> StepsOf(NodeId n) const;
  // Whether a pattern that keeps `members` of `p`'s locations matches inside one task only.
  bool InOneTask(const Pattern& p, const std::vector<uint32_t>& members) const;
  // Whether another pattern dominates `p`: an argument that is one closed sub-tree everywhere (inlining
  // it saves more), or two arguments equal everywhere (one argument used twice saves more). Checked on
  // every refinement since dropping locations can make either true.
  bool Dominated(const Pattern& p) const;

  ExprPool& pool_;
  const std::vector<std::vector<NodeId>>& tasks_;
  int max_arity_;
  double penalty_;
  bool allow_single_task_;
  CorpusNodes nodes_;
  std::vector<int32_t> task_of_;  // node id -> the one task whose programs hold it, or kManyTasks
  int64_t baseline_cost_ = 0;
  std::optional<FoundAbstraction> best_;
  int64_t expanded_ = 0;
  bool timed_out_ = false;
  size_t max_stored_bytes_ = size_t{256} << 20;
  mutable std::vector<int32_t> location_of_;  // node id -> index into a scored abstraction's locations
};

}  // namespace progsearch::library
