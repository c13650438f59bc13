// Divide and conquer for conditional tasks (EUSolver style): terms that are right on part of the
// examples are combined by the grammar's own conditional production into a decision tree whose
// predicates are enumerated like any other value.
//
// A production qualifies when, with its define-funs inlined, it reads (ite COND THEN ELSE) where THEN
// and ELSE are holes of its own non-terminal and COND mentions exactly one other hole: a Bool
// non-terminal as in (ite ntBool ntString ntString), or any value as in the BV track's
// (im Start Start Start) = (ite (= x #x01) y z).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "core/deadline.h"
#include "core/term.h"
#include "core/value_column.h"
#include "dsl/interpreter.h"
#include "search/bottom_up/grammar_plan.h"

namespace progsearch {

class DivideAndConquer {
 public:
  // Finds the first qualifying production whose non-terminal has the start symbol's type and is the
  // start symbol or reached from it by unit productions; nullopt when the grammar has none.
  static std::optional<DivideAndConquer> Create(const GrammarPlan& plan, size_t num_params,
                                                const std::vector<ValueColumn>& inputs, const ValueColumn& expected);

  int term_nonterminal() const { return term_nt_; }
  int predicate_nonterminal() const { return predicate_nt_; }

  // A value of term_nonterminal(): kept if it is right on some examples and no cheaper term is right
  // on exactly the same ones.
  void OfferTerm(uint32_t id, const ValueColumn& column);
  // A value of predicate_nonterminal(): its condition column is kept if it is new and not constant.
  void OfferPredicate(uint32_t id, const ValueColumn& column, const Interpreter& interpreter);

  // True when something new arrived since the last attempt and the kept terms cover every example.
  bool WorthTrying() const { return fresh_ && covered_all_; }

  // Tries to build a decision tree over the kept terms and predicates; `term_of(id)` materializes the
  // program of a bank entry. The caller still checks the result on the examples.
  // Gives up (nullptr) when `deadline` passes: learning a tree over many values and examples is costly.
  TermPtr TryBuild(const std::function<TermPtr(uint32_t)>& term_of, const Deadline& deadline = Deadline::Never());

 private:
  using Bits = std::vector<uint64_t>;
  struct Candidate {
    uint32_t id;
    Bits bits;
    size_t count;
  };
  struct Node {
    int term = -1;       // leaf: index into terms_
    int predicate = -1;  // inner node: index into predicates_
    int then_node = -1, else_node = -1;
  };

  DivideAndConquer() = default;
  int Learn(const Bits& examples, int depth, std::vector<Node>& nodes, int& budget, const Deadline& deadline) const;
  // COND with its hole bound to `column`; nullptr when it has no value.
  const ValueColumn* EvaluateCondition(const ValueColumn& column, const Interpreter& interpreter);
  size_t BestCover(const Bits& examples) const;

  const PlannedProduction* production_ = nullptr;
  int term_nt_ = -1, predicate_nt_ = -1;
  int cond_hole_ = -1, then_hole_ = -1, else_hole_ = -1;
  TermPtr condition_;                  // COND, reading parameters and Variable(num_params + cond_hole)
  PlannedProduction condition_steps_;  // COND compiled, when it compiles
  std::vector<ValueColumn> temps_;
  std::vector<const ValueColumn*> holes_;
  ValueColumn interpreted_;
  EvalContext ctx_;
  size_t n_ = 0, words_ = 0;
  const std::vector<ValueColumn>* inputs_ = nullptr;
  const ValueColumn* expected_ = nullptr;

  std::vector<Candidate> terms_;       // distinct match sets, in the order offered (cheapest first)
  std::vector<Candidate> predicates_;  // distinct condition columns: bit i set where COND holds
  absl::flat_hash_set<Bits> seen_terms_, seen_predicates_;
  Bits covered_;
  Bits scratch_;  // OfferTerm's and OfferPredicate's reused buffer
  bool covered_all_ = false;
  bool fresh_ = false;
};

}  // namespace progsearch
