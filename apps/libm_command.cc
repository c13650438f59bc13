#include "apps/libm_command.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "absl/strings/str_format.h"
#include "approx/libm_build.h"
#include "apps/cli_common.h"
#include "core/atomic_file.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"

namespace progsearch::cli {
namespace {

constexpr uint64_t kSampleStride = 4096;

std::string StringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += StrCat(i ? ", " : "", JsonString(items[i]));
  return out + "]";
}

std::string ReportJson(const LibmReport& r, const LibmOptions& options) {
  std::string out = "{\n";
  absl::StrAppendFormat(&out, "  \"function\": %s,\n  \"table_entries\": %d,\n  \"core_target\": %s,\n",
                        JsonString(LibmName(r.plan.function)), 1 << r.plan.table_bits, JsonString(r.plan.core.name));
  absl::StrAppendFormat(&out, "  \"reduced_low\": %.17g,\n  \"reduced_high\": %.17g,\n  \"core_budget\": %.17g,\n",
                        r.plan.core.low, r.plan.core.high, r.core_budget);
  absl::StrAppendFormat(&out, "  \"glibc_core_ops\": %d,\n  \"found\": %s,\n", r.plan.glibc_core_ops,
                        r.found ? "true" : "false");
  if (r.found) {
    const LibmCheckResult& c = r.check;
    absl::StrAppendFormat(&out, "  \"core\": %s,\n  \"core_ops\": %d,\n  \"core_origin\": %s,\n  \"core_error\": %.17g,\n",
                          JsonString(PrintTerm(*r.core.program)), r.core.ops, JsonString(r.core.origin),
                          r.core.max_rel_error);
    absl::StrAppendFormat(&out, "  \"check\": {\"exhaustive\": %s, \"checked\": %d, \"max_ulps\": %.17g, \"worst_x\": %.9g, ",
                          c.exhaustive ? "true" : "false", c.checked, c.max_ulps, static_cast<double>(c.worst_x));
    absl::StrAppendFormat(&out, "\"correctly_rounded\": %d, \"mpfr_calls\": %d, \"specials\": %d, \"seconds\": %.3f,\n",
                          c.correctly_rounded, c.mpfr_calls, c.specials, c.seconds);
    absl::StrAppendFormat(&out, "    \"special_differences\": %s,\n    \"inexact_differences\": %s,\n",
                          StringList(c.special_differences), StringList(c.inexact_differences));
    absl::StrAppendFormat(&out, "    \"compile\": %s},\n", JsonString(r.compile_command));
  }
  out += "  \"tried\": [";
  const char* sep = "\n    ";
  for (const LibmCandidate& t : r.tried) {
    absl::StrAppendFormat(&out, "%s{\"ops\": %d, \"origin\": %s, \"error\": %.17g, \"verdict\": %s}", sep, t.core.ops,
                          JsonString(t.core.origin), t.core.max_rel_error, JsonString(t.verdict));
    sep = ",\n    ";
  }
  absl::StrAppendFormat(&out, "\n  ],\n  \"search_seconds\": %.3f,\n  \"output\": %s\n}\n", r.search.result.seconds,
                        JsonString(options.output));
  return out;
}

void PrintSummary(const LibmReport& r) {
  if (!r.found) {
    std::cerr << "no core within the budget held the bound; tried " << r.tried.size() << " (--json lists them)."
              << " A longer --time, a larger --max-ops or --table-bits may help.\n";
    return;
  }
  const LibmCheckResult& c = r.check;
  std::cerr << absl::StrFormat(
      "%s: core of %d operations (%s; glibc's polynomial: %d), max %.3g ULP at %s floats, %.4f%% correctly rounded, "
      "%d special inputs right\n",
      LibmName(r.plan.function), r.core.ops, r.core.origin, r.plan.glibc_core_ops, c.max_ulps,
      c.exhaustive ? "all 2^32" : StrCat(c.checked), 100.0 * static_cast<double>(c.correctly_rounded) / c.checked,
      c.specials);
  for (const std::string& d : c.inexact_differences) std::cerr << "  differs from glibc: " << d << "\n";
}

}  // namespace

