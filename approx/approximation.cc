#include "approx/approximation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include "absl/strings/str_format.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "approx/constant_tuning.h"
#include "approx/error_measure.h"
#include "approx/global_fit.h"
#include "approx/input_shift.h"
#include "approx/polynomial_baselines.h"
#include "core/atomic_file.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/inline_macros.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "google/protobuf/text_format.h"
#include "proto/message_diff.h"
#include "proto/progsearch.pb.h"
#include "search/evolution/checkpoint_file.h"
#include "search/evolution/evolution_driver.h"
#include "xxhash.h"

namespace progsearch {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// 3: the graph mutations and NSGA-II's default; a run of version 2 would resume with other mutations.
// 4: the global fit's seed is XXH3 of the program's text (std::hash differs between standard
// libraries), so a seeded run is the same everywhere and differs from version 3's.
constexpr uint32_t kCheckpointVersion = 4;
constexpr const char* kCheckpointChange = "version 4: the global fit seeds with XXH3, the same on every platform";

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

// The points errors are measured at and the exact values there, computed once for the whole run.
struct ErrorGrids {
  std::vector<double> grid, reference;  // the dense grid
  // float32 mode: 4 times as many points, rounded to float (errors of about an ULP come and go from
  // float to float), the correctly rounded floats there and the exact values.
  std::vector<float> grid32, reference32;
  std::vector<double> exact32;
  // Tuning fits on a coarser grid, Chebyshev-spaced (a minimax error's extrema crowd towards the
  // interval's ends, as these points do); the full grid decides whether the tuned program wins.
  std::vector<double> coarse, coarse_reference;
};

ErrorGrids MakeErrorGrids(const MathTarget& target, const ApproximationSearch& search) {
  ErrorGrids g;
  g.grid = EvenlySpaced(target.low, target.high, search.grid());
  for (double x : g.grid) g.reference.push_back(target.Reference(x));
  if (search.arithmetic() == ApproximationSearch::FLOAT32) {
    for (double x : EvenlySpaced(target.low, target.high, 4 * search.grid())) {
      const float xf = static_cast<float>(x);
      if (xf < target.low || xf > target.high || (!g.grid32.empty() && g.grid32.back() == xf)) continue;
      g.grid32.push_back(xf);
      g.reference32.push_back(target.ReferenceFloat(xf));
      g.exact32.push_back(target.Reference(xf));
    }
  }
  g.coarse = ChebyshevSpaced(target.low, target.high, search.tuning_grid());
  for (double x : g.coarse) g.coarse_reference.push_back(target.Reference(x));
  return g;
}

// The best program at each operation count, and the fitness of each, which tuning reads as thresholds.
struct BestPerOps {
  std::map<int, std::pair<double, TermPtr>> points;
  std::vector<double> fitness;  // by operation count; infinity where nothing was found yet
};

// A candidate's fitness: its error, after its constants are fitted (the fitted program replaces it).
// Runs on several threads at once: it reads `best` (only written between batches) and nothing else
// shared.
class ApproximationFitness {
 public:
  ApproximationFitness(const ApproximationSearch& search, const OperationWeights& weights, const ErrorGrids& grids,
                       const BestPerOps& best)
      : search_(search), weights_(weights), grids_(grids), best_(best) {}

  double Measure(const Term& program) const {
    if (search_.arithmetic() == ApproximationSearch::FLOAT32) {
      return WorstUlps(program, grids_.grid32, grids_.reference32, grids_.exact32);
    }
    return WorstError(program, grids_.grid, grids_.reference).first;
  }

  double operator()(TermPtr& program) const {
    const int count = OperationCost(*program, weights_);
    if (count > search_.max_ops()) return kInfinity;
    double error = Measure(*program);
    const double threshold = best_.fitness[count];
    const bool promising =
        search_.tuning_margin() == 0 || !std::isfinite(threshold) || error < search_.tuning_margin() * threshold;
    if (search_.tuning_iterations() > 0 && promising && !FloatConstants(*program).empty()) {
      TuningResult tuned = Tune(program, threshold);
      if (tuned.program != program) {
        const double tuned_error = Measure(*tuned.program);
        if (tuned_error < error) {
          program = tuned.program;
          error = tuned_error;
        }
      }
    }
    return error;
  }

