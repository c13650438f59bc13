#include "progsearch/evolve.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>

#include "absl/strings/str_format.h"
#include "api/impl.h"
#include "core/atomic_file.h"
#include "core/stop_reason.h"
#include "core/str_cat.h"
#include "core/threads.h"
#include "approx/constant_tuning.h"
#include "dsl/constant_folding.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "proto/message_diff.h"
#include "proto/progsearch.pb.h"
#include "search/evolution/checkpoint_file.h"
#include "search/evolution/evolution_driver.h"
#include "search/evolution/regularized_evolution.h"
#include "tbb/task_arena.h"

namespace progsearch {
namespace {

using Clock = std::chrono::steady_clock;

void CheckOptions(const SearchSpace::Impl& space, const EvolveOptions& o) {
  if (space.ops.empty()) throw Error("the search space has no operators: add some with AddBuiltin or Add*Operator");
  if (o.population < 1 || o.tournament < 1 || o.batch < 1) {
    throw Error("population, tournament and batch must each be at least 1");
  }
  if (o.max_size < 1 || o.initial_depth < 1) throw Error("max_size and initial_depth must be at least 1");
  if (o.threads < 0) throw Error(StrCat("threads must be 0 (every core) or more, got ", o.threads));
  if (o.cache_capacity < 1) throw Error("cache_capacity must be at least 1");
  if (!(o.hash_float_precision >= 0)) throw Error("hash_float_precision must be 0 or more");
  if (!(o.max_seconds >= 0)) throw Error("max_seconds must be 0 (no limit) or more");
  if (!(o.fitness_timeout_seconds >= 0)) throw Error("fitness_timeout_seconds must be 0 (no limit) or more");
  if (o.max_cycles == 0 && o.max_evaluations == 0 && o.max_seconds == 0) {
    throw Error("set a budget: max_cycles, max_evaluations or max_seconds (a run without one never ends)");
  }
  if (!o.checkpoint_path.empty() && !(o.checkpoint_seconds > 0)) throw Error("checkpoint_seconds must be positive");
  if (o.resume && o.checkpoint_path.empty()) throw Error("resume needs checkpoint_path");
  if (!o.targets.empty()) {
    if (space.result != ValueKind::kFloat) throw Error("regression (targets) needs a space of Float programs");
    if (o.loss != "mse" && o.loss != "max") throw Error(StrCat("loss must be \"mse\" or \"max\", not \"", o.loss, "\""));
    if (o.constant_fitting < 0) throw Error("constant_fitting must be 0 (none) or more");
  }
}

std::vector<ValueColumn> ProbeColumns(const SearchSpace::Impl& space, const std::vector<std::vector<Scalar>>& probes,
                                      size_t& rows) {
  if (probes.size() != space.variables.size()) {
    throw Error(StrCat("probes: one column per variable (", space.variables.size(), "), got ", probes.size()));
  }
  rows = probes.empty() ? 1 : probes[0].size();
  if (rows == 0) throw Error("probes: the columns are empty; candidates are hashed on at least one row");
  std::vector<ValueColumn> columns;
  for (size_t i = 0; i < probes.size(); ++i) {
    const auto& [name, kind] = space.variables[i];
    if (probes[i].size() != rows) {
      throw Error(StrCat("probes: column ", name, " has ", probes[i].size(), " rows, the first has ", rows));
    }
    // A probe column is exactly of its variable's kind: an Int in a Float column is a mistake here (a
    // column of whole numbers meant as floats), not a value to convert.
    for (size_t r = 0; r < rows; ++r) {
      const ValueKind got = KindOf(probes[i][r]);
      if (got != kind) {
        throw Error(StrCat("probes: column ", name, " row ", r, ": expected a ", KindName(kind), " value (its variable's kind), got ",
                           got == ValueKind::kInt ? "an " : "a ", KindName(got),
                           kind == ValueKind::kFloat && got == ValueKind::kInt ? " (write 2.0, not 2)" : ""));
      }
    }
    columns.push_back(ToColumn(probes[i], kind, StrCat("probes: column ", name)));
  }
  return columns;
}

proto::EvolutionConfig ConfigOf(const EvolveOptions& o) {
  proto::EvolutionConfig c;
  c.set_population_size(o.population);
  c.set_tournament_size(o.tournament);
  c.set_seed(o.seed);
  c.set_use_cache(o.use_cache);
  c.set_cache_capacity(o.cache_capacity);  // with the cache off: the outputs remembered to count repeats
  c.set_initial_depth(o.initial_depth);
  c.set_batch_size(o.batch);
  c.set_hash_float_precision(o.hash_float_precision);
  return c;
}

// 3: the graph mutations joined the default mutations, so the same generator state breeds differently.
constexpr uint32_t kCheckpointVersion = 3;
constexpr const char* kCheckpointChange = "version 3: the graph mutations joined the default mutations";

// What a checkpoint must match to be continued: the space and the options that change the computation.
proto::EvolveSettings SettingsOf(const SearchSpace::Impl& space, const EvolveOptions& o) {
  proto::EvolveSettings s;
  for (const auto& [name, kind] : space.variables) s.add_variables(StrCat(name, ": ", KindName(kind)));
  s.set_result(KindName(space.result));
  for (const std::string& d : space.descriptions) s.add_operators(d);
  *s.mutable_evolution() = ConfigOf(o);
  s.set_max_size(o.max_size);
  if (!o.targets.empty()) {
    for (double t : o.targets) s.add_targets(t);
    s.set_loss(o.loss);
    s.set_constant_fitting(o.constant_fitting);
  }
  return s;
}

// Failures of the user's fitness, from any thread.
class Failures {
 public:
  void Add(std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (count_++ == 0) first_ = std::move(message);
  }
  uint64_t count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }
  std::string first() const {
    std::lock_guard<std::mutex> lock(mu_);
    return first_;
  }
  void Restore(uint64_t count, std::string first) {
    std::lock_guard<std::mutex> lock(mu_);
    count_ = count;
    first_ = std::move(first);
  }

