// Regularized evolution (Real et al. 2019): tournament selection with replacement, the child of the
// tournament's winner replaces the OLDEST member (not the worst), and the best program ever seen is
// kept aside. Fitness is cached by functional hash on probe inputs (FitnessCache).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <vector>

#include "core/term.h"
#include "core/value_column.h"
#include "dsl/interpreter.h"
#include "hashing/functional_hash.h"
#include "search/evolution/fitness_cache.h"
#include "search/evolution/mutator.h"

namespace progsearch {

struct EvolutionConfig {
  size_t population_size = 100;  // P
  size_t tournament_size = 10;   // S, sampled with replacement
  uint64_t seed = 1;
  bool use_cache = true;  // false: every candidate's fitness is computed (for comparisons)
  size_t cache_capacity = 1 << 20;
  int initial_depth = 3;
  int max_mutation_attempts = 100;  // draws until a mutant behaves differently from its parent
  HashOptions hash;                 // float quantum for the functional hash
};

// Lower is better. Called only for behaviours the cache has not seen. It may replace the program by an
// improved one with the same shape (tuned constants), which then joins the population (Lamarckian).
using FitnessFn = std::function<double(TermPtr& program)>;

struct Individual {
  TermPtr program;
  double fitness = 0;
  uint64_t hash = 0;  // functional hash on the probe inputs
};

struct EvolutionStats {
  uint64_t cycles = 0;
  uint64_t fitness_evaluations = 0;  // calls of the fitness function
  uint64_t rejected_mutants = 0;     // mutants that were ill-sized or behaved like their parent
  FitnessCacheStats cache;
};

class RegularizedEvolution {
 public:
  // `probes`: input columns (one per variable of the mutator) with `num_probes` rows, on which programs
  // are hashed; `result_type`: the programs' type.
  RegularizedEvolution(EvolutionConfig config, const Mutator& mutator, std::vector<ValueColumn> probes,
                       size_t num_probes, Type result_type, FitnessFn fitness);

  // Fills the population: the `seeds` first (those that evaluate), then random programs.
  void Initialize(const std::vector<TermPtr>& seeds = {});
  // One cycle: tournament, mutation, evaluation, the oldest member removed.
  void Step();

  // Index (into population()) of the tournament's winner: the lowest fitness among `size` members
  // drawn with replacement; the first drawn wins ties.
  static size_t Tournament(const std::deque<Individual>& population, size_t size, std::mt19937_64& rng);

  const std::deque<Individual>& population() const { return population_; }  // oldest first
  const Individual& best() const { return best_; }
  const EvolutionStats& stats() const;

 private:
  // Fitness through the cache; false when the program cannot be evaluated on the probes.
  bool Evaluate(Individual& individual);

  EvolutionConfig config_;
  const Mutator& mutator_;
  std::vector<ValueColumn> probes_;
  size_t num_probes_;
  Type result_type_;
  FitnessFn fitness_;
  Interpreter interpreter_;
  FitnessCache cache_;
  std::mt19937_64 rng_;
  std::deque<Individual> population_;
  Individual best_;
  mutable EvolutionStats stats_;
};

}  // namespace progsearch