  // OK, or what stopped a fit (the global fit's module could not be loaded): the run ends with it.
  absl::Status failure() const {
    std::lock_guard<std::mutex> lock(failure_mu_);
    return failure_;
  }

 private:
  TuningResult Tune(const TermPtr& program, double threshold) const {
    const int iterations = search_.tuning_iterations();
    TuningResult tuned = TuneMinimax(program, grids_.coarse, grids_.coarse_reference, iterations);
    // Programs outside FloatTape's arithmetic (elementary functions; the operators of `discover` never
    // leave it, but a caller's may) fall back to derivative-free tuning.
    if (tuned.evaluations == 0) {
      tuned = TuneConstants(
          program, [this](const Term& p) { return WorstError(p, grids_.coarse, grids_.coarse_reference).first; },
          iterations);
    }
    // A fit that comes near the best at its operation count may be a better shape still converging: it
    // gets a longer fit before it is judged.
    if (tuned.evaluations > 0 && (!std::isfinite(threshold) || tuned.error < 4 * threshold)) {
      TuningResult longer = TuneMinimax(tuned.program, grids_.coarse, grids_.coarse_reference, 5 * iterations);
      if (longer.evaluations > 0 && longer.error < tuned.error) tuned = longer;
    }
    const double margin = search_.global_fit_margin();
    if (margin > 0 && tuned.evaluations > 0 && (!std::isfinite(threshold) || tuned.error < margin * threshold)) {
      GlobalFitOptions options;
      options.max_evaluations = search_.global_fit_evaluations();
      options.polish_iterations = 5 * iterations;
      // A function of the program: the run depends on the seed, not on which thread fits what (nor on
      // the standard library: std::hash of a string differs between them).
      const std::string text = PrintTerm(*tuned.program);
      options.seed = search_.seed() ^ XXH3_64bits(text.data(), text.size());
      absl::StatusOr<TuningResult> global = TuneGlobally(tuned.program, grids_.coarse, grids_.coarse_reference, options);
      if (!global.ok()) {
        Fail(global.status());
      } else if (global->evaluations > 0 && global->error < tuned.error) {
        tuned = *global;
      }
    }
    return tuned;
  }

  // Keeps the first error: fits run on several threads.
  void Fail(absl::Status status) const {
    std::lock_guard<std::mutex> lock(failure_mu_);
    if (failure_.ok()) failure_ = std::move(status);
  }