 private:
  mutable std::mutex mu_;
  uint64_t count_ = 0;
  std::string first_;
};

// Where the running fitness call's time counts from, on this thread (RestartFitnessClock moves it).
thread_local Clock::time_point fitness_clock_start;

// The user's fitness as the engine calls it: a throw, a NaN or a call over the time limit is a failure
// with the worst fitness.
FitnessFn WrapFitness(const SearchSpace::Impl& space, const Fitness& fitness, double timeout, Failures& failures) {
  return [&space, &fitness, timeout, &failures](TermPtr& program) -> double {
    const Program candidate = MakeProgram(space, program);
    try {
      fitness_clock_start = Clock::now();
      const double f = fitness(candidate);
      const double took = std::chrono::duration<double>(Clock::now() - fitness_clock_start).count();
      if (timeout > 0 && took > timeout) {
        failures.Add(absl::StrFormat("%s: the fitness took %.3g s, over its time limit of %g s", candidate.ToString(),
                                     took, timeout));
        return INFINITY;
      }
      if (std::isnan(f)) {
        failures.Add(StrCat(candidate.ToString(), ": the fitness is NaN"));
        return INFINITY;
      }
      return f;
    } catch (const std::exception& e) {
      failures.Add(StrCat(candidate.ToString(), ": ", e.what()));
    } catch (...) {
      failures.Add(StrCat(candidate.ToString(), ": an exception that is not a std::exception"));
    }
    return INFINITY;
  };
}

// Regression: the loss of a program's outputs at the probe rows against the targets ("mse" or "max"),
// infinity when it fails or gives NaN there.
double RegressionLoss(const Term& program, const std::vector<ValueColumn>& probes, size_t rows,
                      const std::vector<double>& targets, bool mean_squared) {
  auto out = Interpreter().Evaluate(program, probes, rows);
  if (!out.ok()) return INFINITY;
  double loss = 0;
  for (size_t i = 0; i < rows; ++i) {
    const double d = out->floats()[i] - targets[i];
    if (std::isnan(d)) return INFINITY;
    loss = mean_squared ? loss + d * d : std::max(loss, std::fabs(d));
  }
  return mean_squared ? loss / static_cast<double>(rows) : loss;
}

// The fitness of regression: the loss, after the program's Float constants are fitted to it (the fitted
// program takes the candidate's place, as discover's tuning does).
FitnessFn RegressionFitness(const std::vector<ValueColumn>& probes, size_t rows, const EvolveOptions& o) {
  const bool mean_squared = o.loss == "mse";
  return [&probes, rows, &o, mean_squared](TermPtr& program) -> double {
    auto loss = [&](const Term& p) { return RegressionLoss(p, probes, rows, o.targets, mean_squared); };
    const double before = loss(*program);
    if (o.constant_fitting == 0 || FloatConstants(*program).empty()) return before;
    TuningResult fitted = TuneConstants(program, loss, o.constant_fitting);
    if (!(fitted.error < before)) return before;
    program = fitted.program;
    return fitted.error;
  };
}

}  // namespace

