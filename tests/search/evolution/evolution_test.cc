#include <catch2/catch.hpp>
#include <cmath>
#include <chrono>
#include <thread>
#include <set>
#include <mutex>
#include <map>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "proto/progsearch.pb.h"
#include "search/evolution/fitness_cache.h"
#include "search/evolution/mutator.h"
#include "search/evolution/regularized_evolution.h"
#include "tbb/global_control.h"

namespace progsearch {

namespace {

std::vector<const Primitive*> Resolve(std::vector<std::pair<const char*, std::vector<Type>>> wanted) {
  std::vector<const Primitive*> ops;
  for (auto& [name, types] : wanted) ops.push_back(*BuiltinRegistry().Resolve(name, types));
  return ops;
}

std::vector<const Primitive*> FloatOps() {
  const Type f = Type::Float();
  return Resolve({{"+", {f, f}}, {"-", {f, f}}, {"*", {f, f}}, {"/", {f, f}}, {"fma", {f, f, f}}});
}

// x on [0, 1]: the probe inputs and the dense grid the fitness uses.
std::vector<ValueColumn> Grid(size_t n) {
  std::vector<Value> xs;
  for (size_t i = 0; i < n; ++i) xs.push_back(Value::Float(static_cast<double>(i) / (n - 1)));
  return {ValueColumn::FromValues(Type::Float(), xs)};
}

// Max absolute error against x*x + 1 on a 257-point grid.
struct Target {
  std::vector<ValueColumn> grid = Grid(257);
  int calls = 0;
  double operator()(const TermPtr& program) {
    ++calls;
    auto out = Interpreter().Evaluate(*program, grid, 257);
    if (!out.ok()) return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < 257; ++i) {
      const double x = grid[0].floats()[i];
      const double e = std::fabs(out->floats()[i] - (x * x + 1));
      worst = std::isnan(e) ? INFINITY : std::max(worst, e);
    }
    return worst;
  }
};

// Target's error on `grid`, without Target's call count: stateless, so it may run on several threads.
FitnessFn StatelessFitness(const std::vector<ValueColumn>& grid) {
  return [&grid](TermPtr& program) { return Target{grid}(program); };
}

EvolutionConfig BatchedConfig(int population, int tournament, uint64_t seed, int batch) {
  EvolutionConfig config;
  config.set_population_size(population);
  config.set_tournament_size(tournament);
  config.set_seed(seed);
  config.set_batch_size(batch);
  return config;
}

}  // namespace

TEST_CASE("the fitness cache is an LRU map with hit statistics", "[search][evolution]") {
  FitnessCache cache(2);
  CHECK_FALSE(cache.Lookup(1));
  cache.Insert(1, 0.5);
  cache.Insert(2, 0.25);
  REQUIRE(cache.Lookup(1));  // 1 becomes the most recent
  cache.Insert(3, 0.125);    // evicts 2, the least recently used
  CHECK_FALSE(cache.Lookup(2));
  CHECK(*cache.Lookup(1) == 0.5);
  CHECK(*cache.Lookup(3) == 0.125);
  CHECK(cache.stats().hits == 3);
  CHECK(cache.stats().misses == 2);
  CHECK(cache.stats().evictions == 1);
  CHECK(cache.size() == 2);
}

TEST_CASE("tournaments draw with replacement and the first best drawn wins", "[search][evolution]") {
  std::deque<Individual> population(5);
  const double fitness[] = {5, 3, 9, 3, 7};
  for (size_t i = 0; i < 5; ++i) population[i].fitness = fitness[i];
  for (uint64_t seed = 0; seed < 200; ++seed) {
    std::mt19937_64 rng(seed), replay(seed);
    const size_t winner = RegularizedEvolution::Tournament(population, 3, rng);
    size_t expected = replay() % 5;
    for (int k = 1; k < 3; ++k) {
      const size_t drawn = replay() % 5;
      if (fitness[drawn] < fitness[expected]) expected = drawn;
    }
    CHECK(winner == expected);
  }
  // Size 1 is a uniform draw; a large tournament almost surely finds a best member (index 1 or 3).
  std::mt19937_64 rng(7);
  const size_t w = RegularizedEvolution::Tournament(population, 64, rng);
  CHECK((w == 1 || w == 3));
}

