#include "apps/discover_command.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "approx/c_printer.h"
#include "approx/discover.h"
#include "search/evolution/island_link.h"
#include "apps/cli_common.h"
#include "apps/discover_plot.h"
#ifdef PROGSEARCH_HAVE_MPI
#include "mpi/mpi_islands.h"
#endif
#include "apps/run_config.h"
#include "core/atomic_file.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"

namespace progsearch::cli {
namespace {

const proto::ApproximationSearch& SearchDefaults() {
  return proto::DiscoverConfig::default_instance().approximation().search();
}

// What to approximate and how the search runs (the settings a checkpoint keeps). The messages are
// reached only when a flag is given, so --print-config shows only what was set.
void AddSearchFlags(CLI::App& cmd, proto::DiscoverConfig& run) {
  const proto::DiscoverConfig& defaults = proto::DiscoverConfig::default_instance();
  const proto::ApproximationSearch& d = SearchDefaults();
  auto search = [&run] { return run.mutable_approximation()->mutable_search(); };
  Field<std::string>(
      cmd, "-t,--target", [&run](const std::string& v) { run.set_target(v); },
      "exp exp2 exp10 log log2 log10 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression of x", defaults.target());
  Field<double>(
      cmd, "--low", [&run](double v) { run.set_low(v); }, "Interval start", defaults.low());
  Field<double>(
      cmd, "--high", [&run](double v) { run.set_high(v); }, "Interval end", defaults.high());
  Field<int>(
      cmd, "--max-ops", [search](int v) { search()->set_max_ops(v); }, "Largest operation count", d.max_ops())
      ->check(CLI::Range(1, 64));
  Field<uint64_t>(
      cmd, "--seed", [search](uint64_t v) { search()->set_seed(v); }, "Random seed (a seed gives a reproducible run)",
      d.seed());
  Field<uint64_t>(
      cmd, "--population", [search](uint64_t v) { search()->set_population(v); }, "Population size P", d.population())
      ->check(CLI::Range(2, 1000000));
  Field<uint64_t>(
      cmd, "--tournament", [search](uint64_t v) { search()->set_tournament(v); }, "Tournament size S", d.tournament())
      ->check(CLI::Range(1, 100000));
  Field<uint64_t>(
      cmd, "--grid", [search](uint64_t v) { search()->set_grid(v); }, "Points of the error grid", d.grid())
      ->check(CLI::Range(2, 1 << 24));
  cmd.add_flag_callback(
      "--sqrt", [search] { search()->set_allow_sqrt(true); }, "Allow sqrt as an operation");
  cmd.add_option_function<std::string>(
      "--program", [&run](const std::string& v) { run.set_program(v); },
      "Score this program of x instead of searching, e.g. \"(fma x (+ x 1.0) 1.0)\": its operation count, error "
      "(and float32 ULPs, plot, C) measured as the search measures its own, next to the minimax baselines");
  Field<std::string>(
      cmd, "--arithmetic",
      [search](const std::string& v) {
        search()->set_arithmetic(v == "float32" ? proto::ApproximationSearch::FLOAT32
                                                : proto::ApproximationSearch::FLOAT64);
      },
      "float64: max relative error in double; float32: max ULPs of float arithmetic against the correctly "
      "rounded float, the front then checked at every float of the interval",
      std::string("float64"))
      ->check(CLI::IsMember({"float64", "float32"}));
  Field<std::string>(
      cmd, "--selection",
      [search](const std::string& v) {
        search()->set_selection(v == "error"   ? proto::EvolutionConfig::FITNESS
                                : v == "nsga2" ? proto::EvolutionConfig::NSGA2
                                               : proto::EvolutionConfig::PARETO);
      },
      "pareto: tournaments on (error, operations), keeping every size alive; nsga2: NSGA-II's order of the "
      "population (non-dominated front, then crowding); error: lowest error wins",
      std::string("nsga2"))
      ->check(CLI::IsMember({"pareto", "nsga2", "error"}));
  Field<uint64_t>(
      cmd, "--batch", [search](uint64_t v) { search()->set_batch(v); },
      "Children bred per batch from the same population, evaluated in parallel", d.batch())
      ->check(CLI::Range(1, 100000));
  cmd.add_flag_callback(
      "--no-seed", [search] { search()->set_seed_classical(false); },
      "Start from random programs only, not from the minimax polynomials and rationals");
  Field<uint32_t>(
      cmd, "--reparametrize", [search](uint32_t v) { search()->set_reparametrize(v); },
      "Weight of the mutation that turns every use of x into one shared a*x+b (fitted like any constant) "
      "beside the other mutations' 1 each (0: not used)",
      d.reparametrize());
  cmd.add_flag_callback(
      "--centre-seeds", [search] { search()->set_centre_seeds(true); },
      "Also seed with the classical fits made in t = x - m (m the interval's middle), as programs of one "
      "shared (- x m)");
  cmd.add_flag_callback(
      "--centre", [search] { search()->set_centre(true); },
      "Search on t = x - c (c the target's zero in the interval if it has one, else the interval's middle) "
      "and report each program as one of x computing t once: a shift of one operation (float64 only)");
  cmd.add_flag_callback(
      "--no-cache", [search] { search()->set_use_cache(false); },
      "Compute every candidate's fitness (no functional equivalence cache)");
}

// How candidates' constants are fitted (settings a checkpoint keeps too).
void AddFittingFlags(CLI::App& cmd, proto::DiscoverConfig& run) {
  const proto::ApproximationSearch& d = SearchDefaults();
  auto search = [&run] { return run.mutable_approximation()->mutable_search(); };
  Field<int>(
      cmd, "--tuning", [search](int v) { search()->set_tuning_iterations(v); },
      "Minimax constant-fitting iterations per promising candidate (0: no tuning)", d.tuning_iterations())
      ->check(CLI::Range(0, 100000));
  Field<double>(
      cmd, "--tuning-margin", [search](double v) { search()->set_tuning_margin(v); },
      "Fit the constants of candidates within this factor of the best error at their operation count "
      "(0: every candidate)",
      d.tuning_margin())
      ->check(AtLeastZero());
  Field<double>(
      cmd, "--global-fit-margin", [search](double v) { search()->set_global_fit_margin(v); },
      "Also fit globally (CMA-ES with restarts, then SLSQP) the constants of candidates whose fit ends "
      "within this factor of the best at their operation count (0: never)",
      d.global_fit_margin())
      ->check(AtLeastZero());
  Field<int>(
      cmd, "--global-fit-evaluations", [search](int v) { search()->set_global_fit_evaluations(v); },
      "Error evaluations one global fit may use", d.global_fit_evaluations())
      ->check(CLI::Range(1, 10000000));
}

// When the run stops, where it is saved, and on how many threads.
void AddBudgetFlags(CLI::App& cmd, proto::DiscoverConfig& run) {
  const proto::DiscoverConfig& defaults = proto::DiscoverConfig::default_instance();
  auto budget = [&run] { return run.mutable_approximation(); };
  Field<double>(
      cmd, "--time", [budget](double v) { budget()->set_seconds(v); },
      "Seconds to search (inf: until --cycles or Ctrl-C; the float32 and dense checks after the search are not "
      "counted)",
      defaults.approximation().seconds())
      ->check(AboveZero());
  cmd.add_option_function<uint64_t>(
      "--cycles", [budget](uint64_t v) { budget()->set_max_cycles(v); }, "Evolution cycles at most (0: no limit)");
  Field<int>(
      cmd, "--threads", [&run](int v) { run.set_threads(v); },
      "Threads evaluating candidates (0: every core; the result does not depend on it)", defaults.threads())
      ->check(CLI::Range(0, 1024));
  cmd.add_option_function<std::string>(
      "--checkpoint", [budget](const std::string& v) { budget()->set_checkpoint_path(v); },
      "Save the run here every --checkpoint-interval seconds and at the end (atomically)");
  Field<double>(
      cmd, "--checkpoint-interval", [budget](double v) { budget()->set_checkpoint_seconds(v); },
      "Seconds between checkpoints", defaults.approximation().checkpoint_seconds())
      ->check(AboveZero());
  cmd.add_option_function<std::string>(
      "--resume", [budget](const std::string& v) { budget()->set_resume_path(v); },
      "Continue the run saved in this checkpoint (same settings; --time and --cycles count the whole run)");
  cmd.add_flag_callback(
      "--islands", [&run] { run.set_islands(true); },
      "One population per MPI rank (mpirun -np K), migrating members every --migration-batches batches; rank 0 "
      "reports the front of all. Ranks search with seeds SEED+rank; checkpoints get a .rankN suffix");
  Field<int>(
      cmd, "--migration-batches", [budget](int v) { budget()->set_migration_batches(v); },
      "Batches between migrations (and stop checks) of --islands", defaults.approximation().migration_batches())
      ->check(CLI::Range(1, 1000000));
  Field<int>(
      cmd, "--migrants", [budget](int v) { budget()->set_migrants(v); },
      "Fittest members each island sends the next one at a migration", defaults.approximation().migrants())
      ->check(CLI::Range(0, 100000));
}

// What is written besides the table.
void AddOutputFlags(CLI::App& cmd, DiscoverOptions& options) {
  proto::DiscoverConfig& run = options.flags;
  cmd.add_option_function<std::string>(
      "--emit-c", [&run](const std::string& v) { run.set_emit_c(v); },
      "Write the most accurate program found as a C function to this header file (float in float32 mode)");
  cmd.add_option_function<std::string>(
         "--c-name", [&run](const std::string& v) { run.set_c_name(v); },
         "Name of the --emit-c function (default: progsearch_TARGET, or for an expression its words and a hash "
         "of it, so that headers of different targets never collide)")
      ->type_name("NAME");
  cmd.add_option_function<std::string>(
      "--plot", [&run](const std::string& v) { run.set_plot(v); },
      "Write an SVG: the best program's error across x, the front vs baselines");
  cmd.add_flag_callback(
      "--certify", [&run] { run.set_certify(true); },
      "Prove an upper bound on each front program's max relative error in double, rounding included "
      "(Arb ball arithmetic; float64 arithmetic, programs of + - * / fma sqrt)");
  cmd.add_flag_callback(
      "--float32-check", [&run] { run.set_float32_check(true); },
      "Also evaluate each front program in float32 at every float of the interval (ULPs)");
  Field<uint64_t>(
      cmd, "--dense-points", [&run](uint64_t v) { run.set_dense_points(v); },
      "Measure every front program again at this many evenly spaced points against MPFR, in float64 "
      "arithmetic (0: no check)",
      proto::DiscoverConfig().dense_points())
      ->check(CLI::Range(uint64_t{0}, uint64_t{1} << 24));
  AddConfigOptions(cmd, options.config_file, options.print_config, "DiscoverConfig");
  cmd.add_flag("--json", options.json, "Print the result as JSON (proto DiscoverResult)");
  cmd.add_flag("-q,--quiet", options.quiet, "No progress line");
}

}  // namespace

void AddDiscoverCommand(CLI::App& app, DiscoverOptions& options) {
  CLI::App& cmd = *app.add_subcommand(
      "discover", "Discover approximations of a math function: a front of max relative error vs operation count");
  AddSearchFlags(cmd, options.flags);
  AddFittingFlags(cmd, options.flags);
  cmd.add_option("--op-cost", options.op_cost,
                 "Operation weights, e.g. fma=1,/=4 (default: 1 each, fma 2, as a multiply plus an add)");
  AddBudgetFlags(cmd, options.flags);
  AddOutputFlags(cmd, options);
}

namespace {

// The header's statement of the error: in float32 mode the ULPs checked at every float (or, where the
// check could not run, those of the search's sample, said to be so).
std::string StatedError(const DiscoverReport& report, const FrontPoint& point, bool float32) {
  if (!float32) {
    const auto proved = report.front_certified.find(point.ops);
    if (proved != report.front_certified.end() && proved->second.certified) {
      return absl::StrFormat("// max relative error at most %.6e in double arithmetic over the whole interval, proved with "
                             "Arb (--certify)%s.\n",
                             proved->second.bound,
                             proved->second.subnormals_excluded ? ", subnormal x excluded" : "");
    }
    const auto dense = report.front_dense.find(point.ops);
    if (dense == report.front_dense.end()) {
      return absl::StrFormat("// max relative error %.6e measured in double arithmetic.\n", point.max_rel_error);
    }
    return absl::StrFormat("// max relative error %.6e in double arithmetic, checked at %d points against MPFR.\n",
                           std::max(point.max_rel_error, dense->second.max_rel_error), report.config.dense_points());
  }
  const auto checked = report.front_ulps.find(point.ops);
  if (checked != report.front_ulps.end()) {
    return absl::StrFormat(
        "// max error %.6g ULPs of the correctly rounded float, checked in float arithmetic at every float of\n"
        "// [%.9g, %.9g].\n",
        checked->second, report.target.low, report.target.high);
  }
  return absl::StrFormat("// max error %.6g ULPs on the search's sample, in float arithmetic (not checked at every float).\n",
                         point.ulps);
}

// Whether `name` can name a C function: letters, digits and underscores, not starting with a digit.
bool IsCIdentifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The emitted function's default name: progsearch_TARGET for a named target, and for an expression its
// letters and digits (at most 32) with a hash of its whole text, so that two expressions never share a
// name or an include guard ("(log (+ 1 x))" -> progsearch_log_1_x_5e0c2d1a).
std::string DefaultCName(const std::string& target) {
  std::string words;
  for (char c : target) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      words += c;
    } else if (!words.empty() && words.back() != '_') {
      words += '_';
    }
  }
  while (!words.empty() && words.back() == '_') words.pop_back();
  const bool named = words == target;
  if (named) return "progsearch_" + words;
  if (words.size() > 32) words.resize(32);
  uint32_t hash = 2166136261u;  // FNV-1a: stable across runs and machines
  for (unsigned char c : target) hash = (hash ^ c) * 16777619u;
  return absl::StrFormat("progsearch_%s%s%08x", words, words.empty() ? "" : "_", hash);
}

