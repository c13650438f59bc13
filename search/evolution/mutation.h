// Mutations: one small class per way of changing a program, behind one interface, so that a library
// user can add their own and weigh them against the built-in ones (search/evolution/mutator.h combines
// them). Every built-in mutation keeps programs well typed and keeps the program's result type.
#pragma once

#include <memory>
#include <random>
#include <string_view>
#include <vector>

#include "core/term.h"
#include "dsl/primitive.h"
#include "dsl/declaration.h"
#include "dsl/random_term.h"

namespace progsearch {

// What programs are built from: the operators (concrete primitives) and the inputs (Variable(i)); fresh
// leaves and subtrees are drawn from it.
class ProgramSpace {
 public:
  ProgramSpace(std::vector<const Primitive*> ops, std::vector<Declaration> variables);

  const std::vector<const Primitive*>& ops() const { return ops_; }
  // A random program of `type` at most `depth` deep.
  TermPtr Random(const Type& type, int depth, std::mt19937_64& rng) const;
  // A random leaf of `type`: a variable or a constant.
  TermPtr Leaf(const Type& type, std::mt19937_64& rng) const { return Random(type, 1, rng); }

 private:
  std::vector<const Primitive*> ops_;
  RandomTermGenerator generator_;
};

class Mutation {
 public:
  virtual ~Mutation() = default;
  // A short name for reports ("insert", "copy-subtree").
  virtual std::string_view name() const = 0;
  // A mutant of `program` built from `space`, or nullptr when this mutation does not apply to it (the
  // caller draws again). Must be well typed with `program`'s result type.
  virtual TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64& rng) const = 0;
};

// The built-in mutations, in the order the default combination lists them.
enum class MutationKind {
  kReplaceNode,       // an operator for another of its signature, or a leaf for another leaf
  kInsert,            // N becomes (op ... N ...), the other arguments fresh leaves or reused sub-terms
  kDelete,            // (op ... A ...) becomes its argument A of the same type
  kChangeConstant,    // a constant nudged or redrawn
  kSwapSubtrees,      // two disjoint sub-terms of one type trade places
  kRandomizeSubtree,  // a sub-term redrawn
  kCopySubtree,       // a sub-term replaced by a copy of another of its type: sub-terms used twice, computed once
  // The graph mutations see a program as straight-line code, one node per distinct sub-term, and change a
  // node at every place it is used, so what the program shares stays shared:
  kInsertOnEdge,  // an operation put on an edge (an operand or the result), its other operands existing nodes
  kRemoveNode,    // an operation's node replaced by one of its operands
  kRewire,        // an operand of a node taken from another existing node
};
inline constexpr int kNumMutationKinds = static_cast<int>(MutationKind::kRewire) + 1;  // the last kind + 1
std::string_view MutationName(MutationKind kind);
std::unique_ptr<Mutation> MakeMutation(MutationKind kind);

// Not among the built-in kinds, which serve programs of any type: every use of one Float input x becomes
// one shared node (fma x a b), or (+ (* x a) b) where fma is not offered, with a near 1 and b near 0, for
// the constant fitting to move. A program over x becomes one over an affinely moved x, as centring and
// scaling the interval does; nullptr for programs without a Float input or spaces without the operators.
std::unique_ptr<Mutation> MakeReparametrizeMutation();
std::string_view ReparametrizeMutationName();

// Pre-order node list and replacement by pre-order index (shared sub-terms are rebuilt only on the path).
std::vector<const Term*> PreOrder(const Term& root);
TermPtr ReplaceAt(const TermPtr& root, int index, const TermPtr& replacement);
// The sub-term at pre-order `index` (shared), or nullptr past the end.
TermPtr At(const TermPtr& root, int index);
// The distinct sub-terms of `root` (structural equality), each once, in first pre-order appearance:
// the nodes of its straight-line form.
std::vector<TermPtr> DistinctSubterms(const TermPtr& root);
// `root` with every sub-term structurally equal to `target` replaced by `replacement`. Neither looks
// inside lambda bodies: the straight-line view is of first-order programs.
TermPtr ReplaceEvery(const TermPtr& root, const Term& target, const TermPtr& replacement);

}  // namespace progsearch