// Six members, tournaments of two, seed 3, initialized.
struct SmallEvolution {
  static EvolutionConfig Config() {
    EvolutionConfig config;
    config.set_population_size(6);
    config.set_tournament_size(2);
    config.set_seed(3);
    return config;
  }
  Mutator mutator{FloatOps(), {{"x", Type::Float()}}};
  Target target;
  RegularizedEvolution evolution{Config(), mutator, Grid(9), 9, Type::Float(), std::ref(target)};
  SmallEvolution() { evolution.Initialize(); }
};

TEST_CASE("the oldest member is removed each cycle, however good", "[search][evolution]") {
  SmallEvolution run;
  RegularizedEvolution& evolution = run.evolution;
  const std::deque<Individual> initial = evolution.population();
  const double initial_best = evolution.best().fitness;
  for (size_t k = 1; k <= 6; ++k) {
    evolution.Step();
    const auto& now = evolution.population();
    REQUIRE(now.size() == 6);
    // After k cycles the k oldest initial members are gone, the rest kept their order.
    for (size_t i = 0; i + k < 6; ++i) CHECK(now[i].program == initial[i + k].program);
  }
  // Every initial member is gone by now, even the best one, but the best ever is kept.
  CHECK(evolution.best().fitness <= initial_best);
  CHECK(evolution.stats().cycles == 6);
}

TEST_CASE("immigrants join as the newest members, evaluated, and the best ever follows them", "[search][evolution]") {
  SmallEvolution run;
  RegularizedEvolution& evolution = run.evolution;
  const std::deque<Individual> initial = evolution.population();
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<test>");
  auto exact = reader.ReadText("(fma x x 1.0)");  // the target itself: error 0
  auto poor = reader.ReadText("(/ 1.0 (- x x))");  // infinite everywhere: the worst fitness
  REQUIRE(exact.ok());
  REQUIRE(poor.ok());
  const int calls = run.target.calls;
  CHECK(evolution.Immigrate({*exact, *poor}) == 2);
  CHECK(run.target.calls == calls + 2);
  const auto& now = evolution.population();
  REQUIRE(now.size() == 6);
  CHECK(now[4].program == *exact);
  CHECK(now[4].fitness == 0);
  CHECK(now[5].program == *poor);
  CHECK(now.front().program == initial[2].program);  // the two oldest made room
  // Known behaviours come from the cache.
  CHECK(evolution.Immigrate({*exact}) == 1);
  CHECK(run.target.calls == calls + 2);
  CHECK(evolution.best().fitness == 0);
}

TEST_CASE("mutations keep programs well typed", "[search][evolution]") {
  const Type i = Type::Int(), s = Type::String(), b = Type::Bool();
  auto ops = Resolve({{"+", {i, i}},
                      {"-", {i, i}},
                      {"str.len", {s}},
                      {"str.++", {s, s}},
                      {"str.substr", {s, i, i}},
                      {"str.at", {s, i}},
                      {"ite", {b, s, s}},
                      {"ite", {b, i, i}},
                      {"<", {i, i}},
                      {"str.contains", {s, s}},
                      {"str.from_int", {i}},
                      {"str.indexof", {s, s, i}}});
  std::vector<Declaration> vars = {{"name", s}, {"k", i}};
  Mutator mutator(ops, vars, 40);
  ProgramReader reader(BuiltinRegistry(), vars, "<mutant>");
  std::vector<Value> names = {Value::String("Ada Lovelace"), Value::String("x")};
  std::vector<Value> ks = {Value::Int(2), Value::Int(-1)};
  std::vector<ValueColumn> inputs = {ValueColumn::FromValues(s, names), ValueColumn::FromValues(i, ks)};
  std::mt19937_64 rng(11);
  std::map<std::string_view, int> applied;
  int mutants = 0;
  for (int round = 0; round < 400; ++round) {
    const Type type = round % 2 ? s : i;
    TermPtr program = mutator.Random(type, 4, rng);
    REQUIRE(program != nullptr);
    for (int step = 0; step < 25; ++step) {
      const Mutation* kind;
      TermPtr mutant = mutator.Mutate(program, rng, &kind);
      if (mutant == nullptr) continue;
      ++applied[kind->name()];
      ++mutants;
      INFO(kind->name() << ": " << PrintTerm(*program) << " -> " << PrintTerm(*mutant));
      CHECK(mutant->type() == type);
      CHECK(mutant->size() <= 40);
      auto reread = reader.ReadText(PrintTerm(*mutant));  // the reader type-checks every application
      REQUIRE(reread.ok());
      CHECK((*reread)->type() == type);
      auto out = Interpreter().Evaluate(*mutant, inputs, 2);
      CHECK((out.ok() || out.status().code() != absl::StatusCode::kFailedPrecondition));
      program = mutant;
    }
  }
  CHECK(mutants > 5000);
  CHECK(applied.size() == kNumMutationKinds);  // every kind of mutation happened
}

