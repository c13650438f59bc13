#include "apps/audit_command.h"

#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"

namespace progsearch::cli {

void AddAuditCommand(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd =
      app.add_subcommand("audit-hash",
                         "How often the functional hash merges programs that differ: random programs hashed on several "
                         "probe sets, every merge judged by Z3");
  cmd->add_option("--domain", options.config.domain, "int, or bvW (bit-vectors of width W, 1 to 64)")
      ->capture_default_str();
  cmd->add_option("-n,--programs", options.config.programs, "Random programs of x and y")
      ->capture_default_str()
      ->check(CLI::Range(2, 10000000));
  cmd->add_option("--depth", options.config.max_depth, "Largest program depth")
      ->capture_default_str()
      ->check(CLI::Range(1, 12));
  cmd->add_option("--seed", options.config.seed, "Random seed")->capture_default_str();
  cmd->add_option("--proof-timeout-ms", options.config.proof_timeout_ms, "Time limit of each Z3 query")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600000));
  cmd->add_flag("--json", options.json, "Print the report as JSON");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress lines");
}

int RunAudit(const AuditOptions& options) {
  auto progress = [&](const ProbeSetReport& r) {
    if (!options.quiet) std::cerr << "  " << r.name << ": " << r.merged << " merged, " << r.false_merges << " false\n";
  };
  auto report = AuditFunctionalHash(options.config, progress);
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    std::cout << absl::StrFormat(
        "{\"domain\": \"%s\", \"programs\": %d, \"z3_queries\": %d, \"seconds\": %.2f, "
        "\"probe_sets\": [",
        report->domain, report->programs, report->z3_queries, report->seconds);
    for (size_t i = 0; i < report->probe_sets.size(); ++i) {
      const ProbeSetReport& r = report->probe_sets[i];
      std::cout << absl::StrFormat(
          "%s{\"name\": \"%s\", \"points\": %d, \"programs\": %d, \"distinct\": %d, \"merged\": %d, "
          "\"false_merges\": %d, \"unknown\": %d, \"false_merge_rate\": %.6f}",
          i ? ", " : "", r.name, r.points, r.programs, r.distinct, r.merged, r.false_merges, r.unknown,
          r.false_merge_rate());
    }
    std::cout << "]}\n";
    return kExitOk;
  }
  std::cout << absl::StrFormat("audit-hash: %d random programs of x, y in %s; every merge judged by Z3\n",
                               report->programs, report->domain);
  std::cout << absl::StrFormat("%-30s %6s %9s %9s %8s %8s %8s %10s\n", "probe set", "points", "programs", "distinct",
                               "merged", "false", "unknown", "false rate");
  for (const ProbeSetReport& r : report->probe_sets) {
    std::cout << absl::StrFormat("%-30s %6d %9d %9d %8d %8d %8d %9.2f%%\n", r.name, r.points, r.programs, r.distinct,
                                 r.merged, r.false_merges, r.unknown, 100 * r.false_merge_rate());
  }
  std::cerr << absl::StrFormat("%d Z3 queries, %.1fs\n", report->z3_queries, report->seconds);
  return kExitOk;
}

}  // namespace progsearch::cli
