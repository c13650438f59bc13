#include "apps/discover_command.h"

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/str_format.h"
#include "approx/c_printer.h"
#include "approx/float32_check.h"
#include "approx/math_target.h"
#include "approx/polynomial_baselines.h"
#include "apps/cli_common.h"
#include "apps/discover_plot.h"
#include "core/atomic_file.h"
#include "core/str_cat.h"
#include "dsl/program_reader.h"
#include "tbb/global_control.h"

namespace progsearch::cli {

void AddDiscoverCommand(CLI::App& app, DiscoverOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "discover", "Discover approximations of a math function: a front of max relative error vs operation count");
  cmd->add_option("-t,--target", options.target,
                  "exp exp2 log log2 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression of x")
      ->capture_default_str();
  cmd->add_option("--low", options.low, "Interval start")->capture_default_str();
  cmd->add_option("--high", options.high, "Interval end")->capture_default_str();
  cmd->add_option("--max-ops", options.config.max_ops, "Largest operation count")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--time", options.config.seconds, "Seconds to search")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--cycles", options.config.max_cycles, "Evolution cycles at most (0: no limit)");
  cmd->add_option("--seed", options.config.seed, "Random seed (a seed gives a reproducible run)")
      ->capture_default_str();
  cmd->add_option("--population", options.config.population, "Population size P")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("--tournament", options.config.tournament, "Tournament size S")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--grid", options.config.grid, "Points of the error grid")
      ->capture_default_str()
      ->check(CLI::Range(2, 1 << 24));
  cmd->add_flag("--sqrt", options.config.allow_sqrt, "Allow sqrt as an operation");
  cmd->add_option("--arithmetic", options.arithmetic,
                  "float64: max relative error in double; float32: max ULPs of float arithmetic against the "
                  "correctly rounded float, the front then checked at every float of the interval")
      ->capture_default_str()
      ->check(CLI::IsMember({"float64", "float32"}));
  cmd->add_option("--selection", options.selection,
                  "pareto: tournaments on (error, operations), keeping every size alive; error: lowest error wins")
      ->capture_default_str()
      ->check(CLI::IsMember({"pareto", "error"}));
  cmd->add_option("--threads", options.threads,
                  "Threads evaluating candidates (0: every core; the result does not "
                  "depend on it)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--batch", options.config.batch,
                  "Children bred per batch from the same population, evaluated in parallel")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--tuning", options.config.tuning_iterations,
                  "Minimax constant-fitting iterations per promising candidate (0: no tuning)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--tuning-margin", options.config.tuning_margin,
                  "Fit the constants of candidates within this factor of the best error at their operation count "
                  "(0: every candidate)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--op-cost", options.op_cost,
                  "Operation weights, e.g. fma=1,/=4 (default: 1 each, fma 2, as a multiply plus an add)");
  cmd->add_option("--checkpoint", options.config.checkpoint_path,
                  "Save the run here every --checkpoint-interval seconds and at the end (atomically)");
  cmd->add_option("--checkpoint-interval", options.config.checkpoint_seconds, "Seconds between checkpoints")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--resume", options.config.resume_path,
                  "Continue the run saved in this checkpoint (same settings; --time and --cycles count the whole run)");
  cmd->add_option("--emit-c", options.emit_c,
                  "Write the most accurate program found as a C function to this header file");
  cmd->add_option("--plot", options.plot, "Write an SVG: the best program's error across x, the front vs baselines");
  cmd->add_flag("--float32-check", options.float32_check,
                "Also evaluate each front program in float32 at every float of the interval (ULPs)");
  cmd->add_flag("--no-seed", options.no_seed,
                "Start from random programs only, not from the minimax polynomials and rationals");
  cmd->add_flag("--no-cache", options.no_cache, "Compute every candidate's fitness (no functional equivalence cache)");
  cmd->add_flag("--json", options.json, "Print the front as JSON");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress line");
}

namespace {

// Writes `point` as a C header, atomically.
absl::Status EmitC(const DiscoverOptions& options, const FrontPoint& point, const OperationWeights& weights) {
  auto body = ProgramToC(*point.program, "x");
  if (!body.ok()) return body.status();
  std::string name = "progsearch_";
  for (char c : options.target) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (name.size() > 40 || options.target.find('(') != std::string::npos) name = "progsearch_approx";
  std::string guard = name + "_H_";
  for (char& c : guard) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::ostringstream out;
  out << "// Generated by progsearch discover: " << options.target << " on [" << options.low << ", " << options.high
      << "], " << point.ops << " operations (" << DescribeWeights(weights) << "),\n"
      << absl::StrFormat("// max relative error %.6e measured in double arithmetic.\n", point.max_rel_error)
      << "#ifndef " << guard << "\n#define " << guard << "\n\n#include <math.h>\n\n"
      << "static inline double " << name << "(double x) { return " << *body << "; }\n\n#endif  // " << guard << "\n";
  return WriteFileAtomically(options.emit_c, out.str());
}

// "fma=1,/=4" on top of the default weights.
absl::StatusOr<OperationWeights> ParseOperationWeights(const std::string& text) {
  OperationWeights weights = DefaultOperationWeights();
  const std::set<std::string> known = {"+", "-", "*", "/", "fma", "sqrt"};
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
    if (!known.count(name)) {
      return absl::InvalidArgumentError(
          StrCat("--op-cost: unknown operation '", name, "' in '", text, "' (known: + - * / fma sqrt)"));
    }
    if (weight < 1 || weight > 1000) {
      return absl::InvalidArgumentError(StrCat("--op-cost: '", item, "' needs a whole weight from 1 to 1000"));
    }
    weights[name] = weight;
    start = end + 1;
  }
  return weights;
}