void AddLibmCommand(CLI::App& app, LibmOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "libm",
      "Build a drop-in float32 function as a C header: range reduction and special cases around a core found by "
      "the search, checked at every float against MPFR");
  cmd->add_option("function", options.function, "exp2f, expf, exp10f, log2f, logf or log10f")->required();
  cmd->add_option("-o,--output", options.output, "The header to write (default: standard output)");
  cmd->add_option("--time", options.seconds, "Seconds of search for the core")->capture_default_str()->check(AboveZero());
  cmd->add_option("--max-ulp", options.max_ulps, "The bound at every float, in ULPs of the correctly rounded result")
      ->capture_default_str()
      ->check(NumberAbove(0.5, false));
  cmd->add_option("--table-bits", options.table_bits,
                  "Table of 2^B entries (0: the function's default, 6 for the exp family, 7 for the log family)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10));
  cmd->add_option("--max-ops", options.max_ops, "Largest core the search considers (fma counts 2, / --division-cost)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--division-cost", options.division_cost,
                  "Operations a division counts as in the search, for its time (reported counts use 1)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--threads", options.threads, "Threads (0: every core)")->capture_default_str()->check(CLI::Range(0, 1024));
  cmd->add_option("--seed", options.seed, "Random seed of the search")->capture_default_str();
  cmd->add_option("--check", options.check,
                  "all: every one of the 2^32 floats (minutes); sample: one bit pattern in 4096 (a second)")
      ->capture_default_str()
      ->check(CLI::IsMember({"all", "sample"}));
  cmd->add_option("--cc-flags", options.cc_flags, "C compiler flags of the check ($CC or cc compiles the header)")
      ->capture_default_str();
  cmd->add_flag("--json", options.json, "Print the result as JSON on standard output (the header then needs -o)");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress on standard error");
}

int RunLibm(const LibmOptions& options) {
  auto function = ParseLibmFunction(options.function);
  if (!function.ok()) return ReportError(function.status());
  if (options.json && options.output.empty()) {
    return ReportError(absl::InvalidArgumentError("--json prints the result on standard output: name the header with -o"));
  }
  if (absl::Status s = CheckOutputPaths({{"--output", options.output}}); !s.ok()) return ReportError(s);
  LibmRequest request;
  request.function = *function;
  request.seconds = options.seconds;
  request.max_ulps = options.max_ulps;
  request.table_bits = options.table_bits;
  request.max_ops = options.max_ops;
  request.division_cost = options.division_cost;
  request.threads = options.threads;
  request.seed = options.seed;
  request.stride = options.check == "all" ? 1 : kSampleStride;
  request.compiler_flags = options.cc_flags;
  request.search_hooks.interrupt = StopOnSignals();
  request.check_control.interrupt = StopOnSignals();
  const bool tty = !options.quiet && isatty(STDERR_FILENO);
  if (!options.quiet) {
    request.log = [tty](const std::string& line) {
      if (tty) std::fprintf(stderr, "\r\033[K");
      std::cerr << line << "\n";
    };
  }
  if (tty) {
    request.check_control.progress = [](double fraction) {
      std::fprintf(stderr, "\r\033[K  checking every float: %.0f%%", 100 * fraction);
      std::fflush(stderr);
    };
    request.search_hooks.progress_seconds = 1;
  }
  auto report = BuildLibm(request);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (absl::IsCancelled(report.status())) {
    std::cerr << "progsearch: interrupted while checking every float: no header written\n";
    return kExitFailed;
  }
  if (!report.ok()) return ReportError(report.status());
  if (!options.quiet) PrintSummary(*report);
  int code = report->found ? kExitOk : kExitFailed;
  if (report->found) {
    if (options.output.empty()) {
      std::cout << report->header;
    } else if (absl::Status s = WriteFileAtomically(options.output, report->header); !s.ok()) {
      code = ReportError(s);
    } else if (!options.quiet) {
      std::cerr << "wrote " << options.output << "\n";
    }
  }
  if (options.json) std::cout << ReportJson(*report, options);
  return code;
}

}  // namespace progsearch::cli
