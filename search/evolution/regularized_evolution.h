// Regularized evolution (Real et al. 2019): tournament selection with replacement, the child of the
// tournament's winner replaces the OLDEST member (not the worst), and the best program ever seen is
// kept aside. Fitness is cached by functional hash on probe inputs (FitnessCache).
//
// Cycles run in batches: the children of one batch are all bred from the population as it was when
// the batch began, their fitness is computed in parallel (TBB), and they join the population in the
// order they were bred. The run therefore depends on the seed and the batch size, never on the
// number of threads.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/value_column.h"
#include "dsl/interpreter.h"
#include "hashing/functional_hash.h"
#include "proto/config.pb.h"
#include "search/evolution/fitness_cache.h"
#include "search/evolution/mutator.h"

namespace progsearch {

namespace proto {
class EvolutionState;
}

// Settings (proto/config.proto): population P, tournament S, seed, cache, batch, selection, cost bound.
using EvolutionConfig = proto::EvolutionConfig;
// FITNESS: the tournament's lowest fitness wins. PARETO: a member no other drawn member dominates in
// (fitness, cost) wins, so the front stays diverse. NSGA2: NSGA-II's order over the whole population
// (non-dominated front, then crowding distance), computed once per batch.
using Selection = proto::EvolutionConfig::Selection;

// InvalidArgument, naming the setting, for values evolution cannot run with (an empty population or
// tournament, no mutation attempts, no cache room, a negative hash precision).
absl::Status ValidateEvolutionConfig(const EvolutionConfig& config);

// Lower is better. Called only for behaviours the cache has not seen, possibly on several threads at
// once: it must not change shared state (use the EvaluatedFn for that). It may replace the program by
// an improved one with the same shape (tuned constants), which then joins the population (Lamarckian).
using FitnessFn = std::function<double(TermPtr& program)>;
// Lower is better: the second objective of Pareto selection (e.g. the operation count).
using CostFn = std::function<double(const Term& program)>;

struct Individual {
  TermPtr program;
  double fitness = 0;
  double cost = 0;
  uint64_t hash = 0;  // functional hash on the probe inputs
};

// NSGA-II's order of a population on (fitness, cost), both lower is better: `front[i]` is 0 for the
// members no other member dominates, 1 for those only front 0 dominates, and so on; `crowding[i]`, within
// a front, is the sum over the two objectives of the gap between a member's neighbours, normalized by the
// front's span (log10 of the fitness, whose values span orders of magnitude; the cost as it is), and
// infinite at a front's ends. Equal points share a front. Members whose fitness is infinite or NaN
// (failed programs) form one last front, behind every other, without crowding.
struct NsgaOrder {
  std::vector<int> front;
  std::vector<double> crowding;
};
NsgaOrder NsgaRanks(const std::deque<Individual>& population);

// Called on one thread, in breeding order, for every program whose fitness was just computed.
using EvaluatedFn = std::function<void(const Individual& individual)>;

struct EvolutionStats {
  uint64_t cycles = 0;
  uint64_t fitness_evaluations = 0;  // calls of the fitness function
  uint64_t rejected_mutants = 0;     // mutants that were ill-sized or behaved like their parent
  double fitness_seconds = 0;        // time inside the fitness function, summed over threads
  // With the cache off: evaluations of behaviours evaluated before, and their time, which is what the
  // cache would have saved (measured in the same run, so both runs need not follow the same path).
  uint64_t repeat_evaluations = 0;
  double repeat_fitness_seconds = 0;
  // Running candidates on the probes and hashing their outputs, summed over threads: the price of the
  // functional hash, which both rejects mutants that behave as their parent and keys the cache.
  double hash_seconds = 0;
  FitnessCacheStats cache;
  // The fitness time the cache's hits saved, estimated at the mean time of an evaluation.
  double cache_seconds_saved() const {
    return fitness_evaluations ? cache.hits * fitness_seconds / static_cast<double>(fitness_evaluations) : 0;
  }
};

class RegularizedEvolution {
 public:
  // `probes`: input columns (one per variable of the mutator) with `num_probes` rows, on which programs
  // are hashed; `result_type`: the programs' type. `cost` may be empty unless selection is Pareto.
  // `config` must pass ValidateEvolutionConfig.
  RegularizedEvolution(EvolutionConfig config, const Mutator& mutator, std::vector<ValueColumn> probes,
                       size_t num_probes, Type result_type, FitnessFn fitness, CostFn cost = nullptr,
                       EvaluatedFn evaluated = nullptr);

  // Fills the population: the `seeds` first (those that evaluate), then random programs.
  void Initialize(const std::vector<TermPtr>& seeds = {});
  // One batch of `batch_size` cycles: tournaments, mutations, evaluation, the oldest members removed.
  void Step();
  // Programs from another population (an island's migrants) join as the newest members, each pushing
  // out the oldest, as a child would; those that fail on the probes or break the cost bound are
  // dropped. Their fitness is computed here (or found in the cache). Returns how many joined.
  size_t Immigrate(const std::vector<TermPtr>& programs);

  // Index (into population()) of the tournament's winner among `size` members drawn with replacement.
  // FITNESS: the lowest fitness, the first drawn winning ties. PARETO: the first drawn member that no
  // other drawn member dominates (no worse in fitness and cost, better in one). NSGA2: the lowest
  // front of `order` (the population's NsgaRanks, computed here when null), then the largest crowding,
  // then the first drawn.
  static size_t Tournament(const std::deque<Individual>& population, size_t size, std::mt19937_64& rng,
                           Selection selection = proto::EvolutionConfig::FITNESS, const NsgaOrder* order = nullptr);

  const std::deque<Individual>& population() const { return population_; }  // oldest first
  const Individual& best() const { return best_; }
  const EvolutionStats& stats() const;

  // Checkpoints: population, best, cache, statistics and the random generator's state. Restoring
  // into an evolution built with the same configuration continues exactly as the saved run would have.
  void Save(proto::EvolutionState& state) const;
  // `read` turns a saved program's text back into a program.
  absl::Status Restore(const proto::EvolutionState& state,
                       const std::function<absl::StatusOr<TermPtr>(const std::string&)>& read);

 private:
  // Hashes the program on the probes; false when it cannot be evaluated there.
  bool Hash(Individual& individual);
  // Sets the fitness the cache remembers for the individual's hash; false without one (or without cache).
  bool LookUp(Individual& individual);
  // The first population's fitness, batch by batch (Initialize).
  void EvaluateFirstBatch(std::span<Individual> batch);
  // Computes the fitness of `pending` members (in parallel when there are several), then caches and
  // reports them in order.
  void Evaluate(std::vector<Individual*>& pending);
  void Consider(const Individual& individual);

  EvolutionConfig config_;
  size_t batch_size_;  // config_'s, at least 1
  HashOptions hash_;
  double max_cost_;  // config_'s, infinity when unset
  const Mutator& mutator_;
  std::vector<ValueColumn> probes_;
  size_t num_probes_;
  Type result_type_;
  FitnessFn fitness_;
  CostFn cost_;
  EvaluatedFn evaluated_;
  Interpreter interpreter_;
  FitnessCache cache_;
  std::mt19937_64 rng_;
  std::deque<Individual> population_;
  absl::flat_hash_set<uint64_t> seen_;  // cache off: behaviours evaluated so far (bounded by cache_capacity)
  Individual best_;
  mutable EvolutionStats stats_;
};

}  // namespace progsearch