// Writes the most accurate program as a C header, atomically: in the arithmetic the search used.
absl::Status EmitC(const DiscoverReport& report) {
  const FrontPoint& point = report.result.front.back();
  const std::string& target = report.config.target();
  const bool float32 = report.config.approximation().search().arithmetic() == proto::ApproximationSearch::FLOAT32;
  const CArithmetic arithmetic = float32 ? CArithmetic::kFloat : CArithmetic::kDouble;
  auto body = ProgramToC(*point.program, "x", arithmetic);
  if (!body.ok()) return body.status();
  const std::string name = report.config.has_c_name() ? report.config.c_name() : DefaultCName(target);
  std::string guard = name + "_H_";
  for (char& c : guard) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string type = CTypeName(arithmetic);
  std::ostringstream out;
  out << "// Generated by progsearch discover: " << target << " on [" << report.target.low << ", " << report.target.high
      << "], " << point.ops << " operations (" << DescribeWeights(WeightsOf(report.config.approximation().search()))
      << "), " << type << " arithmetic,\n"
      << StatedError(report, point, float32)
      << "// Compile without contracting a*b+c into an fma (-ffp-contract=off; the ISO C modes' default):\n"
      << "// contraction changes the rounding the error was measured with.\n"
      << "#ifndef " << guard << "\n#define " << guard << "\n\n#include <math.h>\n\n"
      << "static inline " << type << " " << name << "(" << type << " x) { return " << *body << "; }\n\n#endif  // "
      << guard << "\n";
  return WriteFileAtomically(report.config.emit_c(), out.str());
}

