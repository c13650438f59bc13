// Typed mutations of program terms for evolution: every mutant is well typed and keeps the
// program's result type.
#pragma once

#include <random>
#include <string_view>
#include <vector>

#include "core/term.h"
#include "dsl/primitive.h"
#include "dsl/program_reader.h"
#include "dsl/random_term.h"

namespace progsearch {

enum class MutationKind {
  kReplaceNode,
  kInsert,
  kDelete,
  kChangeConstant,
  kSwapSubtrees,
  kRandomizeSubtree,
  kCopySubtree,  // a sub-term replaced by a copy of another of its type: sub-terms used twice, computed once
};
inline constexpr int kNumMutationKinds = static_cast<int>(MutationKind::kCopySubtree) + 1;  // the last kind + 1
std::string_view MutationName(MutationKind kind);

class Mutator {
 public:
  // `ops`: concrete primitives to build with; `variables`: the program's inputs (Variable(i)).
  // Mutants larger than `max_size` nodes are not produced.
  Mutator(std::vector<const Primitive*> ops, std::vector<Declaration> variables, int max_size = 64);

  // A mutant of `program`, or nullptr when the drawn mutation does not apply to it (the caller draws
  // again). `kind` reports which mutation was drawn.
  TermPtr Mutate(const TermPtr& program, std::mt19937_64& rng, MutationKind* kind = nullptr) const;
  // A random program of `type` for the initial population.
  TermPtr Random(const Type& type, int depth, std::mt19937_64& rng) const;

 private:
  TermPtr ReplaceNode(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr Insert(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr Delete(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr ChangeConstant(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr Swap(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr RandomizeSubtree(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr CopySubtree(const TermPtr& program, std::mt19937_64& rng) const;
  TermPtr Leaf(const Type& type, std::mt19937_64& rng) const;

  std::vector<const Primitive*> ops_;
  int max_size_;
  RandomTermGenerator generator_;
};

// Pre-order node list and replacement by pre-order index (shared sub-terms are rebuilt only on the path).
std::vector<const Term*> PreOrder(const Term& root);
TermPtr ReplaceAt(const TermPtr& root, int index, const TermPtr& replacement);
// The sub-term at pre-order `index` (shared), or nullptr past the end.
TermPtr At(const TermPtr& root, int index);

}  // namespace progsearch