  const ApproximationSearch& search_;
  const OperationWeights& weights_;
  const ErrorGrids& grids_;
  const BestPerOps& best_;
  mutable std::mutex failure_mu_;
  mutable absl::Status failure_;
};

EvolutionConfig EvolutionConfigOf(const ApproximationSearch& search) {
  EvolutionConfig ec;
  ec.set_population_size(search.population());
  ec.set_tournament_size(search.tournament());
  ec.set_seed(search.seed());
  ec.set_use_cache(search.use_cache());
  ec.set_initial_depth(3);
  ec.set_batch_size(search.batch());
  ec.set_selection(search.selection());
  ec.set_max_cost(search.max_ops());
  ec.set_hash_float_precision(1e-15);
  return ec;
}

// The weights as every operation the search weighs, "fma:2,/:4", or `canonical`ly only those that do not
// weigh 1 (unlisted ones weigh 1, so that is the form two searches compare in); other settings as they are.
std::optional<std::string> WeightsText(const google::protobuf::Message& m, const google::protobuf::FieldDescriptor* field,
                                       bool canonical) {
  if (field->name() != "weights") return std::nullopt;
  std::string out;
  for (const auto& [name, weight] : WeightsOf(static_cast<const ApproximationSearch&>(m))) {
    if (weight != 1 || !canonical) out += StrCat(out.empty() ? "" : ",", name, ":", weight);
  }
  return out;
}

// What differs between a checkpoint's target and settings and this run's, as "name=saved (this run:
// name=now)"; empty when they match.
std::string SettingsDifferences(const proto::DiscoverCheckpoint& saved, const MathTarget& target,
                                const ApproximationSearch& search) {
  std::vector<std::string> diffs;
  auto differ = [&](const std::string& name, const std::string& was, const std::string& now) {
    if (was != now) diffs.push_back(StrCat(name, "=", was, " (this run: ", name, "=", now, ")"));
  };
  auto exact = [](double v) { return absl::StrFormat("%.17g", v); };
  differ("target", saved.target(), target.name);
  differ("low", exact(saved.low()), exact(target.low));
  differ("high", exact(saved.high()), exact(target.high));
  std::string out = absl::StrJoin(diffs, ", ");
  const std::string settings = MessageDifferences(saved.search(), search, WeightsText);
  return out.empty() ? settings : settings.empty() ? out : StrCat(out, ", ", settings);
}

// Reads the checkpoint at config.resume_path into `evolution` and `best`; returns the seconds it had run.
absl::StatusOr<double> Restore(const MathTarget& target, const ApproximationConfig& config,
                               RegularizedEvolution& evolution, BestPerOps& best) {
  const std::string& path = config.resume_path();
  proto::DiscoverCheckpoint checkpoint;
  RETURN_IF_ERROR(ReadCheckpoint(path, "discover", kCheckpointVersion, kCheckpointChange, checkpoint,
                                 [&](const google::protobuf::Message& saved) {
                                   return SettingsDifferences(static_cast<const proto::DiscoverCheckpoint&>(saved),
                                                              target, config.search());
                                 }));
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, path);
  auto read = [&](const std::string& text) { return reader.ReadText(text); };
  RETURN_IF_ERROR(evolution.Restore(checkpoint.evolution(), read));
  for (const proto::DiscoverFrontPoint& point : checkpoint.front()) {
    if (point.ops() < 0 || point.ops() > config.search().max_ops()) continue;
    ASSIGN_OR_RETURN(TermPtr program, read(point.program()));
    best.points[point.ops()] = {point.fitness(), program};
    best.fitness[point.ops()] = point.fitness();
  }
  return checkpoint.seconds();
}

// Programs as islands send them: one per string, in the DSL's text.
absl::StatusOr<TermPtr> ReadProgramText(const std::string& text) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<island>");
  return reader.ReadText(text);
}

// Island 0 ends with the best program per operation count over all islands.
void GatherBest(IslandLink& islands, BestPerOps& best) {
  std::string mine;
  for (const auto& [ops, point] : best.points) {
    absl::StrAppendFormat(&mine, "%d\t%.17g\t%s\n", ops, point.first, PrintTerm(*point.second));
  }
  for (const std::string& theirs : islands.Gather(mine)) {
    for (absl::string_view line : absl::StrSplit(theirs, '\n', absl::SkipEmpty())) {
      const std::vector<std::string> cells = absl::StrSplit(line, absl::MaxSplits('\t', 2));
      int ops = 0;
      double fitness = 0;
      if (cells.size() != 3 || !absl::SimpleAtoi(cells[0], &ops) || !absl::SimpleAtod(cells[1], &fitness)) continue;
      if (ops < 0 || ops >= static_cast<int>(best.fitness.size()) || !(fitness < best.fitness[ops])) continue;
      if (auto program = ReadProgramText(cells[2]); program.ok()) {
        best.fitness[ops] = fitness;
        best.points[ops] = {fitness, *program};
      }
    }
  }
}