// "fma=1,/=4" as weights on the operations a search may use.
absl::StatusOr<std::map<std::string, int>> ParseOperationWeights(const std::string& text) {
  const std::vector<std::string> known = WeighableOperations();
  std::map<std::string, int> weights;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const size_t eq = item.find('=');
    const std::string name = item.substr(0, eq);
    int weight = -1;
    if (eq != std::string::npos) {
      try {
        size_t used = 0;
        weight = std::stoi(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) weight = -1;
      } catch (const std::exception&) {
        weight = -1;
      }
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return absl::InvalidArgumentError(
          StrCat("--op-cost: unknown operation '", name, "' in '", text, "' (known: ", absl::StrJoin(known, " "), ")"));
    }
    if (weight < 1 || weight > 1000) {
      return absl::InvalidArgumentError(StrCat("--op-cost: '", item, "' needs a whole weight from 1 to 1000"));
    }
    weights[name] = weight;
    start = end + 1;
  }
  return weights;
}

std::string Show(double v) { return std::isnan(v) ? std::string("-") : absl::StrFormat("%.3e", v); }

// The table: one row per operation count that the front or a baseline has.
void PrintTable(const DiscoverReport& report) {
  const ApproximationSearch& search = report.config.approximation().search();
  const bool float32 = search.arithmetic() == ApproximationSearch::FLOAT32;
  std::cout << absl::StrFormat("%s on [%g, %g], %s: max relative error by operation count (%s), %d grid points\n",
                               report.config.target(), report.target.low, report.target.high,
                               float32 ? "float32" : "float64", DescribeWeights(WeightsOf(search)), search.grid());
  const bool dense = !report.front_dense.empty();
  if (dense) {
    std::cout << absl::StrFormat("(mpfr: the front's error at %d evenly spaced points against MPFR)\n",
                                 report.config.dense_points());
  }
  const bool certified = !report.front_certified.empty();
  if (certified) {
    std::cout << "(certified: a proved upper bound on the front's error over the whole interval, double rounding "
                 "included; - where none)\n";
  }
  std::cout << absl::StrFormat("%4s  %-11s  %s%s%-11s  %-11s  %-11s  %s%s\n", "ops", "progsearch", dense ? "mpfr         " : "",
                               certified ? "certified    " : "",
                               "minimax", "rational", "taylor",
                               report.float32_checked ? "f32 ulps    minimax ulps " : "", "program");
  std::map<int, const FrontPoint*> found;
  std::map<int, const BaselinePoint*> minimax, rational, taylor;
  std::set<int> rows;
  for (const FrontPoint& p : report.result.front) rows.insert((found[p.ops] = &p)->ops);
  for (const BaselinePoint& b : report.baselines.minimax) rows.insert((minimax[b.ops] = &b)->ops);
  for (const BaselinePoint& b : report.baselines.rational) rows.insert((rational[b.ops] = &b)->ops);
  for (const BaselinePoint& b : report.baselines.taylor) taylor[b.ops] = &b;
  auto error = [](const std::map<int, const BaselinePoint*>& m, int ops) {
    return m.count(ops) ? m.at(ops)->max_rel_error : std::nan("");
  };
  for (int ops : rows) {
    const FrontPoint* p = found.count(ops) ? found[ops] : nullptr;
    std::string f32;
    if (report.float32_checked) {
      auto ulps = report.front_ulps.find(ops);
      const bool minimax_checked = minimax.count(ops) && minimax[ops]->float32_ulps;
      f32 =
          absl::StrFormat("%-11s %-12s ", ulps != report.front_ulps.end() ? absl::StrFormat("%.2f", ulps->second) : "-",
                          minimax_checked ? absl::StrFormat("%.2f", *minimax[ops]->float32_ulps) : "-");
    }
    std::string checked;
    if (dense) {
      auto d = report.front_dense.find(ops);
      checked = absl::StrFormat("%-11s  ", d != report.front_dense.end() ? Show(d->second.max_rel_error) : "-");
    }
    if (certified) {
      auto c = report.front_certified.find(ops);
      const bool proved = c != report.front_certified.end() && c->second.certified;
      checked += absl::StrFormat("%-11s  ", proved ? Show(c->second.bound) : "-");
    }
    std::cout << absl::StrFormat("%4d  %-11s  %s%-11s  %-11s  %-11s  %s%s\n", ops, p ? Show(p->max_rel_error) : "-",
                                 checked, Show(error(minimax, ops)), Show(error(rational, ops)),
                                 Show(error(taylor, ops)), f32, p ? PrintTerm(*p->program) : "");
  }
}