// A user's mutation: wraps the program in (+ P 1.0), the shape the target x*x + 1 needs.
class AddOne : public Mutation {
 public:
  std::string_view name() const override { return "add-one"; }
  TermPtr Apply(const TermPtr& program, const ProgramSpace& space, std::mt19937_64&) const override {
    const Primitive* add = *BuiltinRegistry().Resolve("+", std::vector<Type>{Type::Float(), Type::Float()});
    return Term::Apply(add, Type::Float(), {program, Term::Constant(Value::Float(1.0))});
  }
};

TEST_CASE("a user's mutation joins the built-in ones with a weight", "[search][evolution]") {
  const Type f = Type::Float();
  std::vector<WeightedMutation> mutations = DefaultMutations();
  REQUIRE(mutations.size() == kNumMutationKinds);
  mutations.push_back({std::make_shared<AddOne>(), 3 * kNumMutationKinds});  // as likely as 3 built-ins each
  Mutator mutator(FloatOps(), {{"x", f}}, 40, mutations);
  std::mt19937_64 rng(5);
  std::map<std::string_view, int> drawn;
  const TermPtr program = *ProgramReader(BuiltinRegistry(), {{"x", f}}, "<p>").ReadText("(* x x)");
  const int draws = 20000;
  for (int k = 0; k < draws; ++k) {
    const Mutation* which = nullptr;
    TermPtr mutant = mutator.Mutate(program, rng, &which);
    REQUIRE(which != nullptr);
    ++drawn[which->name()];
    if (which->name() == "add-one") CHECK(PrintTerm(*mutant) == "(+ (* x x) 1.0)");
  }
  // Three quarters of the weight in all: three quarters of the draws, the rest spread over the built-ins.
  CHECK(drawn.size() == kNumMutationKinds + 1);
  CHECK(drawn["add-one"] == Approx(0.75 * draws).epsilon(0.03));
  CHECK(drawn["insert"] == Approx(draws / (4.0 * kNumMutationKinds)).epsilon(0.15));
  // Evolution breeds with it: with add-one alone, the first child of x*x is the target x*x + 1.
  Mutator only_add_one(FloatOps(), {{"x", f}}, 40, {{std::make_shared<AddOne>(), 1}});
  Target target;
  EvolutionConfig config;
  config.set_population_size(2);
  config.set_tournament_size(1);
  RegularizedEvolution evolution(config, only_add_one, Grid(9), 9, f, std::ref(target));
  evolution.Initialize({program, program});
  CHECK(evolution.best().fitness == 1);
  evolution.Step();
  CHECK(evolution.best().fitness == 0);
  CHECK(PrintTerm(*evolution.best().program) == "(+ (* x x) 1.0)");
}

namespace {

// Operations of `program`'s straight-line form, fma counting 2 (as discover counts them).
int Operations(const TermPtr& program) {
  int count = 0;
  for (const TermPtr& n : DistinctSubterms(program)) {
    if (n->kind() == TermKind::kApply) count += n->op()->name == "fma" ? 2 : 1;
  }
  return count;
}

// Every mutant `kind` makes of `program` in `draws` tries.
std::vector<TermPtr> Mutants(MutationKind kind, const std::string& program, int draws) {
  const Type f = Type::Float();
  const TermPtr parent = *ProgramReader(BuiltinRegistry(), {{"x", f}}, "<p>").ReadText(program);
  const ProgramSpace space(FloatOps(), {{"x", f}});
  std::mt19937_64 rng(3);
  std::vector<TermPtr> out;
  for (int k = 0; k < draws; ++k) {
    if (TermPtr m = MakeMutation(kind)->Apply(parent, space, rng)) out.push_back(m);
  }
  return out;
}

}  // namespace

