#include "search/evolution/mutation.h"

#include <algorithm>
#include <cmath>

namespace progsearch {

ProgramSpace::ProgramSpace(std::vector<const Primitive*> ops, std::vector<Declaration> variables)
    : ops_(ops), generator_(std::move(ops), std::move(variables), 0.3) {}

TermPtr ProgramSpace::Random(const Type& type, int depth, std::mt19937_64& rng) const {
  return generator_.Generate(type, depth, rng);
}

namespace {

void Collect(const Term& t, std::vector<const Term*>& out) {
  out.push_back(&t);
  if (t.kind() == TermKind::kApply) {
    for (const TermPtr& a : t.args()) Collect(*a, out);
  }
}

// Rebuilds the path to pre-order node `index`; `next` counts nodes visited so far.
TermPtr Replace(const TermPtr& t, int index, const TermPtr& replacement, int& next) {
  if (next++ == index) return replacement;
  if (t->kind() != TermKind::kApply) return t;
  return MapArgs(t, [&](const TermPtr& a) { return Replace(a, index, replacement, next); });
}

template <typename T>
const T& Pick(const std::vector<T>& v, std::mt19937_64& rng) {
  return v[rng() % v.size()];
}

// An operator swapped for another of the same signature, or a leaf for another leaf of its type.
class ReplaceNodeMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kReplaceNode); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    const int index = static_cast<int>(rng() % nodes.size());
    const Term& node = *nodes[index];
    if (node.kind() != TermKind::kApply) return ReplaceAt(program, index, space.Leaf(node.type(), rng));
    std::vector<const Primitive*> same;
    for (const Primitive* op : space.ops()) {
      if (op != node.op() && op->result == node.op()->result && op->arg_types == node.op()->arg_types)
        same.push_back(op);
    }
    if (same.empty()) return nullptr;
    return ReplaceAt(program, index, Term::Apply(Pick(same, rng), node.type(), node.args()));
  }
};

// An operator of `space` that takes and returns `type`, and the argument slot `type` is kept in; a null
// operator when there is none.
std::pair<const Primitive*, size_t> WrappingOperator(const ProgramSpace& space, const Type& type, std::mt19937_64& rng) {
  std::vector<const Primitive*> fitting;
  for (const Primitive* op : space.ops()) {
    if (op->result == type && std::find(op->arg_types.begin(), op->arg_types.end(), type) != op->arg_types.end()) {
      fitting.push_back(op);
    }
  }
  if (fitting.empty()) return {nullptr, 0};
  const Primitive* op = Pick(fitting, rng);
  std::vector<size_t> slots;
  for (size_t i = 0; i < op->arg_types.size(); ++i) {
    if (op->arg_types[i] == type) slots.push_back(i);
  }
  return {op, Pick(slots, rng)};
}

// A node N becomes (op ... N ...): N stays as one argument of a new operator of its type.
class InsertMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kInsert); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    const int index = static_cast<int>(rng() % nodes.size());
    const Term& node = *nodes[index];
    const auto [op, keep] = WrappingOperator(space, node.type(), rng);
    if (op == nullptr) return nullptr;
    std::vector<TermPtr> args;
    for (size_t i = 0; i < op->arg_types.size(); ++i) {
      // The kept argument is the node itself. The others are fresh leaves, or half the time a sub-term
      // the program already computes, as straight-line code reuses an earlier result (x -> x*x).
      if (i == keep) {
        args.push_back(At(program, index));
        continue;
      }
      TermPtr reused;
      if (rng() % 2) {
        const int source = static_cast<int>(rng() % nodes.size());
        if (nodes[source]->type() == op->arg_types[i]) reused = At(program, source);
      }
      args.push_back(reused ? reused : space.Leaf(op->arg_types[i], rng));
    }
    return ReplaceAt(program, index, Term::Apply(op, op->result, std::move(args)));
  }
};

// (op ... A ...) becomes A, for an argument A of the node's own type.
class DeleteMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kDelete); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    std::vector<int> candidates;
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i]->kind() != TermKind::kApply) continue;
      for (const TermPtr& a : nodes[i]->args()) {
        if (a->type() == nodes[i]->type()) {
          candidates.push_back(static_cast<int>(i));
          break;
        }
      }
    }
    if (candidates.empty()) return nullptr;
    const int index = Pick(candidates, rng);
    std::vector<TermPtr> same;
    for (const TermPtr& a : nodes[index]->args()) {
      if (a->type() == nodes[index]->type()) same.push_back(a);
    }
    return ReplaceAt(program, index, Pick(same, rng));
  }
};