// Whether the fitness cache paid for itself, in one line: the fitness time its hits saved against the
// time spent running candidates on the probes and hashing them (which also rejects mutants that behave
// as their parent, so it is spent with the cache off too); with the cache off, what it would have saved.
std::string CacheSummary(const EvolutionStats& s, bool cache_on) {
  if (!cache_on) {
    return absl::StrFormat("cache off: %d evaluations (%.3gs of fitness) repeated a behaviour evaluated before",
                           s.repeat_evaluations, s.repeat_fitness_seconds);
  }
  std::string line = absl::StrFormat(
      "cache: %d hits (%.1f%%) saved about %.3gs of fitness (%.3g ms per evaluation); hashing took %.3gs", s.cache.hits,
      100 * s.cache.hit_rate(), s.cache_seconds_saved(),
      s.fitness_evaluations ? 1e3 * s.fitness_seconds / static_cast<double>(s.fitness_evaluations) : 0.0,
      s.hash_seconds);
  if (s.cache.hits == 0) line += " (no candidate repeated a behaviour: the cache had nothing to save)";
  return line;
}

// This process's island, over MPI; an error when progsearch was built without it.
absl::StatusOr<std::unique_ptr<IslandLink>> StartIslands() {
#ifdef PROGSEARCH_HAVE_MPI
  return std::unique_ptr<IslandLink>(std::make_unique<MpiIslands>());
#else
  return absl::InvalidArgumentError(
      "--islands: this progsearch was built without MPI (install libopenmpi-dev openmpi-bin and build again)");
#endif
}