TEST_CASE("graph mutations: an operation on an edge reuses nodes, removal and rewiring keep sharing",
          "[search][evolution]") {
  SECTION("insertion on an edge adds exactly the new operation, often over a reused sub-term") {
    const std::string parent = "(+ (* x x) (/ 1.5 (* x x)))";  // 3 operations: (* x x) is one node
    int reused = 0;
    for (const TermPtr& m : Mutants(MutationKind::kInsertOnEdge, parent, 400)) {
      INFO(PrintTerm(*m));
      const int added = Operations(m) - 3;
      // One new operation (fma: 2), unless it happens to be a node the program already has.
      CHECK(added <= 2);
      CHECK(added >= 0);
      // An existing operation as the new one's other operand, e.g. (* x x): the 9-node tree grows by the
      // new node, the kept operand's copy and 3 nodes or more, the count by 1 only.
      if (added == 1 && m->size() >= 9 + 1 + 3) ++reused;
    }
    CHECK(reused > 20);
  }
  SECTION("removal replaces a shared node at every place it is used") {
    std::set<std::string> seen;
    for (const TermPtr& m : Mutants(MutationKind::kRemoveNode, "(+ (* x x) (/ 1.5 (* x x)))", 200)) {
      seen.insert(PrintTerm(*m));
    }
    // (* x x) becomes x at both places; the / node becomes 1.5 or (* x x); the + node becomes either side.
    CHECK(seen == std::set<std::string>{"(+ x (/ 1.5 x))", "(+ (* x x) 1.5)", "(+ (* x x) (* x x))",
                                        "(* x x)", "(/ 1.5 (* x x))"});
  }
  SECTION("rewiring reads another existing node and never adds an operation") {
    std::set<std::string> seen;
    for (const TermPtr& m : Mutants(MutationKind::kRewire, "(+ (* x x) (/ 1.5 (* x x)))", 400)) {
      INFO(PrintTerm(*m));
      CHECK(Operations(m) <= 3);
      seen.insert(PrintTerm(*m));
    }
    CHECK(seen.count("(+ (* x x) (/ x (* x x)))"));      // 1.5 rewired to x
    CHECK(seen.count("(+ (* x 1.5) (/ 1.5 (* x 1.5)))"));  // (* x x)'s operand, at both of its places
    CHECK(seen.size() >= 8);
  }
}

TEST_CASE("reparametrizing moves every use of x through one shared a*x + b", "[search][evolution]") {
  const Type f = Type::Float();
  const TermPtr parent = *ProgramReader(BuiltinRegistry(), {{"x", f}}, "<p>").ReadText("(+ (* x x) (/ 1.5 x))");
  const ProgramSpace space(FloatOps(), {{"x", f}});
  std::mt19937_64 rng(5);
  const std::unique_ptr<Mutation> reparametrize = MakeReparametrizeMutation();
  CHECK(reparametrize->name() == "reparametrize");
  for (int k = 0; k < 50; ++k) {
    const TermPtr m = reparametrize->Apply(parent, space, rng);
    REQUIRE(m != nullptr);
    INFO(PrintTerm(*m));
    // x appears once in the straight-line form, under the new node: (fma x a b), 2 operations more.
    std::vector<TermPtr> moved;
    for (const TermPtr& n : DistinctSubterms(m)) {
      if (n->kind() == TermKind::kApply && n->op()->name == "fma") moved.push_back(n);
    }
    REQUIRE(moved.size() == 1);
    CHECK(moved[0]->args()[0]->kind() == TermKind::kVariable);
    CHECK(Operations(m) == Operations(parent) + 2);
    // With a = 1 and b = 0 it would be the parent: the constants are near there.
    const double a = moved[0]->args()[1]->value().as_float(), b = moved[0]->args()[2]->value().as_float();
    CHECK(std::abs(a - 1) < 1);
    CHECK(std::abs(b) < 5);
  }
  // Without a Float input there is nothing to move.
  const TermPtr constant = *ProgramReader(BuiltinRegistry(), {{"x", f}}, "<p>").ReadText("(+ 1.0 2.0)");
  CHECK(reparametrize->Apply(constant, space, rng) == nullptr);
}