void RestartFitnessClock() { fitness_clock_start = Clock::now(); }

namespace {

std::vector<TermPtr> SeedTerms(const SearchSpace& space, const std::vector<Program>& seeds, int max_size) {
  std::vector<TermPtr> terms;
  for (const Program& p : seeds) {
    // A program of another space is read again here, so its operators are this space's.
    TermPtr term = p.impl().registry == space.impl().registry ? p.impl().term : space.Parse(p.ToString()).impl().term;
    if (term->type() != TypeOf(space.impl().result)) {
      throw Error(StrCat("seed ", p.ToString(), " is a ", KindName(p.result_kind()), ", the space's programs are ",
                         KindName(space.impl().result)));
    }
    if (p.Size() > max_size) {
      throw Error(StrCat("seed ", p.ToString(), " has ", p.Size(), " nodes, more than max_size ", max_size));
    }
    terms.push_back(std::move(term));
  }
  return terms;
}

EvolveStats StatsOf(const RegularizedEvolution& evolution, const Failures& failures, double seconds) {
  const EvolutionStats& st = evolution.stats();
  EvolveStats out;
  out.cycles = st.cycles;
  out.evaluations = st.fitness_evaluations;
  out.cache_hits = st.cache.hits;
  out.cache_hit_rate = st.cache.hit_rate();
  out.failures = failures.count();
  out.first_failure = failures.first();
  out.rejected_mutants = st.rejected_mutants;
  out.fitness_seconds = st.fitness_seconds;
  out.repeat_evaluations = st.repeat_evaluations;
  out.repeat_fitness_seconds = st.repeat_fitness_seconds;
  out.seconds = seconds;
  return out;
}

// Batches in a row without a fitness call after which a run ends as "exhausted".
constexpr uint64_t kMaxIdleBatches = 10000;

// What ends a run: the options' budget (0: none).
DriverBudget BudgetOf(const EvolveOptions& o) {
  DriverBudget b;
  b.target_fitness = o.target_fitness;
  b.max_cycles = o.max_cycles;
  b.max_evaluations = o.max_evaluations;
  if (o.max_seconds > 0) b.max_seconds = o.max_seconds;
  b.max_idle_batches = kMaxIdleBatches;
  return b;
}

EvolveProgress ProgressOf(const SearchSpace::Impl& space, const RegularizedEvolution& evolution, double seconds) {
  const EvolutionStats& st = evolution.stats();
  EvolveProgress p{st.cycles, st.fitness_evaluations, st.cache.hits, evolution.best().fitness, seconds, {}};
  if (evolution.best().program) p.best = MakeProgram(space, FoldConstants(evolution.best().program));
  return p;
}

absl::Status SaveCheckpoint(const std::string& path, const proto::EvolveSettings& settings,
                            const RegularizedEvolution& evolution, const Failures& failures, double seconds) {
  proto::EvolveCheckpoint c;
  c.set_version(kCheckpointVersion);
  *c.mutable_settings() = settings;
  evolution.Save(*c.mutable_state());
  c.set_seconds(seconds);
  c.set_failures(failures.count());
  c.set_first_failure(failures.first());
  return WriteFileAtomically(path, c.SerializeAsString());
}

EvolveResult ResultOf(const SearchSpace::Impl& space, const RegularizedEvolution& evolution, const Failures& failures,
                      const DriverOutcome& outcome) {
  // Where every fitness failed, no member is better than another: the best is the oldest member.
  const Individual* best = evolution.best().program ? &evolution.best() : nullptr;
  if (!best && !evolution.population().empty()) best = &evolution.population().front();
  if (!best) throw Error("no program of the space evaluates on the probes");
  // Constant sub-terms such as (sqrt (- 0.85 0.1)) come back folded: they compute the same.
  EvolveResult r{MakeProgram(space, FoldConstants(best->program)), 0, "", {}, {}, {}};
  r.best_fitness = best->fitness;
  r.stop_reason = std::string(StopReasonName(outcome.reason));
  r.stats = StatsOf(evolution, failures, outcome.seconds);
  for (const Individual& member : evolution.population()) {
    r.population.push_back(MakeProgram(space, FoldConstants(member.program)));
    r.population_fitness.push_back(member.fitness);
  }
  return r;
}

// Restores a checkpoint into `evolution` and `failures`; returns the seconds it had run.
double Resume(const SearchSpace::Impl& space, const EvolveOptions& options, const proto::EvolveSettings& settings,
              RegularizedEvolution& evolution, Failures& failures) {
  proto::EvolveCheckpoint checkpoint;
  ThrowIfError(ReadCheckpoint(options.checkpoint_path, "Evolve", kCheckpointVersion, kCheckpointChange, checkpoint,
                              [&settings](const google::protobuf::Message& saved) {
                                return MessageDifferences(static_cast<const proto::EvolveCheckpoint&>(saved).settings(),
                                                          settings);
                              }));
  ProgramReader reader(*space.registry, space.declarations, options.checkpoint_path);
  ThrowIfError(evolution.Restore(checkpoint.state(), [&reader](const std::string& text) { return reader.ReadText(text); }));
  failures.Restore(checkpoint.failures(), checkpoint.first_failure());
  return checkpoint.seconds();
}

}  // namespace

