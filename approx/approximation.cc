#include "approx/approximation.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>

#include "absl/strings/str_format.h"
#include "approx/constant_tuning.h"
#include "approx/polynomial_baselines.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "dsl/program_reader.h"
#include "proto/progsearch.pb.h"

namespace progsearch {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr uint32_t kCheckpointVersion = 1;

ValueColumn FloatColumn(const std::vector<double>& xs) {
  ValueColumn c(Type::Float(), xs.size());
  std::copy(xs.begin(), xs.end(), c.floats());
  return c;
}

double RelativeError(double got, double want) {
  if (std::isnan(got)) return kInfinity;
  return std::fabs(SignedRelativeError(got, want));
}

// Errors of `program` at `xs` against `reference`; returns the maximum and its index.
std::pair<double, size_t> WorstError(const Term& program, const std::vector<double>& xs,
                                     const std::vector<double>& reference) {
  auto out = Interpreter().Evaluate(program, std::vector<ValueColumn>{FloatColumn(xs)}, xs.size());
  if (!out.ok()) return {kInfinity, 0};
  double worst = 0;
  size_t at = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double e = RelativeError(out->floats()[i], reference[i]);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  return {worst, at};
}

// Max error of `program` run in float32 at `xs`, in ULPs of the correctly rounded `want`, measured
// against the exact value `exact` rather than `want`: a continuous measure (ULP counts between floats
// move in steps, which leaves evolution nothing to climb). Below 1.5 it guarantees at most 1 ULP
// against the correctly rounded result, which is within half an ULP of the exact value.
double WorstUlps(const Term& program, const std::vector<float>& xs, const std::vector<float>& want,
                 const std::vector<double>& exact) {
  std::optional<FloatTape> tape = FloatTape::Compile(program);
  if (!tape) return kInfinity;
  std::vector<float> scratch;
  double worst = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const float got = tape->EvaluateFloat(xs[i], tape->parameters(), scratch);
    const double e = std::isfinite(got) ? std::fabs(got - exact[i]) / FloatSpacing(want[i]) : kInfinity;
    if (!(e <= worst)) worst = e;
  }
  return worst;
}

// " weights=fma:2,...": operation weights change every cost, so a resumed run must have the same.
std::string WeightsSetting(const OperationWeights& weights) {
  std::string out = " weights=";
  for (const auto& [name, weight] : weights) out += StrCat(out.back() == '=' ? "" : ",", name, ":", weight);
  return out;
}

// Every setting that changes what a seeded run does; a resumed run must match them.
std::string Settings(const MathTarget& target, const ApproximationConfig& c) {
  return absl::StrFormat(
             "target=%s low=%.17g high=%.17g max_ops=%d seed=%d population=%d tournament=%d selection=%s batch=%d "
             "grid=%d "
             "probes=%d cache=%d sqrt=%d arithmetic=%s tuning=%d margin=%g tuning_grid=%d classical_seeds=%d",
             target.name, target.low, target.high, c.max_ops, c.seed, c.population, c.tournament,
             c.selection == Selection::kPareto ? "pareto" : "fitness", c.batch, c.grid, c.probes, c.use_cache,
             c.allow_sqrt, c.arithmetic == Arithmetic::kFloat32 ? "float32" : "float64", c.tuning_iterations,
             c.tuning_margin, c.tuning_grid, c.seed_classical) +
         WeightsSetting(c.weights);
}

// The best program at each operation count, and the fitness of each, which tuning reads as thresholds.
struct BestPerOps {
  std::map<int, std::pair<double, TermPtr>> points;
  std::vector<double> fitness;  // by operation count; infinity where nothing was found yet
};

}  // namespace

std::vector<double> EvenlySpaced(double low, double high, size_t n) {
  std::vector<double> xs(n);
  for (size_t i = 0; i < n; ++i) xs[i] = n == 1 ? low : low + (high - low) * static_cast<double>(i) / (n - 1);
  return xs;
}

double SignedRelativeError(double got, double want) { return want == 0 ? got - want : (got - want) / std::fabs(want); }

double MaxRelativeError(const Term& program, const MathTarget& target, size_t points) {
  std::vector<double> xs = EvenlySpaced(target.low, target.high, points);
  std::vector<double> ref(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) ref[i] = target.Reference(xs[i]);
  auto [worst, at] = WorstError(program, xs, ref);
  if (!std::isfinite(worst) || points < 2) return worst;
  // The error's extremum lies between the worst point's neighbours: sample that stretch densely.
  const double lo = xs[at == 0 ? 0 : at - 1], hi = xs[std::min(at + 1, xs.size() - 1)];
  std::vector<double> fine = EvenlySpaced(lo, hi, 257);
  std::vector<double> fine_ref(fine.size());
  for (size_t i = 0; i < fine.size(); ++i) fine_ref[i] = target.Reference(fine[i]);
  return std::max(worst, WorstError(program, fine, fine_ref).first);
}