// Rank r searches with seed + r, and keeps its checkpoint (and resumes) at PATH.rank<r>.
void IslandSettings(int rank, DiscoverConfig& config) {
  proto::ApproximationConfig& budget = *config.mutable_approximation();
  budget.mutable_search()->set_seed(budget.search().seed() + static_cast<uint64_t>(rank));
  if (!budget.checkpoint_path().empty()) budget.set_checkpoint_path(StrCat(budget.checkpoint_path(), ".rank", rank));
  if (!budget.resume_path().empty()) budget.set_resume_path(StrCat(budget.resume_path(), ".rank", rank));
}

// A progress line on a terminal, rewritten about once a second.
ApproximationProgress ProgressLine(const DiscoverConfig& config) {
  const char* measure = config.approximation().search().arithmetic() == ApproximationSearch::FLOAT32
                            ? "float32 ULPs"
                            : "max relative error";
  return [measure](double best, uint64_t cycles, double seconds) {
    std::fprintf(stderr, "\r\033[K  best %s %.3e  %llu cycles  %.0fs", measure, best,
                 static_cast<unsigned long long>(cycles), seconds);
    std::fflush(stderr);
  };
}

// The table (or JSON) and the run's statistics.
void PrintResults(const DiscoverReport& report, bool json, const IslandLink* islands) {
  const ApproximationResult& result = report.result;
  const DiscoverConfig& config = report.config;
  if (json) {
    if (absl::Status s = PrintJsonLine(ToProto(report)); !s.ok()) ReportError(s);
    return;
  }
  PrintTable(report);
  if (report.checks_interrupted) {
    std::cerr << "checks interrupted: the programs shown with '-' were not checked\n";
  }
  if (!report.searched()) {
    std::cerr << absl::StrFormat("scored %s: %d operations, max relative error %.6e\n", config.program(),
                                 result.front.front().ops, result.front.front().max_rel_error);
    return;
  }
  const proto::ApproximationConfig& budget = config.approximation();
  std::cerr << absl::StrFormat("%s after %.1fs: %d cycles, %d fitness evaluations%s%s\n", StopReasonName(result.stop_reason),
                               result.seconds, result.stats.cycles, result.stats.fitness_evaluations,
                               budget.resume_path().empty() ? "" : StrCat(", resumed from ", budget.resume_path()),
                               budget.checkpoint_path().empty() ? "" : StrCat(", checkpoint ", budget.checkpoint_path()));
  std::cerr << CacheSummary(result.stats, budget.search().use_cache()) << "\n";
  if (islands != nullptr) {
    std::cerr << absl::StrFormat("islands: %d, %d migrations; %d members arrived here from the previous island; "
                                 "the front is of all islands\n",
                                 islands->size(), result.migrations, result.immigrants);
  }
}

