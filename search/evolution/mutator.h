// The Mutator: a weighted combination of mutations (search/evolution/mutation.h) over one program space.
// Each draw picks a mutation with probability proportional to its whole-number weight; a mutant larger
// than the size limit, or a mutation that does not apply, is no mutant (the caller draws again).
#pragma once

#include <memory>
#include <random>
#include <vector>

#include "search/evolution/mutation.h"

namespace progsearch {

struct WeightedMutation {
  std::shared_ptr<const Mutation> mutation;
  int weight = 1;  // relative frequency, from 1 to kMaxMutationWeight
};

inline constexpr int kMaxMutationWeight = 1000000;

// The built-in mutations in MutationKind order, weight 1 each.
std::vector<WeightedMutation> DefaultMutations();

class Mutator {
 public:
  // `ops`: concrete primitives to build with; `variables`: the program's inputs (Variable(i)).
  // Mutants larger than `max_size` nodes are not produced. `mutations` without a (non-null) mutation:
  // DefaultMutations(); weights are clamped to [1, kMaxMutationWeight].
  Mutator(std::vector<const Primitive*> ops, std::vector<Declaration> variables, int max_size = 64,
          std::vector<WeightedMutation> mutations = {});

  // A mutant of `program`, or nullptr when the drawn mutation does not apply to it (the caller draws
  // again). `drawn` (optional) reports which mutation was drawn.
  TermPtr Mutate(const TermPtr& program, std::mt19937_64& rng, const Mutation** drawn = nullptr) const;
  // A random program of `type` for the initial population.
  TermPtr Random(const Type& type, int depth, std::mt19937_64& rng) const { return space_.Random(type, depth, rng); }

  const ProgramSpace& space() const { return space_; }
  const std::vector<WeightedMutation>& mutations() const { return mutations_; }

 private:
  ProgramSpace space_;
  int max_size_;
  std::vector<WeightedMutation> mutations_;
  int64_t total_weight_ = 0;
};

}  // namespace progsearch
