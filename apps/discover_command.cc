#include "apps/discover_command.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "dsl/math_target.h"
#include "dsl/program_reader.h"
#include "search/evolution/polynomial_baselines.h"
#include "verify/float32_check.h"

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
  cmd->add_flag("--float32-check", options.float32_check,
                "Also evaluate each front program in float32 at every float of the interval (ULPs)");
  cmd->add_flag("--no-seed", options.no_seed, "Start from random programs only, not from the minimax polynomials");
  cmd->add_flag("--no-cache", options.no_cache, "Compute every candidate's fitness (no functional equivalence cache)");
  cmd->add_flag("--json", options.json, "Print the front as JSON");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress line");
}

int RunDiscover(const DiscoverOptions& options) {
  auto target = ParseMathTarget(options.target, options.low, options.high);
  if (!target.ok()) return ReportError(target.status());
  ApproximationConfig config = options.config;
  config.use_cache = !options.no_cache;
  config.seed_minimax = !options.no_seed;
  ApproximationProgress progress;
  const bool tty = !options.quiet && isatty(STDERR_FILENO);
  if (tty) {
    progress = [](double best, uint64_t cycles, double seconds) {
      std::fprintf(stderr, "\r\033[K  best max relative error %.3e  %llu cycles  %.0fs", best,
                   static_cast<unsigned long long>(cycles), seconds);
      std::fflush(stderr);
    };
  }
  ApproximationResult result = DiscoverApproximation(*target, config, progress);
  if (tty) std::fprintf(stderr, "\r\033[K");

  // Baselines at each operation count: Horner polynomials of degree ops/2 (each step a multiply and an add).
  std::map<int, std::pair<double, double>> baseline;  // ops -> (minimax error, Taylor error); NaN: none
  for (int degree = 1; 2 * degree <= config.max_ops; ++degree) {
    double minimax = std::nan(""), taylor = std::nan("");
    if (auto c = MinimaxPolynomial(*target, degree))
      minimax = MaxRelativeError(*HornerProgram(*c), *target, config.grid);
    if (auto c = TaylorPolynomial(*target, degree)) taylor = MaxRelativeError(*HornerProgram(*c), *target, config.grid);
    baseline[2 * degree] = {minimax, taylor};
  }
  auto show = [](double v) { return std::isnan(v) ? std::string("-") : absl::StrFormat("%.3e", v); };

  if (options.json) {
    std::cout << "{\"target\": \"" << options.target << "\", \"low\": " << options.low << ", \"high\": " << options.high
              << ", \"front\": [";
    for (size_t i = 0; i < result.front.size(); ++i) {
      const FrontPoint& p = result.front[i];
      std::cout << (i ? ", " : "")
                << absl::StrFormat("{\"ops\": %d, \"max_rel_error\": %.6e, \"program\": \"%s\"}", p.ops,
                                   p.max_rel_error, PrintTerm(*p.program));
    }
    std::cout << "], \"minimax\": [";
    bool first = true;
    for (const auto& [ops, errors] : baseline) {
      if (std::isnan(errors.first)) continue;
      std::cout << (first ? "" : ", ") << absl::StrFormat("{\"ops\": %d, \"max_rel_error\": %.6e}", ops, errors.first);
      first = false;
    }
    std::cout << absl::StrFormat(
        "], \"cycles\": %d, \"fitness_evaluations\": %d, \"cache_hit_rate\": %.4f, \"seconds\": %.2f}\n",
        result.stats.cycles, result.stats.fitness_evaluations, result.stats.cache.hit_rate(), result.seconds);
    return kExitOk;
  }
  std::cout << absl::StrFormat("%s on [%g, %g]: max relative error by operation count (fma counts 2), %d grid points\n",
                               options.target, options.low, options.high, config.grid);
  std::map<int, double> ulps;  // ops -> float32 ULPs of the front program, checked exhaustively
  if (options.float32_check) {
    const int threads = std::max(1u, std::thread::hardware_concurrency());
    for (const FrontPoint& p : result.front) {
      auto check = CheckFloat32Exhaustively(*p.program, *target, threads);
      if (check.ok()) ulps[p.ops] = check->max_ulps;
    }
  }
  std::cout << absl::StrFormat("%4s  %-11s  %-11s  %-11s  %s%s\n", "ops", "progsearch", "minimax", "taylor",
                               options.float32_check ? "f32 ulps    " : "", "program");
  std::map<int, const FrontPoint*> found;
  for (const FrontPoint& p : result.front) found[p.ops] = &p;
  std::set<int> rows;
  for (const auto& [ops, p] : found) rows.insert(ops);
  for (const auto& [ops, b] : baseline) rows.insert(ops);
  for (int ops : rows) {
    const FrontPoint* p = found.count(ops) ? found[ops] : nullptr;
    const auto b = baseline.count(ops) ? baseline[ops] : std::make_pair(std::nan(""), std::nan(""));
    std::string f32;
    if (options.float32_check)
      f32 = absl::StrFormat("%-11s ", ulps.count(ops) ? absl::StrFormat("%.2f", ulps[ops]) : "-");
    std::cout << absl::StrFormat("%4d  %-11s  %-11s  %-11s  %s%s\n", ops, p ? show(p->max_rel_error) : "-",
                                 show(b.first), show(b.second), f32, p ? PrintTerm(*p->program) : "");
  }
  std::cerr << absl::StrFormat("%s after %.1fs: %d cycles, %d fitness evaluations, cache hit rate %.1f%%%s\n",
                               result.stop_reason, result.seconds, result.stats.cycles,
                               result.stats.fitness_evaluations, 100 * result.stats.cache.hit_rate(),
                               config.use_cache ? "" : " (cache off)");
  return kExitOk;
}

}  // namespace progsearch::cli