// A constant nudged (Floats by a relative step, Ints by one, bit-vectors by one flipped bit) or redrawn.
class ChangeConstantMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kChangeConstant); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    std::vector<int> constants;
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i]->kind() == TermKind::kConstant) constants.push_back(static_cast<int>(i));
    }
    if (constants.empty()) return nullptr;
    const int index = Pick(constants, rng);
    const Value& v = nodes[index]->value();
    Value changed = v;
    switch (v.type().kind()) {
      case TypeKind::kFloat: {
        std::normal_distribution<double> step(0.0, 0.1);
        changed = Value::Float(rng() % 4 == 0 ? std::uniform_real_distribution<double>(-2, 2)(rng)
                                              : v.as_float() * (1 + step(rng)) + step(rng) * 1e-3);
        break;
      }
      case TypeKind::kInt:
        // Wrapping at the ends of int64 (in unsigned arithmetic, which defines it).
        changed = Value::Int(static_cast<int64_t>(static_cast<uint64_t>(v.as_int()) + (rng() % 2 ? 1 : ~uint64_t{0})));
        break;
      case TypeKind::kBitVec:
        changed = Value::BitVec(v.type(), v.as_bits() ^ (uint64_t{1} << (rng() % v.type().width())));
        break;
      default:
        changed = RandomValue(v.type(), rng);
        break;
    }
    return ReplaceAt(program, index, Term::Constant(changed));
  }
};

// Two disjoint sub-terms of one type trade places.
class SwapSubtreesMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kSwapSubtrees); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    const int a = static_cast<int>(rng() % nodes.size());
    const int a_end = a + nodes[a]->size();  // pre-order: a's subtree is [a, a_end)
    std::vector<int> partners;
    for (int b = 0; b < static_cast<int>(nodes.size()); ++b) {
      const int b_end = b + nodes[b]->size();
      const bool disjoint = b >= a_end || b_end <= a;
      if (disjoint && nodes[b]->type() == nodes[a]->type()) partners.push_back(b);
    }
    if (partners.empty()) return nullptr;
    const int b = Pick(partners, rng);
    // Replace the later one first: the earlier one's pre-order index does not move.
    const TermPtr ta = At(program, a), tb = At(program, b);
    const int first = std::min(a, b), second = std::max(a, b);
    TermPtr out = ReplaceAt(program, second, second == a ? tb : ta);
    return ReplaceAt(out, first, first == a ? tb : ta);
  }
};

class RandomizeSubtreeMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kRandomizeSubtree); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    const int index = static_cast<int>(rng() % nodes.size());
    TermPtr fresh = space.Random(nodes[index]->type(), 3, rng);
    if (fresh == nullptr) return nullptr;
    return ReplaceAt(program, index, fresh);
  }
};

// A sub-term replaced by a copy of another sub-term of its type (not one inside it, which would be a
// deletion). Straight-line code computes a repeated sub-term once, so this is how programs come to
// reuse intermediate results, as x*x in an even polynomial or the shared parts of P(x)/P(-x).
class CopySubtreeMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kCopySubtree); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<const Term*> nodes = PreOrder(*program);
    const int a = static_cast<int>(rng() % nodes.size());
    const int a_end = a + nodes[a]->size();
    std::vector<int> sources;
    for (int b = 0; b < static_cast<int>(nodes.size()); ++b) {
      const bool inside = b >= a && b < a_end;
      if (!inside && nodes[b]->type() == nodes[a]->type()) sources.push_back(b);
    }
    if (sources.empty()) return nullptr;
    return ReplaceAt(program, a, At(program, Pick(sources, rng)));
  }
};

// Those of the straight-line form's `nodes` that apply an operation to operands.
std::vector<TermPtr> OperationNodes(std::vector<TermPtr> nodes) {
  std::erase_if(nodes, [](const TermPtr& n) { return n->kind() != TermKind::kApply || n->args().empty(); });
  return nodes;
}

bool Contains(const Term& haystack, const Term& needle) {
  if (SameTerm(haystack, needle)) return true;
  if (haystack.kind() != TermKind::kApply) return false;
  return std::any_of(haystack.args().begin(), haystack.args().end(),
                     [&](const TermPtr& a) { return Contains(*a, needle); });
}

// An existing node of `type` that does not use `user` (which would make the graph cyclic: `user` is to
// read it), or nullptr when there is none.
TermPtr ExistingNode(const std::vector<TermPtr>& nodes, const Type& type, const Term* user, std::mt19937_64& rng) {
  std::vector<TermPtr> fitting;
  for (const TermPtr& n : nodes) {
    if (n->type() == type && (user == nullptr || !Contains(*n, *user))) fitting.push_back(n);
  }
  return fitting.empty() ? nullptr : Pick(fitting, rng);
}

