#include "search/bottom_up/divide_and_conquer.h"

#include <bit>

#include "absl/container/inlined_vector.h"

namespace progsearch {
namespace {

size_t Count(const std::vector<uint64_t>& b) {
  size_t c = 0;
  for (uint64_t w : b) c += std::popcount(w);
  return c;
}

size_t CountAnd(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t c = 0;
  for (size_t i = 0; i < a.size(); ++i) c += std::popcount(a[i] & b[i]);
  return c;
}

// Sets bit i of `bits` where `hit(i)`, packing a word at a time in a register (writing bits into
// memory one by one stalls on the store); returns how many are set.
template <typename Hit>
size_t PackBits(size_t n, std::vector<uint64_t>& bits, const Hit& hit) {
  bits.resize((n + 63) / 64);
  size_t count = 0;
  for (size_t w = 0; w < bits.size(); ++w) {
    uint64_t word = 0;
    const size_t end = std::min(n, (w + 1) * 64);
    for (size_t i = w * 64; i < end; ++i) word |= uint64_t{hit(i)} << (i % 64);
    bits[w] = word;
    count += std::popcount(word);
  }
  return count;
}

// Bits where element i of the two columns is equal; returns how many.
size_t MatchBits(const ValueColumn& a, const ValueColumn& b, std::vector<uint64_t>& bits) {
  switch (a.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec: {
      const uint64_t* x = a.bits();
      const uint64_t* y = b.bits();
      return PackBits(a.size(), bits, [x, y](size_t i) { return x[i] == y[i]; });
    }
    case TypeKind::kString:
      return PackBits(a.size(), bits, [&](size_t i) { return a.string_at(i) == b.string_at(i); });
    default:
      return PackBits(a.size(), bits, [&](size_t i) { return a.Get(i) == b.Get(i); });
  }
}

// True when every bit of `a` is set in `b`.
bool Subset(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] & ~b[i]) != 0) return false;
  }
  return true;
}

bool IsHoleVariable(const Term& t, size_t num_params, int* hole) {
  if (t.kind() != TermKind::kVariable || static_cast<size_t>(t.index()) < num_params) return false;
  *hole = t.index() - static_cast<int>(num_params);
  return true;
}

void HolesIn(const Term& t, size_t num_params, std::vector<int>& out) {
  int hole;
  if (IsHoleVariable(t, num_params, &hole)) out.push_back(hole);
  for (const TermPtr& a : t.args()) HolesIn(*a, num_params, out);
}

}  // namespace

std::optional<DivideAndConquer> DivideAndConquer::Create(const GrammarPlan& plan, size_t num_params,
                                                         const std::vector<ValueColumn>& inputs,
                                                         const ValueColumn& expected) {
  // Non-terminals the start symbol reaches through unit productions (and itself).
  std::vector<bool> from_start(plan.nonterminals.size(), false);
  from_start[0] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (const PlannedProduction& p : plan.productions) {
      if (p.kind == PlannedProduction::Kind::kUnit && from_start[p.nonterminal] && !from_start[p.holes[0]]) {
        from_start[p.holes[0]] = changed = true;
      }
    }
  }
  for (const PlannedProduction& p : plan.productions) {
    if (p.kind != PlannedProduction::Kind::kComposite || !from_start[p.nonterminal]) continue;
    if (plan.nonterminals[p.nonterminal].type != plan.nonterminals[0].type) continue;
    const Term& top = *p.eval_term;
    if (!Applies(top, CoreOp::kIte) || top.args().size() != 3) continue;
    int then_hole, else_hole;
    if (!IsHoleVariable(*top.args()[1], num_params, &then_hole) ||
        !IsHoleVariable(*top.args()[2], num_params, &else_hole) || then_hole == else_hole ||
        p.holes[then_hole] != p.nonterminal || p.holes[else_hole] != p.nonterminal) {
      continue;
    }
    std::vector<int> cond_holes;
    HolesIn(*top.args()[0], num_params, cond_holes);
    if (cond_holes.size() != 1 || cond_holes[0] == then_hole || cond_holes[0] == else_hole) continue;
    DivideAndConquer d;
    d.production_ = &p;
    d.term_nt_ = p.nonterminal;
    d.cond_hole_ = cond_holes[0];
    d.predicate_nt_ = p.holes[d.cond_hole_];
    d.then_hole_ = then_hole;
    d.else_hole_ = else_hole;
    d.condition_ = top.args()[0];
    d.n_ = expected.size();
    d.words_ = (d.n_ + 63) / 64;
    d.inputs_ = &inputs;
    d.expected_ = &expected;
    d.covered_.assign(d.words_, 0);
    CompileSteps(*d.condition_, num_params, inputs, d.n_, d.condition_steps_);  // else interpreted
    return d;
  }
  return std::nullopt;
}