absl::Status Save(const MathTarget& target, const ApproximationConfig& config, double seconds,
                  const RegularizedEvolution& evolution, const BestPerOps& best) {
  proto::DiscoverCheckpoint checkpoint;
  checkpoint.set_version(kCheckpointVersion);
  checkpoint.set_target(target.name);
  checkpoint.set_low(target.low);
  checkpoint.set_high(target.high);
  *checkpoint.mutable_search() = config.search();
  checkpoint.set_seconds(seconds);
  evolution.Save(*checkpoint.mutable_evolution());
  for (const auto& [count, point] : best.points) {
    proto::DiscoverFrontPoint& p = *checkpoint.add_front();
    p.set_ops(count);
    p.set_fitness(point.first);
    p.set_program(PrintTerm(*point.second));
  }
  return WriteFileAtomically(config.checkpoint_path(), checkpoint.SerializeAsString());
}

// The front: a point survives only if it beats every point with fewer operations; its relative error
// is then measured again with refinement around the worst grid point.
std::vector<FrontPoint> BuildFront(const BestPerOps& best, const MathTarget& target,
                                   const ApproximationSearch& search, const ErrorGrids& grids) {
  // The search's grid and references, not computed again for every program.
  const ReferenceGrid grid{grids.grid, grids.reference};
  std::vector<FrontPoint> front;
  double best_so_far = kInfinity;
  for (const auto& [count, point] : best.points) {
    if (!(point.first < best_so_far)) continue;
    best_so_far = point.first;
    FrontPoint front_point;
    front_point.ops = count;
    front_point.program = point.second;
    front_point.max_rel_error = MaxRelativeError(*point.second, target, grid);
    if (search.arithmetic() == ApproximationSearch::FLOAT32) front_point.ulps = point.first;
    front.push_back(front_point);
  }
  return front;
}

}  // namespace

OperationWeights WeightsOf(const ApproximationSearch& search) {
  OperationWeights weights = DefaultOperationWeights();
  for (const auto& [name, weight] : search.weights()) weights[name] = weight;
  return weights;
}

std::vector<const Primitive*> ApproximationOperators(const ApproximationSearch& search) {
  const Type f = Type::Float();
  const PrimitiveRegistry& r = BuiltinRegistry();
  std::vector<const Primitive*> ops;
  for (FloatOp op : {FloatOp::kAdd, FloatOp::kSub, FloatOp::kMul, FloatOp::kDiv}) {
    ops.push_back(*r.Resolve(OpName(op), std::vector<Type>{f, f}));
  }
  ops.push_back(*r.Resolve(OpName(FloatOp::kFma), std::vector<Type>{f, f, f}));
  if (search.allow_sqrt()) ops.push_back(*r.Resolve(OpName(FloatOp::kSqrt), std::vector<Type>{f}));
  return ops;
}

absl::Status ValidateApproximationConfig(const ApproximationConfig& config) {
  const ApproximationSearch& s = config.search();
  RETURN_IF_ERROR(RequireRange("search.max_ops", s.max_ops(), 1, 64));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.population", s.population(), 2, 1000000));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.tournament", s.tournament(), 1, 100000));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.batch", s.batch(), 1, 100000));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.grid", s.grid(), 2, uint64_t{1} << 24));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.probes", s.probes(), 1, 1000000));
  RETURN_IF_ERROR(RequireRange("search.tuning_iterations", s.tuning_iterations(), 0, 100000));
  RETURN_IF_ERROR(RequireNonNegative("search.tuning_margin", s.tuning_margin()));
  RETURN_IF_ERROR(RequireRange<uint64_t>("search.tuning_grid", s.tuning_grid(), 2, 1000000));
  RETURN_IF_ERROR(RequireNonNegative("search.global_fit_margin", s.global_fit_margin()));
  RETURN_IF_ERROR(RequireRange("search.global_fit_evaluations", s.global_fit_evaluations(), 1, 10000000));
  const std::vector<std::string> known = WeighableOperations();
  for (const auto& [name, weight] : s.weights()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return absl::InvalidArgumentError(
          StrCat("search.weights: unknown operation '", name, "' (known: ", absl::StrJoin(known, " "), ")"));
    }
    RETURN_IF_ERROR(RequireRange(StrCat("search.weights[", name, "]"), weight, 1, 1000));
  }
  RETURN_IF_ERROR(RequireAboveZero("seconds", config.seconds(), "inf: until the cycle budget or an interrupt"));
  return RequirePositive("checkpoint_seconds", config.checkpoint_seconds());
}