TEST_CASE("cache hits skip fitness evaluations, and runs repeat with a seed", "[threads][search][evolution]") {
  const Type f = Type::Float();
  Mutator mutator(FloatOps(), {{"x", f}}, 30);
  auto run = [&](bool cache, uint64_t seed) {
    Target target;
    EvolutionConfig config;
    config.set_population_size(50);
    config.set_tournament_size(5);
    config.set_seed(seed);
    config.set_use_cache(cache);
    RegularizedEvolution evolution(config, mutator, Grid(16), 16, f, std::ref(target));
    evolution.Initialize();
    for (int k = 0; k < 3000; ++k) evolution.Step();
    const EvolutionStats stats = evolution.stats();
    CHECK(stats.fitness_evaluations == static_cast<uint64_t>(target.calls));
    if (cache) {
      CHECK(stats.fitness_evaluations == stats.cache.misses);
      CHECK(stats.cache.hits > 0);
    } else {
      CHECK(stats.cache.hits + stats.cache.misses == 0);
    }
    return std::make_tuple(evolution.best().fitness, PrintTerm(*evolution.best().program), stats);
  };
  auto [with_fitness, with_program, with_stats] = run(true, 5);
  auto [without_fitness, without_program, without_stats] = run(false, 5);
  CHECK(with_stats.fitness_evaluations < without_stats.fitness_evaluations);
  // Evolution makes progress on x*x + 1 from random programs.
  CHECK(with_fitness < 0.5);
  // The same seed gives the same run.
  auto [again_fitness, again_program, again_stats] = run(true, 5);
  CHECK(again_program == with_program);
  CHECK(again_stats.fitness_evaluations == with_stats.fitness_evaluations);
}

TEST_CASE("NSGA-II order: non-dominated fronts, crowding in log error, and its tournaments", "[search][evolution]") {
  // (cost, fitness): A and F equal, B and C on front 0 with them; D behind B; E behind D; G (infinite
  // error) and H (NaN, the cheapest of all) behind every finite member.
  const std::vector<std::pair<double, double>> points = {{1, 1.0}, {2, 0.1},  {3, 0.01},     {2, 0.5},
                                                         {3, 0.5}, {1, 1.0}, {4, INFINITY}, {0, NAN}};
  std::deque<Individual> population(points.size());
  for (size_t i = 0; i < points.size(); ++i) std::tie(population[i].cost, population[i].fitness) = points[i];
  const NsgaOrder order = NsgaRanks(population);
  CHECK(order.front == std::vector<int>{0, 0, 0, 1, 2, 0, 3, 3});
  CHECK(order.crowding[6] == 0);
  CHECK(order.crowding[7] == 0);
  // Front 0 in cost order: A, F, B, C. The ends are kept at any price; F's neighbours span half the
  // costs and half the decades of error (1 to 0.1 of 1 to 0.01), B's all of both.
  CHECK(std::isinf(order.crowding[0]));
  CHECK(std::isinf(order.crowding[2]));
  CHECK(order.crowding[5] == Approx(1.0));
  CHECK(order.crowding[1] == Approx(2.0));
  CHECK(std::isinf(order.crowding[3]));  // alone on its front
  // A tournament of every member many times over: an end of front 0 always wins (A or C).
  std::mt19937_64 rng(2);
  std::set<size_t> winners;
  for (int k = 0; k < 200; ++k) {
    winners.insert(RegularizedEvolution::Tournament(population, 60, rng, proto::EvolutionConfig::NSGA2, &order));
  }
  CHECK(winners == std::set<size_t>{0, 2});
  // Two draws: the lower front wins, then the larger crowding.
  size_t lower_front_won = 0;
  for (int k = 0; k < 2000; ++k) {
    const size_t w = RegularizedEvolution::Tournament(population, 2, rng, proto::EvolutionConfig::NSGA2, &order);
    if (order.front[w] == 0) ++lower_front_won;
  }
  // P(no front-0 member among two draws) = (4/8)^2.
  CHECK(lower_front_won == Approx(2000 * (1 - 16.0 / 64)).epsilon(0.05));
  // Without the order at hand, the tournament computes it.
  for (int k = 0; k < 20; ++k) {
    CHECK(order.front[RegularizedEvolution::Tournament(population, 60, rng, proto::EvolutionConfig::NSGA2)] == 0);
  }
}

