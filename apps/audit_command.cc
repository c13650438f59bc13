#include "apps/audit_command.h"

#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "apps/run_config.h"

namespace progsearch::cli {

void AddAuditCommand(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd =
      app.add_subcommand("audit-hash",
                         "How often the functional hash merges programs that differ: random programs hashed on several "
                         "probe sets, every merge judged by Z3");
  HashAuditConfig& c = options.flags;
  const HashAuditConfig& d = HashAuditConfig::default_instance();
  Field<std::string>(
      *cmd, "--domain", [&c](const std::string& v) { c.set_domain(v); },
      "int, or bvW (bit-vectors of width W, 1 to 64)", d.domain());
  Field<int>(
      *cmd, "-n,--programs", [&c](int v) { c.set_programs(v); }, "Random programs of x and y", d.programs())
      ->check(CLI::Range(2, 10000000));
  Field<int>(
      *cmd, "--depth", [&c](int v) { c.set_max_depth(v); }, "Largest program depth", d.max_depth())
      ->check(CLI::Range(1, 12));
  Field<uint64_t>(
      *cmd, "--seed", [&c](uint64_t v) { c.set_seed(v); }, "Random seed", d.seed());
  Field<unsigned>(
      *cmd, "--proof-timeout-ms", [&c](unsigned v) { c.set_proof_timeout_ms(v); }, "Time limit of each Z3 query",
      d.proof_timeout_ms())
      ->check(CLI::Range(1, 3600000));
  AddConfigOptions(*cmd, options.config_file, options.print_config, "HashAuditConfig");
  cmd->add_flag("--json", options.json, "Print the report as JSON");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress lines");
}

int RunAudit(const AuditOptions& options) {
  auto progress = [&](const ProbeSetReport& r) {
    if (!options.quiet)
      std::cerr << "  " << r.name() << ": " << r.merged() << " merged, " << r.false_merges() << " false\n";
  };
  auto config = AssembleConfig(HashAuditConfig(), options.config_file, options.flags);
  if (!config.ok()) return ReportError(config.status());
  if (options.print_config) {
    std::cout << ConfigText(*config);
    return kExitOk;
  }
  auto report = AuditFunctionalHash(*config, progress);
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    if (absl::Status s = PrintJsonLine(*report); !s.ok()) return ReportError(s);
    return kExitOk;
  }
  std::cout << absl::StrFormat("audit-hash: %d random programs of x, y in %s; every merge judged by Z3\n",
                               report->programs(), report->domain());
  std::cout << absl::StrFormat("%-30s %6s %9s %9s %8s %8s %8s %10s\n", "probe set", "points", "programs", "distinct",
                               "merged", "false", "unknown", "false rate");
  for (const ProbeSetReport& r : report->probe_sets()) {
    std::cout << absl::StrFormat("%-30s %6d %9d %9d %8d %8d %8d %9.2f%%\n", r.name(), r.points(), r.programs(),
                                 r.distinct(), r.merged(), r.false_merges(), r.unknown(), 100 * r.false_merge_rate());
  }
  std::cerr << absl::StrFormat("%d Z3 queries, %.1fs\n", report->z3_queries(), report->seconds());
  return kExitOk;
}

}  // namespace progsearch::cli