// `node` with operand `slot` replaced.
TermPtr WithOperand(const TermPtr& node, size_t slot, TermPtr operand) {
  std::vector<TermPtr> args = node->args();
  args[slot] = std::move(operand);
  return Term::Apply(node->op(), node->type(), std::move(args));
}

// An edge of the program graph, from node P's operand `slot` to node C = P.args[slot] (or the result
// edge, P null, C the root), gets a new operation: P reads (op ... C ...) instead, at every place P is
// used. The new operation's other operands are existing nodes three times in four (the edge reuses a
// sub-term the program already computes, as AutoNumerics-Zero's insertion does), else fresh leaves.
class InsertOnEdgeMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kInsertOnEdge); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<TermPtr> nodes = DistinctSubterms(program);
    std::vector<std::pair<TermPtr, size_t>> edges = {{nullptr, 0}};  // the result edge first
    for (const TermPtr& n : nodes) {
      for (size_t i = 0; n->kind() == TermKind::kApply && i < n->args().size(); ++i) edges.push_back({n, i});
    }
    const auto& [parent, slot] = Pick(edges, rng);
    const TermPtr child = parent ? parent->args()[slot] : program;
    const auto [op, keep] = WrappingOperator(space, child->type(), rng);
    if (op == nullptr) return nullptr;
    std::vector<TermPtr> args;
    for (size_t i = 0; i < op->arg_types.size(); ++i) {
      TermPtr operand = i == keep ? child : rng() % 4 ? ExistingNode(nodes, op->arg_types[i], parent.get(), rng) : nullptr;
      args.push_back(operand ? operand : space.Leaf(op->arg_types[i], rng));
    }
    TermPtr inserted = Term::Apply(op, op->result, std::move(args));
    if (parent == nullptr) return inserted;
    return ReplaceEvery(program, *parent, WithOperand(parent, slot, inserted));
  }
};

// A node (op ... A ...) becomes its operand A of the node's own type, at every place it is used.
class RemoveNodeMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kRemoveNode); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    std::vector<std::pair<TermPtr, TermPtr>> removals;  // (node, the operand that takes its place)
    for (const TermPtr& n : OperationNodes(DistinctSubterms(program))) {
      for (const TermPtr& a : n->args()) {
        if (a->type() == n->type()) removals.push_back({n, a});
      }
    }
    if (removals.empty()) return nullptr;
    const auto& [node, operand] = Pick(removals, rng);
    return ReplaceEvery(program, *node, operand);
  }
};

// An operand of a node now reads another existing node of its type (one that does not use the node
// itself, which would make the graph cyclic), at every place the node is used.
class RewireMutation : public Mutation {
 public:
  std::string_view name() const override { return MutationName(MutationKind::kRewire); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    const std::vector<TermPtr> nodes = DistinctSubterms(program);
    const std::vector<TermPtr> operations = OperationNodes(nodes);
    if (operations.empty()) return nullptr;
    const TermPtr node = Pick(operations, rng);
    const size_t slot = rng() % node->args().size();
    const TermPtr& old = node->args()[slot];
    std::vector<TermPtr> sources;
    for (const TermPtr& n : nodes) {
      if (n->type() == old->type() && !SameTerm(*n, *old) && !Contains(*n, *node)) sources.push_back(n);
    }
    if (sources.empty()) return nullptr;
    return ReplaceEvery(program, *node, WithOperand(node, slot, Pick(sources, rng)));
  }
};

const Primitive* FloatOperator(const ProgramSpace& space, std::string_view name, size_t arity) {
  for (const Primitive* op : space.ops()) {
    if (op->name != name || op->result != Type::Float() || op->arg_types.size() != arity) continue;
    if (std::all_of(op->arg_types.begin(), op->arg_types.end(), [](const Type& t) { return t == Type::Float(); })) {
      return op;
    }
  }
  return nullptr;
}