TEST_CASE("Pareto tournaments: the first drawn member no other drawn member dominates", "[search][evolution]") {
  // (fitness, cost): 0 and 2 are on the front, 1 is dominated by 0, 3 by 2, 4 by everything.
  std::deque<Individual> population(5);
  const double fitness[] = {1, 2, 5, 6, 9}, cost[] = {9, 9, 2, 3, 10};
  for (size_t i = 0; i < 5; ++i) {
    population[i].fitness = fitness[i];
    population[i].cost = cost[i];
  }
  auto dominates = [&](size_t a, size_t b) {
    return fitness[a] <= fitness[b] && cost[a] <= cost[b] && (fitness[a] < fitness[b] || cost[a] < cost[b]);
  };
  for (uint64_t seed = 0; seed < 200; ++seed) {
    std::mt19937_64 rng(seed), replay(seed);
    const size_t winner = RegularizedEvolution::Tournament(population, 3, rng, proto::EvolutionConfig::PARETO);
    std::vector<size_t> drawn;
    for (int k = 0; k < 3; ++k) drawn.push_back(replay() % 5);
    size_t expected = drawn[0];
    for (size_t candidate : drawn) {
      bool beaten = false;
      for (size_t other : drawn) beaten = beaten || dominates(other, candidate);
      if (!beaten) {
        expected = candidate;
        break;
      }
    }
    CHECK(winner == expected);
  }
  // A large tournament (almost surely drawing 0 and 2) returns a member of the population's front, the
  // cheap one as often as the accurate one.
  int front[5] = {};
  std::mt19937_64 rng(1);
  for (int k = 0; k < 400; ++k)
    ++front[RegularizedEvolution::Tournament(population, 80, rng, proto::EvolutionConfig::PARETO)];
  CHECK(front[0] + front[2] == 400);
  CHECK(front[0] > 100);
  CHECK(front[2] > 100);
}

TEST_CASE("batches: the run depends on the seed, not on the number of threads", "[threads][search][evolution]") {
  const Type f = Type::Float();
  Mutator mutator(FloatOps(), {{"x", f}}, 30);
  auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const std::vector<ValueColumn> grid = Grid(257);
    RegularizedEvolution evolution(BatchedConfig(40, 4, 9, 8), mutator, Grid(16), 16, f, StatelessFitness(grid));
    evolution.Initialize();
    for (int k = 0; k < 200; ++k) evolution.Step();
    CHECK(evolution.stats().cycles == 1600);
    std::string population;
    for (const Individual& i : evolution.population()) population += PrintTerm(*i.program) + "\n";
    return population;
  };
  const std::string one = run(1);
  CHECK(run(2) == one);
  CHECK(run(4) == one);
}

TEST_CASE("the first population is evaluated in parallel batches, each behaviour once", "[threads][search][evolution]") {
  const Type f = Type::Float();
  // Depth-1 programs over x alone: a population of 30 holds many copies of the one behaviour x.
  Mutator mutator(FloatOps(), {{"x", f}}, 30);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 4);
  std::mutex mu;
  std::set<std::thread::id> threads;
  std::map<uint64_t, int> calls_per_behaviour;
  const std::vector<ValueColumn> grid = Grid(257);
  EvolutionConfig config = BatchedConfig(30, 4, 5, 8);
  config.set_initial_depth(1);
  FitnessFn fitness = [&](TermPtr& program) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // long enough for the batch to spread
    std::lock_guard<std::mutex> lock(mu);
    threads.insert(std::this_thread::get_id());
    return Target{grid}(program);
  };
  RegularizedEvolution evolution(config, mutator, Grid(16), 16, f, fitness, nullptr,
                                 [&](const Individual& i) { ++calls_per_behaviour[i.hash]; });
  evolution.Initialize();
  REQUIRE(evolution.population().size() == 30);
  for (const auto& [hash, calls] : calls_per_behaviour) CHECK(calls == 1);
  const EvolutionStats& st = evolution.stats();
  CHECK(st.fitness_evaluations == calls_per_behaviour.size());
  CHECK(st.fitness_evaluations + st.cache.hits == 30);
  CHECK(st.cache.hits > 0);
  CHECK(threads.size() > 1);
  // The same population as members evaluated one at a time would give: fitness follows the program.
  for (const Individual& i : evolution.population()) CHECK(i.fitness == Target{grid}(i.program));
}