void DivideAndConquer::OfferTerm(uint32_t id, const ValueColumn& column) {
  // Most values match no example, or the same examples as an earlier one: both are told apart in a
  // reused buffer before anything is allocated.
  const size_t count = MatchBits(column, *expected_, scratch_);
  if (count == 0 || seen_terms_.contains(scratch_)) return;
  seen_terms_.insert(scratch_);
  Bits bits = scratch_;
  // A term right on a subset of what a cheaper kept term is right on can never help a tree; kept terms
  // right on a subset of the new one's examples give way to it.
  for (const Candidate& t : terms_) {
    if (Subset(bits, t.bits)) return;
  }
  std::erase_if(terms_, [&bits](const Candidate& t) { return Subset(t.bits, bits); });
  for (size_t w = 0; w < words_; ++w) covered_[w] |= bits[w];
  if (!covered_all_) covered_all_ = Count(covered_) == n_;
  terms_.push_back({id, std::move(bits), count});
  fresh_ = true;
}

const ValueColumn* DivideAndConquer::EvaluateCondition(const ValueColumn& column, const Interpreter& interpreter) {
  // Bind the condition's hole to this value; the other holes are not read.
  holes_.assign(production_->holes.size(), &column);
  return EvaluatePlanned(condition_steps_, *condition_, *inputs_, holes_, n_, interpreter, temps_, interpreted_, ctx_);
}

void DivideAndConquer::OfferPredicate(uint32_t id, const ValueColumn& column, const Interpreter& interpreter) {
  const ValueColumn* cond = EvaluateCondition(column, interpreter);
  if (cond == nullptr) return;
  // Most conditions repeat one already seen: test that in a reused buffer before allocating.
  const int64_t* c = cond->ints();
  const size_t count = PackBits(n_, scratch_, [c](size_t i) { return c[i] != 0; });
  if (count == 0 || count == n_ || seen_predicates_.contains(scratch_)) return;
  seen_predicates_.insert(scratch_);
  Bits bits = scratch_;
  predicates_.push_back({id, std::move(bits), count});
  fresh_ = true;
}

size_t DivideAndConquer::BestCover(const Bits& examples) const {
  size_t best = 0;
  for (const Candidate& t : terms_) best = std::max(best, CountAnd(t.bits, examples));
  return best;
}

// Returns the index of the subtree's root in `nodes`, or -1. `budget` bounds the work.
int DivideAndConquer::Learn(const Bits& examples, int depth, std::vector<Node>& nodes, int& budget,
                            const Deadline& deadline) const {
  if (--budget < 0) return -1;
  for (size_t t = 0; t < terms_.size(); ++t) {
    if (Subset(examples, terms_[t].bits)) {
      nodes.push_back(Node{static_cast<int>(t), -1, -1, -1});
      return static_cast<int>(nodes.size()) - 1;
    }
  }
  if (depth == 0) return -1;
  // The split after which single terms cover the most examples on both sides; ties go to the
  // earlier (cheaper) predicate.
  const size_t total = Count(examples);
  size_t best_score = 0;
  int best = -1;
  Bits yes(words_), no(words_);
  for (size_t p = 0; p < predicates_.size(); ++p) {
    if (p % 256 == 0 && deadline.expired()) return -1;
    size_t n_yes = 0;
    for (size_t w = 0; w < words_; ++w) {
      yes[w] = examples[w] & predicates_[p].bits[w];
      no[w] = examples[w] & ~predicates_[p].bits[w];
      n_yes += std::popcount(yes[w]);
    }
    if (n_yes == 0 || n_yes == total) continue;
    const size_t score = BestCover(yes) + BestCover(no);
    if (score > best_score) {
      best_score = score;
      best = static_cast<int>(p);
      if (score == total) break;  // both sides are single terms: cannot do better
    }
  }
  if (best < 0) return -1;
  for (size_t w = 0; w < words_; ++w) {
    yes[w] = examples[w] & predicates_[best].bits[w];
    no[w] = examples[w] & ~predicates_[best].bits[w];
  }
  const int then_node = Learn(yes, depth - 1, nodes, budget, deadline);
  if (then_node < 0) return -1;
  const int else_node = Learn(no, depth - 1, nodes, budget, deadline);
  if (else_node < 0) return -1;
  nodes.push_back(Node{-1, best, then_node, else_node});
  return static_cast<int>(nodes.size()) - 1;
}

TermPtr DivideAndConquer::TryBuild(const std::function<TermPtr(uint32_t)>& term_of, const Deadline& deadline) {
  fresh_ = false;
  if (!covered_all_ || predicates_.empty()) return nullptr;
  Bits all(words_, ~uint64_t{0});
  if (n_ % 64) all.back() = (uint64_t{1} << (n_ % 64)) - 1;
  std::vector<Node> nodes;
  int budget = 64;
  const int root = Learn(all, 8, nodes, budget, deadline);
  if (root < 0) return nullptr;
  std::function<TermPtr(int)> make = [&](int i) -> TermPtr {
    const Node& node = nodes[i];
    if (node.term >= 0) return term_of(terms_[node.term].id);
    std::vector<TermPtr> children(production_->holes.size());
    children[cond_hole_] = term_of(predicates_[node.predicate].id);
    children[then_hole_] = make(node.then_node);
    children[else_hole_] = make(node.else_node);
    return FillHoles(production_->pattern, children);
  };
  return make(root);
}

}  // namespace progsearch