EvolveResult Evolve(const SearchSpace& space, const std::vector<std::vector<Scalar>>& probes, const Fitness& fitness,
                    const EvolveOptions& options) {
  const SearchSpace::Impl& s = space.impl();
  CheckOptions(s, options);
  const bool regression = !options.targets.empty();
  if (!fitness && !regression) throw Error("no fitness function (and no regression targets)");
  if (fitness && regression) throw Error("give a fitness or regression targets, not both");
  size_t rows = 0;
  std::vector<ValueColumn> columns = ProbeColumns(s, probes, rows);
  if (regression && options.targets.size() != rows) {
    throw Error(StrCat("targets: one per probe row (", rows, "), got ", options.targets.size()));
  }
  const std::vector<ValueColumn> probe_columns = columns;  // the regression loss runs on them
  const proto::EvolutionConfig config = ConfigOf(options);
  ThrowIfError(ValidateEvolutionConfig(config));
  const Mutator mutator(s.ops, s.declarations, options.max_size);
  Failures failures;
  RegularizedEvolution evolution(config, mutator, std::move(columns), rows, TypeOf(s.result),
                                 regression ? RegressionFitness(probe_columns, rows, options)
                                            : WrapFitness(s, fitness, options.fitness_timeout_seconds, failures));
  const proto::EvolveSettings settings = SettingsOf(s, options);
  tbb::task_arena arena(ThreadsOrEveryCore(options.threads));
  const Clock::time_point start = Clock::now();
  return arena.execute([&] {
    double seconds_before = 0;
    if (options.resume) {
      seconds_before = Resume(s, options, settings, evolution, failures);
    } else {
      evolution.Initialize(SeedTerms(space, options.seeds, options.max_size));
    }
    DriverHooks hooks;
    hooks.stop = [&]() -> std::optional<StopReason> {
      if (options.max_failures && failures.count() >= options.max_failures) return StopReason::kFailures;
      return std::nullopt;
    };
    if (options.progress) {
      hooks.progress = [&](double seconds) { return options.progress(ProgressOf(s, evolution, seconds)); };
    }
    if (!options.checkpoint_path.empty()) {
      hooks.checkpoint = [&](double seconds) {
        return SaveCheckpoint(options.checkpoint_path, settings, evolution, failures, seconds);
      };
      hooks.checkpoint_seconds = options.checkpoint_seconds;
      hooks.checkpoint_first = true;  // a path that cannot be written fails now, not after the first interval
    }
    absl::StatusOr<DriverOutcome> outcome = RunEvolution(evolution, BudgetOf(options), hooks, seconds_before, start);
    ThrowIfError(outcome.status());
    return ResultOf(s, evolution, failures, *outcome);
  });
}

}  // namespace progsearch