absl::StatusOr<ApproximationResult> DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                                          const ApproximationProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const Type f = Type::Float();
  std::vector<const Primitive*> ops;
  for (const char* name : {"+", "-", "*", "/"})
    ops.push_back(*BuiltinRegistry().Resolve(name, std::vector<Type>{f, f}));
  ops.push_back(*BuiltinRegistry().Resolve("fma", std::vector<Type>{f, f, f}));
  if (config.allow_sqrt) ops.push_back(*BuiltinRegistry().Resolve("sqrt", std::vector<Type>{f}));
  // The operation count bounds programs; the tree may be larger than 2 ops + 1 nodes when sub-terms
  // repeat (they are computed once), so the node limit only stops runaway growth.
  Mutator mutator(ops, {{"x", f}}, 4 * config.max_ops + 16);
  const bool float32 = config.arithmetic == Arithmetic::kFloat32;

  // The dense grid and its exact values, computed once; in float32 mode its points rounded to float.
  const std::vector<double> grid = EvenlySpaced(target.low, target.high, config.grid);
  std::vector<double> reference(grid.size());
  for (size_t i = 0; i < grid.size(); ++i) reference[i] = target.Reference(grid[i]);
  // float32 mode samples 4 times as many points: errors of about an ULP come and go from float to float.
  std::vector<float> grid32, reference32;
  std::vector<double> exact32;
  if (float32) {
    for (double x : EvenlySpaced(target.low, target.high, 4 * config.grid)) {
      const float xf = static_cast<float>(x);
      if (xf < target.low || xf > target.high || (!grid32.empty() && grid32.back() == xf)) continue;
      grid32.push_back(xf);
      reference32.push_back(target.ReferenceFloat(xf));
      exact32.push_back(target.Reference(xf));
    }
  }
  // Tuning fits on a coarser grid; the full grid decides whether the tuned program wins.
  // Chebyshev-spaced: a minimax error's extrema crowd towards the interval's ends, as these points do.
  std::vector<double> coarse(config.tuning_grid);
  for (size_t i = 0; i < coarse.size(); ++i) {
    const double t = coarse.size() == 1 ? 0.5 : (1 - std::cos(M_PI * static_cast<double>(i) / (coarse.size() - 1))) / 2;
    coarse[i] = target.low + (target.high - target.low) * t;
  }
  std::vector<double> coarse_reference(coarse.size());
  for (size_t i = 0; i < coarse.size(); ++i) coarse_reference[i] = target.Reference(coarse[i]);
  const std::function<double(const Term&)> coarse_error = [&](const Term& p) {
    return WorstError(p, coarse, coarse_reference).first;
  };
  auto measure = [&](const Term& program) {
    return float32 ? WorstUlps(program, grid32, reference32, exact32) : WorstError(program, grid, reference).first;
  };

  BestPerOps best;
  best.fitness.assign(config.max_ops + 1, kInfinity);
  // Runs on several threads at once: it reads `best` (only written between batches) and nothing else shared.
  FitnessFn fitness = [&](TermPtr& program) {
    const int count = OperationCost(*program, config.weights);
    if (count > config.max_ops) return kInfinity;
    double error = measure(*program);
    const double threshold = best.fitness[count];
    const bool promising =
        config.tuning_margin == 0 || !std::isfinite(threshold) || error < config.tuning_margin * threshold;
    if (config.tuning_iterations > 0 && promising && !FloatConstants(*program).empty()) {
      TuningResult tuned = TuneMinimax(program, coarse, coarse_reference, config.tuning_iterations);
      // Programs outside FloatTape's operations fall back to derivative-free tuning.
      if (tuned.evaluations == 0) tuned = TuneConstants(program, coarse_error, config.tuning_iterations);
      // A fit that comes near the best at its operation count may be a better shape still converging:
      // it gets a longer fit before it is judged.
      if (tuned.evaluations > 0 && (!std::isfinite(threshold) || tuned.error < 4 * threshold)) {
        TuningResult longer = TuneMinimax(tuned.program, coarse, coarse_reference, 5 * config.tuning_iterations);
        if (longer.evaluations > 0 && longer.error < tuned.error) tuned = longer;
      }
      if (tuned.program != program) {
        const double tuned_error = measure(*tuned.program);
        if (tuned_error < error) {
          program = tuned.program;
          error = tuned_error;
        }
      }
    }
    return error;
  };
  // Every evaluated program competes for the best error at its operation count.
  EvaluatedFn evaluated = [&](const Individual& individual) {
    const int count = static_cast<int>(individual.cost);
    if (count > config.max_ops || !(individual.fitness < best.fitness[count])) return;
    best.fitness[count] = individual.fitness;
    best.points[count] = {individual.fitness, individual.program};
  };
  CostFn cost = [&config](const Term& program) { return static_cast<double>(OperationCost(program, config.weights)); };

  // Probes: a few points spread over the interval (not on the grid, so they probe other inputs).
  std::vector<double> probes = EvenlySpaced(target.low, target.high, config.probes + 2);
  probes = std::vector<double>(probes.begin() + 1, probes.end() - 1);
  EvolutionConfig ec;
  ec.population_size = config.population;
  ec.tournament_size = config.tournament;
  ec.seed = config.seed;
  ec.use_cache = config.use_cache;
  ec.initial_depth = 3;
  ec.batch_size = config.batch;
  ec.selection = config.selection;
  ec.max_cost = config.max_ops;
  ec.hash.float_relative_precision = 1e-15;
  RegularizedEvolution evolution(ec, mutator, {FloatColumn(probes)}, probes.size(), f, fitness, cost, evaluated);

  const std::string settings = Settings(target, config);
  double seconds_before = 0;  // search time of the runs this one resumes
  std::optional<ClassicalFits> classical;
  if (!config.resume_path.empty()) {
    std::ifstream in(config.resume_path, std::ios::binary);
    if (!in) return absl::NotFoundError(StrCat(config.resume_path, ": cannot open the checkpoint"));
    proto::DiscoverCheckpoint checkpoint;
    if (!checkpoint.ParseFromIstream(&in) || checkpoint.version() != kCheckpointVersion) {
      return absl::InvalidArgumentError(StrCat(config.resume_path, ": not a progsearch discover checkpoint"));
    }
    if (checkpoint.settings() != settings) {
      return absl::InvalidArgumentError(StrCat(config.resume_path, ": the checkpoint was made with other settings\n  ",
                                               checkpoint.settings(), "\nand this run has\n  ", settings));
    }
    ProgramReader reader(BuiltinRegistry(), {{"x", f}}, config.resume_path);
    auto read = [&](const std::string& text) { return reader.ReadText(text); };
    RETURN_IF_ERROR(evolution.Restore(checkpoint.evolution(), read));
    for (const proto::DiscoverFrontPoint& point : checkpoint.front()) {
      if (point.ops() < 0 || point.ops() > config.max_ops) continue;
      ASSIGN_OR_RETURN(TermPtr program, read(point.program()));
      best.points[point.ops()] = {point.fitness(), program};
      best.fitness[point.ops()] = point.fitness();
    }
    seconds_before = checkpoint.seconds();
  } else {
    std::vector<TermPtr> seeds;
    if (config.seed_classical) {
      classical = FitClassical(target, config.max_ops, config.weights);
      for (const auto& [degree, program] : classical->polynomials) seeds.push_back(program);
      for (const auto& [degree, program] : classical->rationals) seeds.push_back(program);
    }
    evolution.Initialize(seeds);
  }

  auto elapsed = [&] {
    return seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  ApproximationResult result;
  result.classical = std::move(classical);
  auto save = [&]() -> absl::Status {
    proto::DiscoverCheckpoint checkpoint;
    checkpoint.set_version(kCheckpointVersion);
    checkpoint.set_settings(settings);
    checkpoint.set_seconds(elapsed());
    evolution.Save(*checkpoint.mutable_evolution());
    for (const auto& [count, point] : best.points) {
      proto::DiscoverFrontPoint& p = *checkpoint.add_front();
      p.set_ops(count);
      p.set_fitness(point.first);
      p.set_program(PrintTerm(*point.second));
    }
    RETURN_IF_ERROR(WriteFileAtomically(config.checkpoint_path, checkpoint.SerializeAsString()));
    ++result.checkpoints;
    return absl::OkStatus();
  };
  double next_report = elapsed() + 1;
  double next_checkpoint = elapsed() + config.checkpoint_seconds;
  while (true) {
    if (config.max_cycles && evolution.stats().cycles >= config.max_cycles) {
      result.stop_reason = StopReason::kCycles;
      break;
    }
    if (elapsed() >= config.seconds) {
      result.stop_reason = StopReason::kTimeout;
      break;
    }
    if (config.interrupt && config.interrupt->load()) {
      result.stop_reason = StopReason::kInterrupted;
      break;
    }
    evolution.Step();
    if (progress && elapsed() >= next_report) {
      next_report = elapsed() + 1;
      progress(evolution.best().fitness, evolution.stats().cycles, elapsed());
    }
    if (!config.checkpoint_path.empty() && elapsed() >= next_checkpoint) {
      RETURN_IF_ERROR(save());
      next_checkpoint = elapsed() + config.checkpoint_seconds;
    }
  }
  if (!config.checkpoint_path.empty()) RETURN_IF_ERROR(save());
  result.seconds = elapsed();
  result.stats = evolution.stats();
  // The front: a point survives only if it beats every point with fewer operations; its relative error
  // is then measured again with refinement around the worst grid point.
  double best_so_far = kInfinity;
  for (const auto& [count, point] : best.points) {
    if (!(point.first < best_so_far)) continue;
    best_so_far = point.first;
    FrontPoint front_point;
    front_point.ops = count;
    front_point.program = point.second;
    front_point.max_rel_error = MaxRelativeError(*point.second, target, config.grid);
    if (float32) front_point.ulps = point.first;
    result.front.push_back(front_point);
  }
  return result;
}

}  // namespace progsearch