TEST_CASE("save and restore continue the run exactly", "[search][evolution]") {
  const Type f = Type::Float();
  Mutator mutator(FloatOps(), {{"x", f}}, 30);
  ProgramReader reader(BuiltinRegistry(), {{"x", f}}, "<checkpoint>");
  const std::vector<ValueColumn> grid = Grid(257);
  const FitnessFn fitness = StatelessFitness(grid);
  EvolutionConfig config = BatchedConfig(30, 3, 4, 4);
  config.set_cache_capacity(64);  // small, so evictions and the LRU order matter
  RegularizedEvolution straight(config, mutator, Grid(16), 16, f, fitness);
  straight.Initialize();
  for (int k = 0; k < 300; ++k) straight.Step();

  RegularizedEvolution first(config, mutator, Grid(16), 16, f, fitness);
  first.Initialize();
  for (int k = 0; k < 150; ++k) first.Step();
  proto::EvolutionState state;
  first.Save(state);
  std::string bytes = state.SerializeAsString();
  proto::EvolutionState reread;
  REQUIRE(reread.ParseFromString(bytes));
  // A fresh evolution (its own random state and empty cache) continues from the saved one.
  config.set_seed(12345);
  RegularizedEvolution resumed(config, mutator, Grid(16), 16, f, fitness);
  auto read = [&](const std::string& text) { return reader.ReadText(text); };
  REQUIRE(resumed.Restore(reread, read).ok());
  for (int k = 0; k < 150; ++k) resumed.Step();

  REQUIRE(resumed.population().size() == straight.population().size());
  for (size_t i = 0; i < straight.population().size(); ++i) {
    CHECK(PrintTerm(*resumed.population()[i].program) == PrintTerm(*straight.population()[i].program));
    CHECK(resumed.population()[i].fitness == straight.population()[i].fitness);
  }
  CHECK(resumed.best().fitness == straight.best().fitness);
  CHECK(resumed.stats().cycles == straight.stats().cycles);
  CHECK(resumed.stats().fitness_evaluations == straight.stats().fitness_evaluations);
  CHECK(resumed.stats().cache.hits == straight.stats().cache.hits);
  CHECK(resumed.stats().cache.evictions == straight.stats().cache.evictions);
  CHECK(straight.stats().cache.evictions > 0);

  proto::EvolutionState damaged = reread;
  damaged.set_rng("not a generator");
  CHECK_FALSE(resumed.Restore(damaged, read).ok());
  damaged = reread;
  damaged.mutable_population(0)->set_program("(+ x");
  CHECK_FALSE(resumed.Restore(damaged, read).ok());
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("evolution settings no run can use are refused, naming the setting", "[search][evolution]") {
  EvolutionConfig config;
  CHECK(ValidateEvolutionConfig(config).ok());
  config.set_population_size(0);
  absl::Status empty = ValidateEvolutionConfig(config);
  REQUIRE(absl::IsInvalidArgument(empty));
  CHECK(std::string(empty.message()).find("population_size is 0") != std::string::npos);
  config.set_population_size(10);
  config.set_tournament_size(0);
  CHECK(absl::IsInvalidArgument(ValidateEvolutionConfig(config)));
  config.set_tournament_size(3);
  config.set_hash_float_precision(-1);
  CHECK(absl::IsInvalidArgument(ValidateEvolutionConfig(config)));
}

}  // namespace progsearch