// The plot and the C header; each failure is reported, and the exit code says whether any happened.
int WriteOutputs(const DiscoverReport& report) {
  const DiscoverConfig& config = report.config;
  int code = kExitOk;
  auto written = [&code](const std::string& path, const absl::Status& status) {
    if (status.ok()) {
      std::cerr << "wrote " << path << "\n";
    } else {
      code = ReportError(status);
    }
  };
  if (!config.plot().empty()) written(config.plot(), WriteDiscoverPlot(config.plot(), report));
  if (!config.emit_c().empty() && !report.result.front.empty()) written(config.emit_c(), EmitC(report));
  return code;
}

// "1m20s" or "45s".
std::string Duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  return s >= 60 ? absl::StrFormat("%ldm%02lds", s / 60, s % 60) : absl::StrFormat("%lds", s);
}

// The checks after the search, which --time does not bound: announced when each phase starts (what it
// checks, how many points), then a line with the share done and an estimate of the time left, redrawn
// on a terminal and printed per program in a file.
CheckProgressFn CheckProgressLine(bool tty) {
  return [tty, last_program = 0](const CheckProgress& c) mutable {
    const bool starting = c.program != last_program;
    last_program = c.program;
    if (starting && c.program == 1) {
      if (tty) std::fprintf(stderr, "\r\033[K");
      const std::string points =
          c.points ? StrCat(" at ", static_cast<unsigned long long>(c.points), " points each") : std::string();
      std::fprintf(stderr, "%s: %d program%s%s, after the search (not counted in --time)\n", c.phase, c.programs,
                   c.programs == 1 ? "" : "s", points.c_str());
    }
    const std::string left =
        c.fraction > 0.002 ? StrCat(", about ", Duration(c.seconds * (1 - c.fraction) / c.fraction), " left") : "";
    if (tty) {
      std::fprintf(stderr, "\r\033[K  %s: program %d/%d, %.0f%%, %s%s", c.phase, c.program, c.programs,
                   100 * c.fraction, Duration(c.seconds).c_str(), left.c_str());
    } else if (starting && c.program > 1) {
      std::fprintf(stderr, "  %s: program %d/%d, %.0f%% after %s%s\n", c.phase, c.program, c.programs,
                   100 * c.fraction, Duration(c.seconds).c_str(), left.c_str());
    }
    std::fflush(stderr);
  };
}

}  // namespace

