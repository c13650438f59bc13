#include "search/evolution/mutator.h"

#include <algorithm>

namespace progsearch {

std::vector<WeightedMutation> DefaultMutations() {
  std::vector<WeightedMutation> out;
  for (int k = 0; k < kNumMutationKinds; ++k) out.push_back({MakeMutation(static_cast<MutationKind>(k)), 1});
  return out;
}

Mutator::Mutator(std::vector<const Primitive*> ops, std::vector<Declaration> variables, int max_size,
                 std::vector<WeightedMutation> mutations)
    : space_(std::move(ops), std::move(variables)), max_size_(max_size), mutations_(std::move(mutations)) {
  std::erase_if(mutations_, [](const WeightedMutation& m) { return m.mutation == nullptr; });
  if (mutations_.empty()) mutations_ = DefaultMutations();
  for (WeightedMutation& m : mutations_) {
    m.weight = std::clamp(m.weight, 1, kMaxMutationWeight);
    total_weight_ += m.weight;
  }
}

TermPtr Mutator::Mutate(const TermPtr& program, std::mt19937_64& rng, const Mutation** drawn) const {
  // One draw from the generator whatever the weights (equal weights pick as `rng() % count` would).
  int64_t ticket = static_cast<int64_t>(rng() % static_cast<uint64_t>(total_weight_));
  const Mutation* mutation = nullptr;
  for (const WeightedMutation& m : mutations_) {
    if (ticket < m.weight) {
      mutation = m.mutation.get();
      break;
    }
    ticket -= m.weight;
  }
  if (drawn) *drawn = mutation;
  TermPtr mutant = mutation->Apply(program, space_, rng);
  if (mutant == nullptr || mutant->size() > max_size_) return nullptr;
  return mutant;
}

}  // namespace progsearch
