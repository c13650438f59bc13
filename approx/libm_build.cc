#include "approx/libm_build.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"
#include "approx/float_tape.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/threads.h"

namespace progsearch {
namespace {

constexpr uint64_t kScreenStride = 4096;

DiscoverConfig SearchConfig(const LibmRequest& request, const LibmPlan& plan) {
  DiscoverConfig config;
  config.set_target(plan.core.name);
  config.set_low(plan.core.low);
  config.set_high(plan.core.high);
  config.set_threads(request.threads);
  config.set_dense_points(0);  // the float check below is the one that counts
  proto::ApproximationConfig& approximation = *config.mutable_approximation();
  approximation.set_seconds(request.seconds);
  approximation.mutable_search()->set_max_ops(request.max_ops);
  approximation.mutable_search()->set_seed(request.seed);
  (*approximation.mutable_search()->mutable_weights())["/"] = request.division_cost;
  return config;
}

// Every program the run offers within the budget (the front and the classical baselines), cheapest
// under the search's weights first, the more accurate first among equals. Their counts are discover's
// default ones (fma 2, the rest 1), plus what the reconstruction folds in.
std::vector<LibmCore> Candidates(const DiscoverReport& search, const LibmPlan& plan, double budget) {
  struct Ranked {
    LibmCore core;
    int cost;
  };
  std::vector<Ranked> ranked;
  auto add = [&](const TermPtr& program, int cost, double error, const char* origin) {
    if (program == nullptr || !(error <= budget)) return;
    const int ops = OperationCost(*program, DefaultOperationWeights()) + plan.folded_ops;
    ranked.push_back({{program, ops, error, origin}, cost});
  };
  for (const FrontPoint& p : search.result.front) add(p.program, p.ops, p.max_rel_error, "search");
  for (const BaselinePoint& b : search.baselines.minimax) add(b.program, b.ops, b.max_rel_error, "minimax polynomial");
  for (const BaselinePoint& b : search.baselines.rational) add(b.program, b.ops, b.max_rel_error, "minimax rational");
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.cost != b.cost ? a.cost < b.cost : a.core.max_rel_error < b.core.max_rel_error;
  });
  std::vector<LibmCore> out;
  for (Ranked& r : ranked) out.push_back(std::move(r.core));
  return out;
}

// Why a check fails the request, or "" when it passes.
std::string Failure(const LibmCheckResult& check, double max_ulps) {
  if (!check.special_differences.empty()) {
    return StrCat(check.special_differences.size(), " special input(s) wrong, first: ", check.special_differences[0]);
  }
  if (!(check.max_ulps <= max_ulps)) {
    return absl::StrFormat("%.3g ULPs at x = %a", check.max_ulps, static_cast<double>(check.worst_x));
  }
  return "";
}

}  // namespace

std::string LibmCheckNotes(const LibmReport& report, uint64_t stride) {
  const LibmCheckResult& c = report.check;
  std::string out = absl::StrFormat(
      "// Checked %s against the correctly rounded result (MPFR): max %.3g ULP (at %a), %.4f%% correctly\n"
      "// rounded, %d special inputs right (NaN, infinities, zeros, subnormals, thresholds).\n",
      stride == 1 ? "at all 2^32 floats" : StrCat("at ", c.checked, " floats (one in ", stride, ")"), c.max_ulps,
      static_cast<double>(c.worst_x), c.checked ? 100.0 * static_cast<double>(c.correctly_rounded) / c.checked : 0.0,
      c.specials);
  out += StrCat("// Compiled for the check as: ", report.compile_command, "\n");
  out += "// errno (ERANGE, EDOM) and the overflow, underflow, divide-by-zero and invalid exceptions are\n"
         "// glibc's at every special input";
  if (c.inexact_differences.empty()) {
    out += ", and so is inexact.\n";
  } else {
    out += StrCat("; inexact differs at ", c.inexact_differences.size(), " (", c.inexact_differences[0], ")\n");
  }
  out += "// Needs IEEE semantics for NaN and infinity in the special cases: do not compile with -ffast-math\n"
         "// (-ffinite-math-only). -ffp-contract=fast may fuse the core's a*b + c where the target has fma.\n";
  return out;
}

absl::StatusOr<LibmReport> BuildLibm(const LibmRequest& request) {
  if (!(request.max_ulps > 0.5)) {
    return absl::InvalidArgumentError(StrCat("--max-ulp must be above 0.5 (correct rounding alone costs that), not ",
                                             request.max_ulps));
  }
  if (request.stride == 0 || (request.stride & (request.stride - 1)) != 0) {
    return absl::InvalidArgumentError(StrCat("the check's stride must be a power of two, not ", request.stride));
  }
  auto log = [&request](const std::string& line) {
    if (request.log) request.log(line);
  };
  LibmReport report;
  const int bits = request.table_bits ? request.table_bits : DefaultTableBits(request.function);
  ASSIGN_OR_RETURN(report.plan, MakeLibmPlan(request.function, bits));
  const LibmPlan& plan = report.plan;
  report.core_budget = CoreErrorBudget(plan, request.max_ulps);
  log(absl::StrFormat("%s: table of %d entries; core %s on [%.6g, %.6g], relative error budget %.3g", LibmName(plan.function),
                      1 << bits, plan.core.name, plan.core.low, plan.core.high, report.core_budget));
  ASSIGN_OR_RETURN(report.search, Discover(SearchConfig(request, plan), request.search_hooks));
  log(absl::StrFormat("search: %zu front programs in %.0f s (%s)", report.search.result.front.size(),
                      report.search.result.seconds, StopReasonName(report.search.result.stop_reason)));
  const int threads = ThreadsOrEveryCore(request.threads);
  for (LibmCore& core : Candidates(report.search, plan, report.core_budget)) {
    LibmCandidate candidate{core, ""};
    ASSIGN_OR_RETURN(std::string header, EmitLibmHeader(plan, core, ""));
    ASSIGN_OR_RETURN(auto compiled, CompileLibm(header, LibmCName(plan.function), request.compiler_flags));
    ASSIGN_OR_RETURN(LibmCheckResult screen, CheckLibm(plan.function, compiled->function(),
                                                       std::max(request.stride, kScreenStride), threads));
    candidate.verdict = Failure(screen, request.max_ulps);
    LibmCheckResult final_check = screen;
    if (candidate.verdict.empty() && request.stride < kScreenStride) {
      ASSIGN_OR_RETURN(final_check, CheckLibm(plan.function, compiled->function(), request.stride, threads,
                                              request.check_control));
      candidate.verdict = Failure(final_check, request.max_ulps);
    }
    const bool passed = candidate.verdict.empty();
    if (passed) candidate.verdict = "accepted";
    log(absl::StrFormat("core of %d operations (%s, error %.3g): %s", core.ops, core.origin, core.max_rel_error,
                        candidate.verdict));
    report.tried.push_back(candidate);
    if (!passed) continue;
    report.found = true;
    report.core = core;
    report.check = final_check;
    report.compile_command = compiled->command();
    ASSIGN_OR_RETURN(report.header, EmitLibmHeader(plan, core, LibmCheckNotes(report, request.stride)));
    break;
  }
  return report;
}

}  // namespace progsearch
