// The public API's Evolve, used through include/progsearch/ only.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "progsearch/progsearch.h"

namespace progsearch {
namespace {

const std::vector<double> kXs = {-1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0};

std::vector<std::vector<Scalar>> Probes() {
  std::vector<Scalar> column(kXs.begin(), kXs.end());
  return {column};
}

// Squared error against x^2 + 1 on kXs: a target simple enough for a short run.
double SquaredError(const Program& p) {
  const std::vector<double> got = p.EvaluateFloats({kXs});
  double e = 0;
  for (size_t i = 0; i < kXs.size(); ++i) e += std::pow(got[i] - (kXs[i] * kXs[i] + 1), 2);
  return std::isfinite(e) ? e : INFINITY;
}

}  // namespace

TEST_CASE("candidates that compute the same on the probes are evaluated once", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  std::mutex mu;
  std::multiset<std::string> evaluated;
  auto fitness = [&](const Program& p) {
    std::lock_guard<std::mutex> lock(mu);
    evaluated.insert(p.ToString());
    return SquaredError(p);
  };
  EvolveOptions options;
  options.population = 2;
  options.seeds = {space.Parse("(* x 2.0)"), space.Parse("(+ x x)")};
  options.max_cycles = 1;
  options.batch = 1;
  const EvolveResult r = Evolve(space, Probes(), fitness, options);
  // x*2 and x+x hash alike on the probes: the second is answered by the cache.
  CHECK(evaluated.count("(* x 2.0)") == 1);
  CHECK(evaluated.count("(+ x x)") == 0);
  CHECK(r.stats.cache_hits >= 1);
  // With the cache off, both are evaluated, and the repeat is counted as what the cache would save.
  evaluated.clear();
  options.use_cache = false;
  const EvolveResult off = Evolve(space, Probes(), fitness, options);
  CHECK(evaluated.count("(+ x x)") == 1);
  CHECK(off.stats.cache_hits == 0);
  CHECK(off.stats.repeat_evaluations >= 1);
}

TEST_CASE("evolution finds a program for a fitness of the user's, whatever the thread count", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  EvolveOptions options;
  options.max_evaluations = 20000;
  options.target_fitness = 1e-20;
  std::vector<EvolveResult> runs;
  for (int threads : {1, 2}) {
    options.threads = threads;
    runs.push_back(Evolve(space, Probes(), SquaredError, options));
  }
  INFO(runs[0].best.ToString());
  CHECK(runs[0].stop_reason == "target");
  CHECK(runs[0].best_fitness <= 1e-20);
  CHECK(runs[1].best.ToString() == runs[0].best.ToString());
  CHECK(runs[1].stats.evaluations == runs[0].stats.evaluations);
  CHECK(runs[1].stats.cycles == runs[0].stats.cycles);
  CHECK(runs[0].population.size() == options.population);
}

TEST_CASE("a fitness that throws or returns NaN fails that candidate, not the run", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  std::atomic<int> calls{0};
  auto fitness = [&](const Program& p) -> double {
    const int k = calls++;
    if (k % 3 == 1) throw std::runtime_error("the model diverged");
    if (k % 3 == 2) return NAN;
    return SquaredError(p);
  };
  EvolveOptions options;
  options.max_cycles = 300;
  options.threads = 2;
  const EvolveResult r = Evolve(space, Probes(), fitness, options);
  CHECK(r.stop_reason == "cycles");
  CHECK(r.stats.failures > 0);
  CHECK(r.stats.failures <= r.stats.evaluations);
  CHECK((r.stats.first_failure.find("the model diverged") != std::string::npos ||
         r.stats.first_failure.find("NaN") != std::string::npos));
  CHECK(std::isfinite(r.best_fitness));
  // max_failures ends the run.
  options.max_failures = 5;
  const EvolveResult stopped = Evolve(space, Probes(), fitness, options);
  CHECK(stopped.stop_reason == "failures");
  CHECK(stopped.stats.failures >= 5);
}

TEST_CASE("a fitness call over the time limit fails its candidate when it returns", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  std::atomic<int> calls{0};
  auto fitness = [&](const Program& p) {
    if (calls++ % 4 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return SquaredError(p);
  };
  EvolveOptions options;
  options.max_evaluations = 40;
  options.fitness_timeout_seconds = 0.01;
  const EvolveResult r = Evolve(space, Probes(), fitness, options);
  CHECK(r.stats.failures >= 10);
  CHECK(r.stats.first_failure.find("over its time limit of 0.01 s") != std::string::npos);
}

TEST_CASE("a run continued from its checkpoint ends as the uninterrupted run", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  const std::string path =
      (std::filesystem::temp_directory_path() / ("progsearch_api_" + std::to_string(getpid()) + ".ckpt")).string();
  EvolveOptions options;
  options.batch = 4;
  options.max_cycles = 400;
  const EvolveResult whole = Evolve(space, Probes(), SquaredError, options);
  options.max_cycles = 200;
  options.checkpoint_path = path;
  Evolve(space, Probes(), SquaredError, options);
  options.max_cycles = 400;
  options.resume = true;
  const EvolveResult resumed = Evolve(space, Probes(), SquaredError, options);
  CHECK(resumed.best.ToString() == whole.best.ToString());
  CHECK(resumed.best_fitness == whole.best_fitness);
  CHECK(resumed.stats.cycles == whole.stats.cycles);
  CHECK(resumed.stats.evaluations == whole.stats.evaluations);
  // Other options are another computation: refused with what differs.
  options.seed = 2;
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options),
                    Catch::Contains("made with other settings: evolution.seed=1 (this run: evolution.seed=2)"));
  options.seed = 1;
  SearchSpace wider = SearchSpace::Arithmetic({"x"});
  wider.AddBuiltin("sqrt", {ValueKind::kFloat});
  CHECK_THROWS_WITH(Evolve(wider, Probes(), SquaredError, options), Catch::Contains("operators=["));
  std::ofstream(path) << "not a checkpoint";
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options), Catch::Contains("not a progsearch Evolve checkpoint"));
  std::filesystem::remove(path);
}