std::vector<std::string> WeighableOperations() {
  ApproximationSearch every;
  every.set_allow_sqrt(true);
  std::vector<std::string> names;
  for (const Primitive* op : ApproximationOperators(every)) names.push_back(op->name);
  return names;
}

namespace {

// The evolutionary search on `target` itself (DiscoverApproximation without the centring).
absl::StatusOr<ApproximationResult> SearchApproximation(const MathTarget& target, const ApproximationConfig& config,
                                                        const ApproximationHooks& hooks) {
  const auto start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ValidateApproximationConfig(config));
  const ApproximationSearch& search = config.search();
  const OperationWeights weights = WeightsOf(search);
  const Type f = Type::Float();
  // The operation count bounds programs; the tree may be larger than 2 ops + 1 nodes when sub-terms
  // repeat (they are computed once), so the node limit only stops runaway growth.
  std::vector<WeightedMutation> mutations;
  if (search.reparametrize() > 0) {
    mutations = DefaultMutations();
    mutations.push_back({MakeReparametrizeMutation(), static_cast<int>(std::min<uint32_t>(search.reparametrize(),
                                                                                        kMaxMutationWeight))});
  }
  const Mutator mutator(ApproximationOperators(search), {{"x", f}}, 4 * search.max_ops() + 16, std::move(mutations));
  const ErrorGrids grids = MakeErrorGrids(target, search);

  BestPerOps best;
  best.fitness.assign(search.max_ops() + 1, kInfinity);
  const ApproximationFitness fitness(search, weights, grids, best);
  // Every evaluated program competes for the best error at its operation count.
  EvaluatedFn evaluated = [&](const Individual& individual) {
    const int count = static_cast<int>(individual.cost);
    if (count > search.max_ops() || !(individual.fitness < best.fitness[count])) return;
    best.fitness[count] = individual.fitness;
    best.points[count] = {individual.fitness, individual.program};
  };
  CostFn cost = [&weights](const Term& program) { return static_cast<double>(OperationCost(program, weights)); };
  // Probes: a few points spread over the interval (not on the grid, so they probe other inputs).
  std::vector<double> probes = EvenlySpaced(target.low, target.high, search.probes() + 2);
  probes = std::vector<double>(probes.begin() + 1, probes.end() - 1);
  RegularizedEvolution evolution(EvolutionConfigOf(search), mutator, {FloatColumn(probes)}, probes.size(), f,
                                 std::cref(fitness), cost, evaluated);

  double seconds_before = 0;  // search time of the runs this one resumes
  ApproximationResult result;
  if (!config.resume_path().empty()) {
    ASSIGN_OR_RETURN(seconds_before, Restore(target, config, evolution, best));
  } else {
    std::vector<TermPtr> seeds;
    if (search.seed_classical()) {
      result.classical = FitClassical(target, search.max_ops(), weights, hooks.interrupt);
      for (const auto& [degree, program] : result.classical->polynomials) seeds.push_back(program);
      for (const auto& [degree, program] : result.classical->rationals) seeds.push_back(program);
    }
    if (search.centre_seeds()) {
      for (TermPtr& p : CentredSeeds(target, search.max_ops(), weights, hooks.interrupt)) seeds.push_back(std::move(p));
    }
    evolution.Initialize(seeds);
  }

