#include "search/evolution/approximation.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "search/evolution/constant_tuning.h"
#include "search/evolution/polynomial_baselines.h"

namespace progsearch {
namespace {

std::vector<double> EvenlySpaced(double low, double high, size_t n) {
  std::vector<double> xs(n);
  for (size_t i = 0; i < n; ++i) xs[i] = n == 1 ? low : low + (high - low) * static_cast<double>(i) / (n - 1);
  return xs;
}

ValueColumn FloatColumn(const std::vector<double>& xs) {
  ValueColumn c(Type::Float(), xs.size());
  std::copy(xs.begin(), xs.end(), c.floats());
  return c;
}

double RelativeError(double got, double want) {
  if (std::isnan(got)) return std::numeric_limits<double>::infinity();
  return std::fabs(SignedRelativeError(got, want));
}

// Errors of `program` at `xs` against `reference`; returns the maximum and its index.
std::pair<double, size_t> WorstError(const Term& program, const std::vector<double>& xs,
                                     const std::vector<double>& reference) {
  auto out = Interpreter().Evaluate(program, std::vector<ValueColumn>{FloatColumn(xs)}, xs.size());
  if (!out.ok()) return {std::numeric_limits<double>::infinity(), 0};
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

}  // namespace

double SignedRelativeError(double got, double want) {
  return want == 0 ? got - want : (got - want) / std::fabs(want);
}

int OperationCount(const Term& program) {
  if (program.kind() != TermKind::kApply) return 0;
  int ops = program.op()->name == "fma" ? 2 : 1;
  for (const TermPtr& a : program.args()) ops += OperationCount(*a);
  return ops;
}

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

ApproximationResult DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                          const ApproximationProgress& progress) {
  const Type f = Type::Float();
  std::vector<const Primitive*> ops;
  for (const char* name : {"+", "-", "*", "/"})
    ops.push_back(*BuiltinRegistry().Resolve(name, std::vector<Type>{f, f}));
  ops.push_back(*BuiltinRegistry().Resolve("fma", std::vector<Type>{f, f, f}));
  if (config.allow_sqrt) ops.push_back(*BuiltinRegistry().Resolve("sqrt", std::vector<Type>{f}));
  // A program of k binary operations has 2k+1 nodes; fma and sqrt only make that smaller.
  Mutator mutator(ops, {{"x", f}}, 2 * config.max_ops + 1);

  // The dense grid and its exact values, computed once.
  const std::vector<double> grid = EvenlySpaced(target.low, target.high, config.grid);
  std::vector<double> reference(grid.size());
  for (size_t i = 0; i < grid.size(); ++i) reference[i] = target.Reference(grid[i]);

  std::map<int, FrontPoint> best_per_ops;
  // Tuning measures the error on a coarser grid; the full grid decides whether the tuned program wins.
  const std::vector<double> coarse = EvenlySpaced(target.low, target.high, config.tuning_grid);
  std::vector<double> coarse_reference(coarse.size());
  for (size_t i = 0; i < coarse.size(); ++i) coarse_reference[i] = target.Reference(coarse[i]);
  const std::function<double(const Term&)> coarse_error = [&](const Term& p) {
    return WorstError(p, coarse, coarse_reference).first;
  };

  // Every evaluated program competes for the best error at its operation count.
  FitnessFn fitness = [&](TermPtr& program) {
    const int count = OperationCount(*program);
    if (count > config.max_ops) return std::numeric_limits<double>::infinity();
    double error = WorstError(*program, grid, reference).first;
    FrontPoint& slot = best_per_ops[count];
    const bool promising = slot.program == nullptr || error < config.tuning_margin * slot.max_rel_error;
    if (config.tuning_evaluations > 0 && promising && !FloatConstants(*program).empty()) {
      TuningResult tuned = TuneConstants(program, coarse_error, config.tuning_evaluations);
      if (tuned.program != program) {
        const double tuned_error = WorstError(*tuned.program, grid, reference).first;
        if (tuned_error < error) {
          program = tuned.program;
          error = tuned_error;
        }
      }
    }
    if (slot.program == nullptr || error < slot.max_rel_error) slot = FrontPoint{count, error, program};
    return error;
  };

  // Probes: a few points spread over the interval (not on the grid, so they probe other inputs).
  std::vector<double> probes = EvenlySpaced(target.low, target.high, config.probes + 2);
  probes = std::vector<double>(probes.begin() + 1, probes.end() - 1);
  EvolutionConfig ec;
  ec.population_size = config.population;
  ec.tournament_size = config.tournament;
  ec.seed = config.seed;
  ec.use_cache = config.use_cache;
  ec.initial_depth = 3;
  ec.hash.float_relative_precision = 1e-15;
  RegularizedEvolution evolution(ec, mutator, {FloatColumn(probes)}, probes.size(), f, fitness);

  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  ApproximationResult result;
  std::vector<TermPtr> seeds;
  if (config.seed_minimax) {
    for (int degree = 1; 2 * degree <= config.max_ops; ++degree) {
      if (auto c = MinimaxPolynomial(target, degree)) seeds.push_back(HornerProgram(*c));
    }
  }
  evolution.Initialize(seeds);
  double next_report = 1;
  while (true) {
    if (config.max_cycles && evolution.stats().cycles >= config.max_cycles) {
      result.stop_reason = "cycles";
      break;
    }
    if (elapsed() >= config.seconds) {
      result.stop_reason = "timeout";
      break;
    }
    for (int k = 0; k < 64; ++k) evolution.Step();
    if (progress && elapsed() >= next_report) {
      next_report = elapsed() + 1;
      progress(evolution.best().fitness, evolution.stats().cycles, elapsed());
    }
  }
  result.seconds = elapsed();
  result.stats = evolution.stats();
  // The front: a point survives only if it beats every point with fewer operations; its error is then
  // measured again with refinement around the worst grid point.
  double best_so_far = std::numeric_limits<double>::infinity();
  for (auto& [count, point] : best_per_ops) {
    if (!(point.max_rel_error < best_so_far)) continue;
    best_so_far = point.max_rel_error;
    point.max_rel_error = MaxRelativeError(*point.program, target, config.grid);
    result.front.push_back(point);
  }
  return result;
}

}  // namespace progsearch