TEST_CASE("a space that runs out of new behaviours ends the run as exhausted", "[threads][api][evolve]") {
  SearchSpace space({{"b", ValueKind::kBool}}, ValueKind::kBool);
  space.AddBuiltin("not", {ValueKind::kBool});
  EvolveOptions options;
  options.max_evaluations = 1000;  // never reached: (b, not b) are the only behaviours
  options.batch = 1;
  options.population = 4;
  const EvolveResult r = Evolve(space, {{true, false}}, [](const Program& p) { return p.Size(); }, options);
  CHECK(r.stop_reason == "exhausted");
  CHECK(r.stats.evaluations <= 4);  // b, (not b), true, false
}

TEST_CASE("bad options and probes are refused before the run", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  EvolveOptions options;
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options), Catch::Contains("set a budget"));
  options.max_cycles = 10;
  CHECK_THROWS_WITH(Evolve(space, {}, SquaredError, options), Catch::Contains("one column per variable"));
  CHECK_THROWS_WITH(Evolve(space, {{std::string("a")}}, SquaredError, options), Catch::Contains("expected a Float"));
  // A probe column is exactly of its variable's kind: whole numbers in a Float column are a mistake.
  CHECK_THROWS_WITH(Evolve(space, {{0.0, int64_t{1}}}, SquaredError, options),
                    Catch::Contains("probes: column x row 1: expected a Float value (its variable's kind), got an Int "
                                    "(write 2.0, not 2)"));
  CHECK_THROWS_WITH(Evolve(space, {{}}, SquaredError, options), Catch::Contains("empty"));
  options.seeds = {space.Parse("(< x 1.0)")};
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options), Catch::Contains("is a Bool"));
  options.max_size = 3;
  options.seeds = {space.Parse("(+ x (* x x))")};
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options), Catch::Contains("more than max_size"));
  options.seeds.clear();
  options.checkpoint_path = "/nonexistent/dir/run.ckpt";
  CHECK_THROWS_AS(Evolve(space, Probes(), SquaredError, options), Error);
  options.checkpoint_path.clear();
  options.population = 0;
  CHECK_THROWS_AS(Evolve(space, Probes(), SquaredError, options), Error);
  CHECK_THROWS_WITH(Program().ToString(), Catch::Contains("empty Program"));
}

