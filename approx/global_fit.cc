#include "approx/global_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>

#include "approx/cmaes.h"
#include "approx/error_measure.h"
#include "approx/float_tape.h"
#include "core/status_macros.h"

namespace progsearch {
namespace {

constexpr double kWorst = 1e300;  // stands for an undefined error: CMA-ES ranks it last

// The error in scaled coordinates u (parameter j = origin_j + scale_j * u_j), as CMA-ES minimizes it. The
// logarithm keeps pagmo's tolerances relative: a fit that brings 1e-9 down to 1e-12 still moves.
struct ScaledProblem {
  const std::function<double(const std::vector<double>&)>* error = nullptr;
  std::vector<double> origin, scale;
  GlobalMinimum* best = nullptr;  // the best point seen

  std::vector<double> Parameters(const double* u) const {
    std::vector<double> p(origin.size());
    for (size_t j = 0; j < p.size(); ++j) p[j] = origin[j] + scale[j] * u[j];
    return p;
  }
  double Fitness(const double* u) const {
    std::vector<double> p = Parameters(u);
    const double e = (*error)(p);
    ++best->evaluations;
    if (e < best->value) {
      best->value = e;
      best->point = std::move(p);
    }
    return Objective(e);
  }
  static double Objective(double e) { return std::isfinite(e) ? std::log(std::max(e, 1e-300)) : kWorst; }
  // Unbounded, runs drift towards infinity, where many rationals degenerate into a flat basin. The box's
  // width also sets the step size, which pagmo's CMA-ES takes as a fraction of it.
  static constexpr double kBox = 10;
};

double ScaledFitness(void* problem, const double* u) { return static_cast<const ScaledProblem*>(problem)->Fitness(u); }

// The first members of a run, row after row (pagmo stops at once on a population of one point): the best
// point and members around it with steps of `step` scales, or (`wide`) members around a random point of
// the box's middle.
std::vector<double> StartingMembers(const ScaledProblem& problem, const GlobalMinimum& best, bool wide, double step,
                                    int64_t count, uint64_t seed) {
  const size_t k = problem.origin.size();
  std::mt19937_64 rng(seed);
  std::vector<double> center(k);
  for (size_t j = 0; j < k; ++j) {
    center[j] = wide ? std::uniform_real_distribution<double>(-3, 3)(rng)
                     : (best.point[j] - problem.origin[j]) / problem.scale[j];
  }
  std::vector<double> members;
  if (!wide) members = center;
  std::normal_distribution<double> normal(0, step);
  for (int64_t i = wide ? 0 : 1; i < count; ++i) {
    for (double v : center) members.push_back(std::clamp(v + normal(rng), -ScaledProblem::kBox, ScaledProblem::kBox));
  }
  return members;
}

}  // namespace

absl::StatusOr<GlobalMinimum> MinimizeGlobally(const std::function<double(const std::vector<double>&)>& error,
                               const std::vector<double>& start, const GlobalFitOptions& options) {
  GlobalMinimum best;
  best.point = start;
  best.value = error(start);
  best.evaluations = 1;
  if (!std::isfinite(best.value)) best.value = std::numeric_limits<double>::infinity();
  if (start.empty() || options.max_evaluations <= 1) return best;
  const size_t k = start.size();
  ScaledProblem problem;
  problem.error = &error;
  problem.origin = start;
  // Steps in proportion to the start's magnitudes, at least 1.
  for (double c : start) problem.scale.push_back(std::max(std::fabs(c), 1.0));
  problem.best = &best;
  int64_t population = std::max(6, 4 + static_cast<int>(3 * std::log(static_cast<double>(k))));
  int stalls = 0;
  for (int run = 0; stalls < 2 && best.value > 0; ++run) {
    const int64_t left = options.max_evaluations - best.evaluations;
    if (left < 2 * population) break;
    const unsigned generations = static_cast<unsigned>(left / population) - 1;
    const double before = best.value;
    const bool wide = run % 2 == 1;
    const double step = wide ? 1.0 : 0.1;
    const std::vector<double> members =
        StartingMembers(problem, best, wide, step, population, options.seed + 104729 * run);
    ProgsearchCmaesCall call;
    call.dims = k;
    call.box = ScaledProblem::kBox;
    call.members = members.data();
    call.count = members.size() / k;
    call.first_known = !wide;
    call.first_fitness = ScaledProblem::Objective(best.value);
    call.generations = generations;
    call.sigma0 = step / (2 * ScaledProblem::kBox);
    call.ftol = 1e-9;
    call.xtol = 1e-10;
    call.population_seed = static_cast<unsigned>(options.seed + 31 * run);
    call.algorithm_seed = static_cast<unsigned>(options.seed + 7919 * run);
    call.objective = &ScaledFitness;
    call.context = &problem;
    // pagmo refuses degenerate runs (a collapsed distribution, code 1); the best point seen still counts.
    RETURN_IF_ERROR(RunCmaes(call).status());
    if (run > 0) ++best.restarts;
    stalls = best.value < 0.99 * before ? 0 : stalls + 1;
    population *= 2;
  }
  return best;
}

absl::StatusOr<TuningResult> TuneGlobally(const TermPtr& program, const std::vector<double>& xs,
                                          const std::vector<double>& reference, const GlobalFitOptions& options) {
  std::optional<FloatTape> tape = FloatTape::Compile(*program);
  if (!tape || tape->num_parameters() == 0) return TuningResult{program, 0, 0};
  std::vector<double> scratch;
  auto error = [&](const std::vector<double>& parameters) {
    double worst = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      const double got = tape->Evaluate(xs[i], parameters, nullptr, scratch);
      const double e = std::fabs(SignedRelativeError(got, reference[i]));
      if (!(e <= worst)) worst = std::isnan(e) ? std::numeric_limits<double>::infinity() : e;
    }
    return worst;
  };
  ASSIGN_OR_RETURN(const GlobalMinimum found, MinimizeGlobally(error, tape->parameters(), options));
  std::vector<double> occurrences;
  for (int parameter : tape->occurrence_parameter()) occurrences.push_back(found.point[parameter]);
  TuningResult result{WithFloatConstants(program, occurrences), found.value, found.evaluations};
  if (options.polish_iterations > 0 && std::isfinite(found.value)) {
    TuningResult polished = TuneMinimax(result.program, xs, reference, options.polish_iterations);
    result.evaluations += polished.evaluations;
    if (polished.evaluations > 0 && polished.error < result.error) {
      result.program = polished.program;
      result.error = polished.error;
    }
  }
  return result;
}

}  // namespace progsearch