  DriverBudget budget;
  budget.max_cycles = config.max_cycles();
  budget.max_seconds = config.seconds();
  budget.interrupt = hooks.interrupt;
  DriverHooks driver;
  driver.failure = [&fitness] { return fitness.failure(); };
  if (hooks.progress) {
    driver.progress = [&](double seconds) {
      hooks.progress(evolution.best().fitness, evolution.stats().cycles, seconds);
      return true;
    };
    driver.progress_seconds = hooks.progress_seconds;
  }
  if (!config.checkpoint_path().empty()) {
    driver.checkpoint = [&](double seconds) { return Save(target, config, seconds, evolution, best); };
    driver.checkpoint_seconds = config.checkpoint_seconds();
  }
  driver.islands = hooks.islands;
  driver.migration_batches = config.migration_batches();
  driver.migrants = config.migrants();
  driver.read_program = ReadProgramText;
  ASSIGN_OR_RETURN(const DriverOutcome outcome, RunEvolution(evolution, budget, driver, seconds_before, start));
  result.stop_reason = outcome.reason;
  result.checkpoints = outcome.checkpoints;
  result.migrations = outcome.migrations;
  result.immigrants = outcome.immigrants;
  if (hooks.islands) GatherBest(*hooks.islands, best);
  result.seconds = outcome.seconds;
  result.stats = evolution.stats();
  result.front = BuildFront(best, target, search, grids);
  return result;
}

// The front of a search on ShiftedTarget(target, c) as programs of x, each measured again against
// `target` on the search's grid; a point survives only if it beats every cheaper one.
std::vector<FrontPoint> UnshiftFront(const std::vector<FrontPoint>& shifted, double c, const MathTarget& target,
                                     const ApproximationSearch& search) {
  const OperationWeights weights = WeightsOf(search);
  const ReferenceGrid grid = MakeReferenceGrid(target, search.grid());
  std::map<int, FrontPoint> by_ops;
  for (const FrontPoint& p : shifted) {
    FrontPoint q;
    q.program = ProgramOfShiftedInput(p.program, c);
    q.ops = OperationCost(*q.program, weights);
    q.max_rel_error = MaxRelativeError(*q.program, target, grid);
    auto [at, fresh] = by_ops.emplace(q.ops, q);
    if (!fresh && q.max_rel_error < at->second.max_rel_error) at->second = q;
  }
  std::vector<FrontPoint> front;
  for (auto& [ops, point] : by_ops) {
    if (front.empty() || point.max_rel_error < front.back().max_rel_error) front.push_back(std::move(point));
  }
  return front;
}

}  // namespace

absl::StatusOr<ApproximationResult> DiscoverApproximation(const MathTarget& target, const ApproximationConfig& config,
                                                          const ApproximationHooks& hooks) {
  const ApproximationSearch& search = config.search();
  const double c = search.centre() ? InputCentre(target) : 0;
  if (c == 0) return SearchApproximation(target, config, hooks);
  if (search.arithmetic() == ApproximationSearch::FLOAT32) {
    return absl::InvalidArgumentError("search.centre: the centred search works in float64 arithmetic only");
  }
  // The shift is one subtraction, paid once by every program that reads x.
  const int shift_cost = OperationCost(*ShiftedInput(c), WeightsOf(search));
  ApproximationConfig shifted = config;
  shifted.mutable_search()->set_max_ops(std::max(1, search.max_ops() - shift_cost));
  ASSIGN_OR_RETURN(ApproximationResult result, SearchApproximation(ShiftedTarget(target, c), shifted, hooks));
  result.front = UnshiftFront(result.front, c, target, search);
  result.classical.reset();
  return result;
}

std::vector<TermPtr> CentredSeeds(const MathTarget& target, int max_ops, const OperationWeights& weights,
                                  const std::atomic<bool>* interrupt) {
  const double middle = target.low + (target.high - target.low) / 2;
  if (std::fabs(middle) <= 1e-12 * (target.high - target.low)) return {};  // centred already
  // The fits of g(t) = f(t + m), read back with t = x - m, one shared node that costs a subtraction.
  const ClassicalFits fits = FitClassical(ShiftedTarget(target, middle), max_ops - 1, weights, interrupt);
  std::vector<TermPtr> seeds;
  for (const auto& [degree, program] : fits.polynomials) seeds.push_back(ProgramOfShiftedInput(program, middle));
  for (const auto& [degree, program] : fits.rationals) seeds.push_back(ProgramOfShiftedInput(program, middle));
  return seeds;
}

}  // namespace progsearch