TEST_CASE("the progress callback sees the run and can end it", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  EvolveOptions options;
  options.max_cycles = 100000;
  int batches = 0;
  options.progress = [&](const EvolveProgress& p) {
    ++batches;
    CHECK(p.cycles == static_cast<uint64_t>(batches) * options.batch);
    return batches < 5;
  };
  const EvolveResult r = Evolve(space, Probes(), SquaredError, options);
  CHECK(r.stop_reason == "interrupted");
  CHECK(batches == 5);
  CHECK(r.stats.cycles == 5 * options.batch);
  CHECK(std::string(Version()).find('.') != std::string::npos);
}

TEST_CASE("progress carries the best program so far", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  EvolveOptions options;
  options.max_cycles = 100000;
  std::vector<Program> bests;
  options.progress = [&bests](const EvolveProgress& p) {
    bests.push_back(p.best);
    CHECK(SquaredError(p.best) == Approx(p.best_fitness));
    return bests.size() < 3;
  };
  const EvolveResult r = Evolve(space, Probes(), SquaredError, options);
  CHECK(r.stop_reason == "interrupted");
  REQUIRE(bests.size() == 3);
  for (const Program& b : bests) CHECK_FALSE(b.empty());
}

TEST_CASE("regression fits the constants of Float programs to the targets", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  EvolveOptions options;
  for (double x : kXs) options.targets.push_back(x * x + 1);
  options.max_cycles = 20000;
  options.target_fitness = 1e-24;
  options.seeds = {space.Parse("(+ (* x x) 0.5)")};
  const EvolveResult r = Evolve(space, Probes(), Fitness(), options);
  CHECK(r.stop_reason == "target");
  CHECK(r.best_fitness <= 1e-24);
  CHECK(std::get<double>(r.best({3.0})) == Approx(10.0).epsilon(1e-12));
  // A black-box fitness keeps today's behaviour: no fitting, the constant stays where mutation left it.
  EvolveOptions black_box = options;
  black_box.targets.clear();
  black_box.max_cycles = 16;
  const EvolveResult plain = Evolve(space, Probes(), SquaredError, black_box);
  CHECK(plain.best_fitness > 1e-24);
  options.loss = "max";
  options.max_cycles = 2000;
  options.target_fitness = -INFINITY;
  CHECK(Evolve(space, Probes(), Fitness(), options).best_fitness < 1e-9);
  options.loss = "mae";
  CHECK_THROWS_WITH(Evolve(space, Probes(), Fitness(), options), Catch::Contains("loss must be"));
  options.loss = "mse";
  options.targets.pop_back();
  CHECK_THROWS_WITH(Evolve(space, Probes(), Fitness(), options), Catch::Contains("one per probe row (7), got 6"));
  options.targets.push_back(5.0);
  CHECK_THROWS_WITH(Evolve(space, Probes(), SquaredError, options), Catch::Contains("not both"));
}

TEST_CASE("returned programs have their constant sub-terms folded", "[threads][api][evolve]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  space.AddFloatOperator("sq", 1, [](const double* a) { return a[0] * a[0]; });
  EvolveOptions options;
  options.population = 2;
  options.batch = 1;
  options.max_cycles = 1;
  options.seeds = {space.Parse("(+ (* x x) (sq (- 0.0 1.0)))"), space.Parse("(* x (+ 0.5 0.5))")};
  const EvolveResult r = Evolve(space, Probes(), SquaredError, options);
  for (const Program& p : r.population) {
    INFO(p.ToString());
    CHECK(p.ToString().find("(sq") == std::string::npos);
    CHECK(p.ToString().find("(+ 0.5 0.5)") == std::string::npos);
  }
  CHECK(r.best.ToString() == "(+ (* x x) 1.0)");
  CHECK(r.best_fitness == 0);
}

}  // namespace progsearch

