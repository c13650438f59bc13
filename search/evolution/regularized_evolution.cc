#include "search/evolution/regularized_evolution.h"

#include <limits>

namespace progsearch {

RegularizedEvolution::RegularizedEvolution(EvolutionConfig config, const Mutator& mutator,
                                           std::vector<ValueColumn> probes, size_t num_probes, Type result_type,
                                           FitnessFn fitness)
    : config_(config),
      mutator_(mutator),
      probes_(std::move(probes)),
      num_probes_(num_probes),
      result_type_(std::move(result_type)),
      fitness_(std::move(fitness)),
      cache_(config.cache_capacity),
      rng_(config.seed) {
  best_.fitness = std::numeric_limits<double>::infinity();
}

const EvolutionStats& RegularizedEvolution::stats() const {
  stats_.cache = cache_.stats();
  return stats_;
}

bool RegularizedEvolution::Evaluate(Individual& individual) {
  auto outputs = interpreter_.Evaluate(*individual.program, probes_, num_probes_);
  if (!outputs.ok()) return false;
  individual.hash = FunctionalHash(*outputs, config_.hash);
  if (config_.use_cache) {
    if (std::optional<double> known = cache_.Lookup(individual.hash)) {
      individual.fitness = *known;
      return true;
    }
  }
  individual.fitness = fitness_(individual.program);
  ++stats_.fitness_evaluations;
  if (config_.use_cache) cache_.Insert(individual.hash, individual.fitness);
  return true;
}

void RegularizedEvolution::Initialize(const std::vector<TermPtr>& seeds) {
  population_.clear();
  for (const TermPtr& seed : seeds) {
    if (population_.size() >= config_.population_size) break;
    Individual individual;
    individual.program = seed;
    if (!Evaluate(individual)) continue;
    if (individual.fitness < best_.fitness) best_ = individual;
    population_.push_back(std::move(individual));
  }
  while (population_.size() < config_.population_size) {
    Individual individual;
    individual.program = mutator_.Random(result_type_, config_.initial_depth, rng_);
    if (individual.program == nullptr || !Evaluate(individual)) continue;
    if (individual.fitness < best_.fitness) best_ = individual;
    population_.push_back(std::move(individual));
  }
}

size_t RegularizedEvolution::Tournament(const std::deque<Individual>& population, size_t size, std::mt19937_64& rng) {
  size_t winner = rng() % population.size();
  for (size_t k = 1; k < size; ++k) {
    const size_t candidate = rng() % population.size();
    if (population[candidate].fitness < population[winner].fitness) winner = candidate;
  }
  return winner;
}

void RegularizedEvolution::Step() {
  const Individual& parent = population_[Tournament(population_, config_.tournament_size, rng_)];
  Individual child;
  for (int attempt = 0; attempt < config_.max_mutation_attempts; ++attempt) {
    child.program = mutator_.Mutate(parent.program, rng_);
    // A mutant must compute something else than its parent, or the cycle is wasted.
    if (child.program != nullptr && Evaluate(child) && child.hash != parent.hash) break;
    ++stats_.rejected_mutants;
    child.program = nullptr;
  }
  if (child.program == nullptr) child = parent;  // nothing new found: the parent's copy ages instead
  if (child.fitness < best_.fitness) best_ = child;
  population_.push_back(std::move(child));
  population_.pop_front();  // regularization: the oldest goes, however good
  ++stats_.cycles;
}

}  // namespace progsearch