class ReparametrizeMutation : public Mutation {
 public:
  std::string_view name() const override { return ReparametrizeMutationName(); }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const override {
    std::vector<TermPtr> inputs;
    for (const TermPtr& n : DistinctSubterms(program)) {
      if (n->kind() == TermKind::kVariable && n->type() == Type::Float()) inputs.push_back(n);
    }
    if (inputs.empty()) return nullptr;
    const TermPtr x = Pick(inputs, rng);
    std::normal_distribution<double> step(0.0, 0.1);
    const TermPtr a = Term::Constant(Value::Float(1 + step(rng)));
    const TermPtr b = Term::Constant(Value::Float(5 * step(rng)));
    const Type f = Type::Float();
    TermPtr moved;
    if (const Primitive* fma = FloatOperator(space, "fma", 3)) {
      moved = Term::Apply(fma, f, {x, a, b});
    } else {
      const Primitive* mul = FloatOperator(space, "*", 2);
      const Primitive* add = FloatOperator(space, "+", 2);
      if (mul == nullptr || add == nullptr) return nullptr;
      moved = Term::Apply(add, f, {Term::Apply(mul, f, {x, a}), b});
    }
    return ReplaceEvery(program, *x, moved);
  }
};

}  // namespace

std::unique_ptr<Mutation> MakeReparametrizeMutation() { return std::make_unique<ReparametrizeMutation>(); }
std::string_view ReparametrizeMutationName() { return "reparametrize"; }

std::string_view MutationName(MutationKind kind) {
  switch (kind) {
    case MutationKind::kReplaceNode:
      return "replace-node";
    case MutationKind::kInsert:
      return "insert";
    case MutationKind::kDelete:
      return "delete";
    case MutationKind::kChangeConstant:
      return "change-constant";
    case MutationKind::kSwapSubtrees:
      return "swap-subtrees";
    case MutationKind::kRandomizeSubtree:
      return "randomize-subtree";
    case MutationKind::kCopySubtree:
      return "copy-subtree";
    case MutationKind::kInsertOnEdge:
      return "insert-on-edge";
    case MutationKind::kRemoveNode:
      return "remove-node";
    case MutationKind::kRewire:
      return "rewire";
  }
  return "?";
}

std::unique_ptr<Mutation> MakeMutation(MutationKind kind) {
  switch (kind) {
    case MutationKind::kReplaceNode:
      return std::make_unique<ReplaceNodeMutation>();
    case MutationKind::kInsert:
      return std::make_unique<InsertMutation>();
    case MutationKind::kDelete:
      return std::make_unique<DeleteMutation>();
    case MutationKind::kChangeConstant:
      return std::make_unique<ChangeConstantMutation>();
    case MutationKind::kSwapSubtrees:
      return std::make_unique<SwapSubtreesMutation>();
    case MutationKind::kRandomizeSubtree:
      return std::make_unique<RandomizeSubtreeMutation>();
    case MutationKind::kCopySubtree:
      return std::make_unique<CopySubtreeMutation>();
    case MutationKind::kInsertOnEdge:
      return std::make_unique<InsertOnEdgeMutation>();
    case MutationKind::kRemoveNode:
      return std::make_unique<RemoveNodeMutation>();
    case MutationKind::kRewire:
      return std::make_unique<RewireMutation>();
  }
  return nullptr;
}

std::vector<const Term*> PreOrder(const Term& root) {
  std::vector<const Term*> out;
  Collect(root, out);
  return out;
}

TermPtr ReplaceAt(const TermPtr& root, int index, const TermPtr& replacement) {
  int next = 0;
  return Replace(root, index, replacement, next);
}

TermPtr At(const TermPtr& root, int index) {
  if (index == 0) return root;
  int skipped = 1;  // pre-order: children follow their parent, each child's subtree is contiguous
  for (const TermPtr& a : root->args()) {
    if (root->kind() != TermKind::kApply) break;
    if (index < skipped + a->size()) return At(a, index - skipped);
    skipped += a->size();
  }
  return nullptr;
}

std::vector<TermPtr> DistinctSubterms(const TermPtr& root) {
  std::vector<TermPtr> out;
  std::vector<TermPtr> stack = {root};
  while (!stack.empty()) {
    TermPtr t = std::move(stack.back());
    stack.pop_back();
    if (std::any_of(out.begin(), out.end(), [&](const TermPtr& seen) { return SameTerm(*seen, *t); })) continue;
    out.push_back(t);
    if (t->kind() != TermKind::kApply) continue;
    for (auto a = t->args().rbegin(); a != t->args().rend(); ++a) stack.push_back(*a);  // pre-order
  }
  return out;
}

TermPtr ReplaceEvery(const TermPtr& root, const Term& target, const TermPtr& replacement) {
  if (SameTerm(*root, target)) return replacement;
  if (root->kind() != TermKind::kApply) return root;
  return MapArgs(root, [&](const TermPtr& a) { return ReplaceEvery(a, target, replacement); });
}

}  // namespace progsearch