int RunDiscover(const DiscoverOptions& options) {
  proto::DiscoverConfig flags = options.flags;
  if (!options.op_cost.empty()) {
    auto weights = ParseOperationWeights(options.op_cost);
    if (!weights.ok()) return ReportError(weights.status());
    auto& into = *flags.mutable_approximation()->mutable_search()->mutable_weights();
    for (const auto& [name, weight] : *weights) into[name] = weight;
  }
  auto config = AssembleConfig(proto::DiscoverConfig(), options.config_file, flags);
  if (!config.ok()) return ReportError(config.status());
  if (options.print_config) {
    std::cout << ConfigText(*config);
    return kExitOk;
  }
  // --islands: this process is one rank's island; the others' settings are the same but for the seed
  // and the checkpoint files.
  std::unique_ptr<IslandLink> islands;
  if (config->islands()) {
    auto link = StartIslands();
    if (!link.ok()) return ReportError(link.status());
    islands = std::move(*link);
    IslandSettings(islands->rank(), *config);
  }
  const bool reporter = islands == nullptr || islands->rank() == 0;
  if (config->has_c_name() && !IsCIdentifier(config->c_name())) {
    return ReportError(absl::InvalidArgumentError(
        StrCat("--c-name: '", config->c_name(), "' is not a C identifier (letters, digits and _, not first a digit)")));
  }
  // Every file the run will write is checked now, not after the search.
  const proto::ApproximationConfig& budget = config->approximation();
  if (absl::Status s = CheckOutputPaths({{"--checkpoint", budget.checkpoint_path()},
                                         {"--emit-c", reporter ? config->emit_c() : ""},
                                         {"--plot", reporter ? config->plot() : ""}});
      !s.ok()) {
    return ReportError(s);
  }
  // SIGINT / SIGTERM (Slurm's warning before a kill) end the run after its batch, checkpoint written.
  ApproximationHooks hooks;
  hooks.islands = islands.get();
  hooks.interrupt = StopOnSignals();
  const bool tty = reporter && !options.quiet && isatty(STDERR_FILENO);
  if (tty) hooks.progress = ProgressLine(*config);
  if (reporter && !options.quiet) hooks.check_progress = CheckProgressLine(tty);
  auto report = Discover(*config, hooks);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (!report.ok()) return ReportError(report.status());
  if (!reporter) return kExitOk;  // rank 0 writes what the islands found together
  // The results first: a file that fails to be written below loses none of them.
  PrintResults(*report, options.json, islands.get());
  return WriteOutputs(*report);
}

}  // namespace progsearch::cli
