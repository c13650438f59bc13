// The value-scoring hook of bottom-up search: BUSTLE's reweighting. A scorer sees each batch of new
// values (a candidate program's outputs on every example) and may raise each one's cost, so the
// enumeration builds on it later, or on values it likes sooner by delaying the rest. The neural guide
// implements it (guide/guide_scorer.h); without a scorer every value keeps the cost of its program.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/value_column.h"

namespace progsearch {

// One new value: which non-terminal it belongs to, the cost of the program that made it, its outputs,
// whether that program is one of the grammar's leaves (an input or a constant), and its operator.
struct CandidateValue {
  int nonterminal = 0;
  int cost = 0;
  const ValueColumn* outputs = nullptr;
  bool leaf = false;
  std::string_view op;  // the operator heading the production that built it; empty for leaves
};

class ValueScorer {
 public:
  virtual ~ValueScorer() = default;

  // Called once before enumeration: the examples' inputs (one column per parameter) and the outputs the
  // answer must give.
  virtual void Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {}

  // Sets extra_cost[i] (0 on entry; negative counts as 0) for each value of `batch`, in enumeration
  // order. Values of one batch are new to the bank, except that a few may equal another value of the
  // same batch and be dropped after scoring. Called on one thread; the answer then depends only on the
  // scores, never on the number of search threads. A value of the start symbol that fits the examples is
  // the answer whatever its score.
  virtual void Score(std::span<const CandidateValue> batch, std::span<int> extra_cost) = 0;
};

}  // namespace progsearch