std::atomic<bool> interrupted{false};

extern "C" void OnSignal(int) { interrupted.store(true); }

}  // namespace

int RunDiscover(const DiscoverOptions& options) {
  auto target = ParseMathTarget(options.target, options.low, options.high);
  if (!target.ok()) return ReportError(target.status());
  ApproximationConfig config = options.config;
  if (!options.op_cost.empty()) {
    auto weights = ParseOperationWeights(options.op_cost);
    if (!weights.ok()) return ReportError(weights.status());
    config.weights = *weights;
  }
  config.use_cache = !options.no_cache;
  config.seed_classical = !options.no_seed;
  config.arithmetic = options.arithmetic == "float32" ? Arithmetic::kFloat32 : Arithmetic::kFloat64;
  config.selection = options.selection == "error" ? Selection::kFitness : Selection::kPareto;
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, threads);
  // SIGINT / SIGTERM (Slurm's warning before a kill) end the run after its batch, checkpoint written.
  config.interrupt = &interrupted;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  ApproximationProgress progress;
  const bool tty = !options.quiet && isatty(STDERR_FILENO);
  if (tty) {
    const char* measure = config.arithmetic == Arithmetic::kFloat32 ? "float32 ULPs" : "max relative error";
    progress = [measure](double best, uint64_t cycles, double seconds) {
      std::fprintf(stderr, "\r\033[K  best %s %.3e  %llu cycles  %.0fs", measure, best,
                   static_cast<unsigned long long>(cycles), seconds);
      std::fflush(stderr);
    };
  }
  auto run = DiscoverApproximation(*target, config, progress);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (!run.ok()) return ReportError(run.status());
  const ApproximationResult& result = *run;

  // Baselines at each operation count (under the run's weights): Horner polynomials (each step a
  // multiply and an add), and minimax rationals P/Q in Horner form (deg P + deg Q = d costs as much as
  // a polynomial of degree d).
  std::map<int, std::pair<double, double>> baseline;  // ops -> (minimax error, Taylor error); NaN: none
  std::map<int, double> rational;                     // ops -> best minimax rational's error
  std::map<int, TermPtr> minimax_program;
  // The search fitted them for its seeds, unless it resumed or was told not to seed.
  const ClassicalFits fits =
      result.classical ? *result.classical : FitClassical(*target, config.max_ops, config.weights);
  for (const auto& [degree, horner] : fits.polynomials) {
    const int ops = OperationCost(*horner, config.weights);
    double taylor = std::nan("");
    if (auto t = TaylorPolynomial(*target, degree)) taylor = MaxRelativeError(*HornerProgram(*t), *target, config.grid);
    baseline[ops] = {MaxRelativeError(*horner, *target, config.grid), taylor};
    minimax_program[ops] = horner;
  }
  for (const auto& [degree, r] : fits.rationals) {
    const int r_ops = OperationCost(*r, config.weights);
    const double e = MaxRelativeError(*r, *target, config.grid);
    if (!rational.count(r_ops) || e < rational[r_ops]) rational[r_ops] = e;
  }
  if (!options.plot.empty()) {
    if (absl::Status s = WriteDiscoverPlot(options.plot, *target, result, baseline, DescribeWeights(config.weights));
        !s.ok())
      return ReportError(s);
    std::cerr << "wrote " << options.plot << "\n";
  }
  auto show = [](double v) { return std::isnan(v) ? std::string("-") : absl::StrFormat("%.3e", v); };

  if (!options.emit_c.empty() && !result.front.empty()) {
    if (absl::Status s = EmitC(options, result.front.back(), config.weights); !s.ok()) return ReportError(s);
    std::cerr << "wrote " << options.emit_c << "\n";
  }
  // float32: every front program run at every float of the interval (the search itself saw a sample).
  const bool float32 = config.arithmetic == Arithmetic::kFloat32;
  std::map<int, double> ulps;          // ops -> float32 ULPs of the front program, checked exhaustively
  std::map<int, double> minimax_ulps;  // the same for the minimax polynomials close enough to matter
  if (options.float32_check || float32) {
    for (const FrontPoint& p : result.front) {
      // A relative error above 2^-20 is 8 ULPs or more somewhere: only closer programs are checked.
      if (!(p.max_rel_error < 0x1p-20)) continue;
      auto check = CheckFloat32Exhaustively(*p.program, *target, threads);
      if (check.ok()) ulps[p.ops] = check->max_ulps;
    }
    for (const auto& [ops, program] : minimax_program) {
      if (!(baseline[ops].first < 0x1p-20)) continue;
      auto check = CheckFloat32Exhaustively(*program, *target, threads);
      if (check.ok()) minimax_ulps[ops] = check->max_ulps;
    }
  }

  if (options.json) {
    std::cout << "{\"target\": \"" << options.target << "\", \"low\": " << options.low << ", \"high\": " << options.high
              << ", \"arithmetic\": \"" << options.arithmetic << "\", \"front\": [";
    for (size_t i = 0; i < result.front.size(); ++i) {
      const FrontPoint& p = result.front[i];
      std::cout << (i ? ", " : "") << absl::StrFormat("{\"ops\": %d, \"max_rel_error\": %.6e", p.ops, p.max_rel_error);
      if (ulps.count(p.ops)) std::cout << absl::StrFormat(", \"float32_ulps\": %.4f", ulps[p.ops]);
      std::cout << absl::StrFormat(", \"program\": \"%s\"}", PrintTerm(*p.program));
    }
    auto list = [&](const char* name, const std::map<int, double>& errors, const std::map<int, double>& f32) {
      std::cout << "], \"" << name << "\": [";
      bool first = true;
      for (const auto& [ops, e] : errors) {
        if (std::isnan(e)) continue;
        std::cout << (first ? "" : ", ") << absl::StrFormat("{\"ops\": %d, \"max_rel_error\": %.6e", ops, e);
        if (f32.count(ops)) std::cout << absl::StrFormat(", \"float32_ulps\": %.4f", f32.at(ops));
        std::cout << "}";
        first = false;
      }
    };
    std::map<int, double> minimax;
    for (const auto& [ops, b] : baseline) minimax[ops] = b.first;
    list("minimax", minimax, minimax_ulps);
    list("rational", rational, {});
    std::cout << absl::StrFormat(
        "], \"stop\": \"%s\", \"cycles\": %d, \"fitness_evaluations\": %d, \"cache_hit_rate\": %.4f, "
        "\"fitness_seconds\": %.2f, \"repeat_evaluations\": %d, \"repeat_fitness_seconds\": %.2f, \"seconds\": %.2f}\n",
        StopReasonName(result.stop_reason), result.stats.cycles, result.stats.fitness_evaluations, result.stats.cache.hit_rate(),
        result.stats.fitness_seconds, result.stats.repeat_evaluations, result.stats.repeat_fitness_seconds,
        result.seconds);
    return kExitOk;
  }
  std::cout << absl::StrFormat(
      "%s on [%g, %g], %s: max relative error by operation count (%s), %d grid "
      "points\n",
      options.target, options.low, options.high, options.arithmetic, DescribeWeights(config.weights), config.grid);
  const bool show_ulps = options.float32_check || float32;
  std::cout << absl::StrFormat("%4s  %-11s  %-11s  %-11s  %-11s  %s%s\n", "ops", "progsearch", "minimax", "rational",
                               "taylor", show_ulps ? "f32 ulps    minimax ulps " : "", "program");
  std::map<int, const FrontPoint*> found;
  for (const FrontPoint& p : result.front) found[p.ops] = &p;
  std::set<int> rows;
  for (const auto& [ops, p] : found) rows.insert(ops);
  for (const auto& [ops, b] : baseline) rows.insert(ops);
  for (const auto& [ops, e] : rational) rows.insert(ops);
  for (int ops : rows) {
    const FrontPoint* p = found.count(ops) ? found[ops] : nullptr;
    const auto b = baseline.count(ops) ? baseline[ops] : std::make_pair(std::nan(""), std::nan(""));
    const double r = rational.count(ops) ? rational[ops] : std::nan("");
    std::string f32;
    if (show_ulps) {
      f32 = absl::StrFormat("%-11s %-12s ", ulps.count(ops) ? absl::StrFormat("%.2f", ulps[ops]) : "-",
                            minimax_ulps.count(ops) ? absl::StrFormat("%.2f", minimax_ulps[ops]) : "-");
    }
    std::cout << absl::StrFormat("%4d  %-11s  %-11s  %-11s  %-11s  %s%s\n", ops, p ? show(p->max_rel_error) : "-",
                                 show(b.first), show(r), show(b.second), f32, p ? PrintTerm(*p->program) : "");
  }
  std::cerr << absl::StrFormat("%s after %.1fs: %d cycles, %d fitness evaluations, cache hit rate %.1f%%%s%s\n",
                               StopReasonName(result.stop_reason), result.seconds, result.stats.cycles,
                               result.stats.fitness_evaluations, 100 * result.stats.cache.hit_rate(),
                               config.use_cache ? "" : " (cache off)",
                               config.checkpoint_path.empty() ? "" : StrCat(", checkpoint ", config.checkpoint_path));
  return kExitOk;
}

}  // namespace progsearch::cli
