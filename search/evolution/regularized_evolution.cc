#include "search/evolution/regularized_evolution.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <limits>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "formats/program_reader.h"
#include "proto/progsearch.pb.h"
#include "search/parallel_for.h"

namespace progsearch {

RegularizedEvolution::RegularizedEvolution(EvolutionConfig config, const Mutator& mutator,
                                           std::vector<ValueColumn> probes, size_t num_probes, Type result_type,
                                           FitnessFn fitness, CostFn cost, EvaluatedFn evaluated)
    : config_(config),
      batch_size_(std::max<uint64_t>(config.batch_size(), 1)),
      hash_{.float_relative_precision = config.hash_float_precision()},
      max_cost_(config.has_max_cost() ? config.max_cost() : std::numeric_limits<double>::infinity()),
      mutator_(mutator),
      probes_(std::move(probes)),
      num_probes_(num_probes),
      result_type_(std::move(result_type)),
      fitness_(std::move(fitness)),
      cost_(std::move(cost)),
      evaluated_(std::move(evaluated)),
      cache_(config.cache_capacity()),
      rng_(config.seed()) {
  best_.fitness = std::numeric_limits<double>::infinity();
}

absl::Status ValidateEvolutionConfig(const EvolutionConfig& config) {
  RETURN_IF_ERROR(RequireRange<uint64_t>("population_size", config.population_size(), 1, uint64_t{1} << 30));
  RETURN_IF_ERROR(RequireRange<uint64_t>("tournament_size", config.tournament_size(), 1, uint64_t{1} << 30));
  RETURN_IF_ERROR(RequireRange<uint64_t>("cache_capacity", config.cache_capacity(), 1, uint64_t{1} << 40));
  RETURN_IF_ERROR(RequireRange("initial_depth", config.initial_depth(), 1, 64));
  RETURN_IF_ERROR(RequireRange("max_mutation_attempts", config.max_mutation_attempts(), 1, 1000000));
  RETURN_IF_ERROR(RequireRange<uint64_t>("batch_size", config.batch_size(), 0, 1000000));
  return RequireNonNegative("hash_float_precision", config.hash_float_precision());
}

const EvolutionStats& RegularizedEvolution::stats() const {
  stats_.cache = cache_.stats();
  return stats_;
}

bool RegularizedEvolution::Hash(Individual& individual) {
  const auto start = std::chrono::steady_clock::now();
  auto outputs = interpreter_.Evaluate(*individual.program, probes_, num_probes_);
  if (outputs.ok()) individual.hash = FunctionalHash(*outputs, hash_);
  stats_.hash_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outputs.ok();
}

bool RegularizedEvolution::LookUp(Individual& individual) {
  if (!config_.use_cache()) return false;
  std::optional<double> fitness = cache_.Lookup(individual.hash);
  if (fitness) individual.fitness = *fitness;
  return fitness.has_value();
}

void RegularizedEvolution::Evaluate(std::vector<Individual*>& pending) {
  std::vector<double> seconds(pending.size());
  std::vector<const Term*> before(pending.size());
  auto compute = [&](size_t i) {
    const auto start = std::chrono::steady_clock::now();
    before[i] = pending[i]->program.get();
    pending[i]->fitness = fitness_(pending[i]->program);
    seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (pending.size() == 1) {
    compute(0);
  } else if (!pending.empty()) {
    ParallelFor(0, pending.size(), compute);
  }
  for (size_t i = 0; i < pending.size(); ++i) {
    Individual* individual = pending[i];
    ++stats_.fitness_evaluations;
    stats_.fitness_seconds += seconds[i];
    if (!config_.use_cache()) {
      if (seen_.contains(individual->hash)) {
        ++stats_.repeat_evaluations;
        stats_.repeat_fitness_seconds += seconds[i];
      } else if (seen_.size() < config_.cache_capacity()) {
        seen_.insert(individual->hash);
      }
    }
    // Tuning may have replaced the program: its cost is that of the program kept.
    if (cost_ && individual->program.get() != before[i]) individual->cost = cost_(*individual->program);
    if (config_.use_cache()) cache_.Insert(individual->hash, individual->fitness);
    if (evaluated_) evaluated_(*individual);
  }
}

void RegularizedEvolution::Consider(const Individual& individual) {
  if (individual.fitness < best_.fitness) best_ = individual;
}

void RegularizedEvolution::Initialize(const std::vector<TermPtr>& seeds) {
  population_.clear();
  // Members are drawn and hashed one at a time (a random program may be invalid), then evaluated in
  // parallel batches of batch_size, as children are: an expensive fitness keeps the threads busy from the
  // start. In a batch, the first member of each behaviour is computed and later ones are answered by the
  // cache afterwards, as one at a time would.
  std::vector<Individual> members;
  auto draw = [&](TermPtr program) {
    Individual individual;
    individual.program = std::move(program);
    if (individual.program == nullptr) return;
    if (cost_) individual.cost = cost_(*individual.program);
    if (Hash(individual)) members.push_back(std::move(individual));
  };
  for (const TermPtr& seed : seeds) {
    if (members.size() >= config_.population_size()) break;
    draw(seed);
  }
  while (members.size() < config_.population_size()) draw(mutator_.Random(result_type_, config_.initial_depth(), rng_));
  for (size_t from = 0; from < members.size(); from += batch_size_) {
    EvaluateFirstBatch(std::span<Individual>(members).subspan(from, std::min(batch_size_, members.size() - from)));
  }
  for (Individual& m : members) {
    Consider(m);
    population_.push_back(std::move(m));
  }
}

void RegularizedEvolution::EvaluateFirstBatch(std::span<Individual> batch) {
  std::vector<Individual*> pending;
  std::vector<Individual*> repeats;  // the same behaviour as a pending member
  absl::flat_hash_set<uint64_t> pending_hashes;
  for (Individual& m : batch) {
    if (config_.use_cache() && pending_hashes.contains(m.hash)) {
      repeats.push_back(&m);
    } else if (!LookUp(m)) {
      pending.push_back(&m);
      pending_hashes.insert(m.hash);
    }
  }
  Evaluate(pending);
  std::vector<Individual*> evicted;  // a cache smaller than the batch may have dropped the first one
  for (Individual* m : repeats) {
    if (!LookUp(*m)) evicted.push_back(m);
  }
  Evaluate(evicted);
}

namespace {

bool Dominates(const Individual& a, const Individual& b) {
  return a.fitness <= b.fitness && a.cost <= b.cost && (a.fitness < b.fitness || a.cost < b.cost);
}

// NSGA-II's fronts of the members `order` lists, sorted by (cost, fitness): in that order a front's last
// member has its lowest fitness and highest cost so far, so it alone decides whether the front dominates
// the next point, and the first front it does not dominate takes the point. Returns the fronts as lists
// of members in cost order.
std::vector<std::vector<size_t>> Fronts(const std::deque<Individual>& population, const std::vector<size_t>& order,
                                        NsgaOrder& out) {
  std::vector<std::vector<size_t>> fronts;
  for (size_t i : order) {
    size_t k = 0;
    for (; k < fronts.size(); ++k) {
      const Individual& last = population[fronts[k].back()];
      const bool dominated = last.fitness < population[i].fitness ||
                             (last.fitness == population[i].fitness && last.cost < population[i].cost);
      if (!dominated) break;
    }
    if (k == fronts.size()) fronts.emplace_back();
    fronts[k].push_back(i);
    out.front[i] = static_cast<int>(k);
  }
  return fronts;
}

// `size` draws with replacement from `n` members: the best drawn by `better`, the earliest of equals.
template <typename Better>
size_t DrawBest(size_t n, size_t size, std::mt19937_64& rng, Better better) {
  size_t winner = rng() % n;
  for (size_t k = 1; k < size; ++k) {
    const size_t candidate = rng() % n;
    if (better(candidate, winner)) winner = candidate;
  }
  return winner;
}

// Crowding within one front (members in cost order, fitness falling): the ends are kept at any price.
void Crowding(const std::deque<Individual>& population, const std::vector<size_t>& front, NsgaOrder& out) {
  // Errors span orders of magnitude: their logarithm is the objective's scale (an exact 0 counts 1e-30).
  auto log_fitness = [&](size_t i) { return std::log10(std::max(population[i].fitness, 1e-30)); };
  const double cost_span = population[front.back()].cost - population[front.front()].cost;
  const double fitness_span = log_fitness(front.front()) - log_fitness(front.back());
  out.crowding[front.front()] = out.crowding[front.back()] = std::numeric_limits<double>::infinity();
  for (size_t j = 1; j + 1 < front.size(); ++j) {
    double d = 0;
    if (cost_span > 0) d += (population[front[j + 1]].cost - population[front[j - 1]].cost) / cost_span;
    if (fitness_span > 0) d += (log_fitness(front[j - 1]) - log_fitness(front[j + 1])) / fitness_span;
    out.crowding[front[j]] = d;
  }
}

}  // namespace

NsgaOrder NsgaRanks(const std::deque<Individual>& population) {
  const size_t n = population.size();
  NsgaOrder out;
  out.front.assign(n, 0);
  out.crowding.assign(n, 0);
  // Members whose fitness is not a number or infinite (programs that fail) rank behind every other, in
  // one last front without crowding, whatever their cost.
  std::vector<size_t> finite, failed;
  for (size_t i = 0; i < n; ++i) (std::isfinite(population[i].fitness) ? finite : failed).push_back(i);
  std::stable_sort(finite.begin(), finite.end(), [&](size_t a, size_t b) {
    const Individual &x = population[a], &y = population[b];
    return x.cost != y.cost ? x.cost < y.cost : x.fitness < y.fitness;
  });
  const std::vector<std::vector<size_t>> fronts = Fronts(population, finite, out);
  for (const std::vector<size_t>& front : fronts) Crowding(population, front, out);
  for (size_t i : failed) out.front[i] = static_cast<int>(fronts.size());
  return out;
}

size_t RegularizedEvolution::Tournament(const std::deque<Individual>& population, size_t size, std::mt19937_64& rng,
                                        Selection selection, const NsgaOrder* order) {
  std::optional<NsgaOrder> own;  // a caller without the population's order gets it computed here
  if (selection == proto::EvolutionConfig::NSGA2 && order == nullptr) order = &own.emplace(NsgaRanks(population));
  if (selection == proto::EvolutionConfig::NSGA2) {
    return DrawBest(population.size(), size, rng, [order](size_t c, size_t w) {
      return order->front[c] < order->front[w] || (order->front[c] == order->front[w] && order->crowding[c] > order->crowding[w]);
    });
  }
  if (selection == proto::EvolutionConfig::FITNESS) {
    return DrawBest(population.size(), size, rng,
                    [&population](size_t c, size_t w) { return population[c].fitness < population[w].fitness; });
  }
  std::vector<size_t> drawn(size);
  for (size_t& d : drawn) d = rng() % population.size();
  for (size_t candidate : drawn) {
    bool dominated = false;
    for (size_t other : drawn) dominated = dominated || Dominates(population[other], population[candidate]);
    if (!dominated) return candidate;
  }
  return drawn[0];  // unreachable: some drawn member is always non-dominated
}

void RegularizedEvolution::Step() {
  std::vector<Individual> children(batch_size_);
  std::vector<bool> known(children.size());
  // NSGA-II's order is of the population the batch is bred from (the batch is asynchronous: its children
  // join only after it).
  std::optional<NsgaOrder> order;
  if (config_.selection() == proto::EvolutionConfig::NSGA2) order = NsgaRanks(population_);
  for (size_t c = 0; c < children.size(); ++c) {
    const Individual& parent = population_[Tournament(population_, config_.tournament_size(), rng_,
                                                      config_.selection(), order ? &*order : nullptr)];
    Individual& child = children[c];
    bool found = false;
    for (int attempt = 0; attempt < config_.max_mutation_attempts(); ++attempt) {
      child.program = mutator_.Mutate(parent.program, rng_);
      if (child.program == nullptr) {
        ++stats_.rejected_mutants;
        continue;
      }
      child.cost = cost_ ? cost_(*child.program) : 0;
      // A mutant must fit the cost bound and compute something else than its parent, or the cycle is wasted.
      // Only such a mutant is looked up: a cache hit is a fitness call saved, not a mutant redrawn.
      if (child.cost <= max_cost_ && Hash(child) && child.hash != parent.hash) {
        found = true;
        known[c] = LookUp(child);
        break;
      }
      ++stats_.rejected_mutants;
    }
    if (!found) {  // nothing new found: the parent's copy ages instead
      child = parent;
      known[c] = true;
    }
  }
  std::vector<Individual*> pending;
  for (size_t c = 0; c < children.size(); ++c) {
    if (!known[c]) pending.push_back(&children[c]);
  }
  Evaluate(pending);
  for (Individual& child : children) {
    Consider(child);
    population_.push_back(std::move(child));
    population_.pop_front();  // regularization: the oldest goes, however good
    ++stats_.cycles;
  }
}

size_t RegularizedEvolution::Immigrate(const std::vector<TermPtr>& programs) {
  std::vector<Individual> arrivals;
  for (const TermPtr& program : programs) {
    Individual arrival;
    arrival.program = program;
    arrival.cost = cost_ ? cost_(*program) : 0;
    if (arrival.cost <= max_cost_ && Hash(arrival)) arrivals.push_back(std::move(arrival));
  }
  std::vector<Individual*> pending;
  for (Individual& arrival : arrivals) {
    if (!LookUp(arrival)) pending.push_back(&arrival);
  }
  Evaluate(pending);
  for (Individual& arrival : arrivals) {
    Consider(arrival);
    population_.push_back(std::move(arrival));
    population_.pop_front();
  }
  return arrivals.size();
}

void RegularizedEvolution::Save(proto::EvolutionState& state) const {
  auto save = [](const Individual& individual, proto::EvolutionIndividual& out) {
    out.set_program(individual.program ? PrintTerm(*individual.program) : "");
    out.set_fitness(individual.fitness);
    out.set_cost(individual.cost);
    out.set_hash(individual.hash);
  };
  state.Clear();
  for (const Individual& individual : population_) save(individual, *state.add_population());
  save(best_, *state.mutable_best());
  for (const auto& [hash, fitness] : cache_.Entries()) {
    proto::FitnessCacheEntry& entry = *state.add_cache();
    entry.set_hash(hash);
    entry.set_fitness(fitness);
  }
  std::ostringstream rng;
  rng << rng_;
  state.set_rng(rng.str());
  const EvolutionStats& s = stats();
  state.set_cycles(s.cycles);
  state.set_fitness_evaluations(s.fitness_evaluations);
  state.set_rejected_mutants(s.rejected_mutants);
  state.set_cache_hits(s.cache.hits);
  state.set_cache_misses(s.cache.misses);
  state.set_cache_evictions(s.cache.evictions);
  state.set_fitness_seconds(s.fitness_seconds);
  state.set_hash_seconds(s.hash_seconds);
}

absl::Status RegularizedEvolution::Restore(const proto::EvolutionState& state,
                                           const std::function<absl::StatusOr<TermPtr>(const std::string&)>& read) {
  auto restore = [&](const proto::EvolutionIndividual& in, Individual& out) -> absl::Status {
    out = Individual();
    out.fitness = in.fitness();
    out.cost = in.cost();
    out.hash = in.hash();
    if (in.program().empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(out.program, read(in.program()));
    return absl::OkStatus();
  };
  std::deque<Individual> population(state.population_size());
  for (int i = 0; i < state.population_size(); ++i) RETURN_IF_ERROR(restore(state.population(i), population[i]));
  if (population.empty()) return absl::InvalidArgumentError("checkpoint has an empty population");
  Individual best;
  RETURN_IF_ERROR(restore(state.best(), best));
  if (best.program == nullptr) best.fitness = std::numeric_limits<double>::infinity();
  std::istringstream rng_text(state.rng());
  std::mt19937_64 rng;
  rng_text >> rng;
  if (rng_text.fail()) return absl::InvalidArgumentError("checkpoint has a damaged random generator state");
  std::vector<std::pair<uint64_t, double>> entries;
  for (const proto::FitnessCacheEntry& e : state.cache()) entries.emplace_back(e.hash(), e.fitness());
  FitnessCacheStats cache_stats;
  cache_stats.hits = state.cache_hits();
  cache_stats.misses = state.cache_misses();
  cache_stats.evictions = state.cache_evictions();
  cache_.Restore(entries, cache_stats);
  population_ = std::move(population);
  best_ = std::move(best);
  rng_ = rng;
  stats_.cycles = state.cycles();
  stats_.fitness_evaluations = state.fitness_evaluations();
  stats_.rejected_mutants = state.rejected_mutants();
  stats_.fitness_seconds = state.fitness_seconds();
  stats_.hash_seconds = state.hash_seconds();
  return absl::OkStatus();
}

}  // namespace progsearch
