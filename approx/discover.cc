#include "approx/discover.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

#include "absl/strings/str_format.h"
#include "approx/error_measure.h"
#include "approx/float32_check.h"
#include "approx/polynomial_baselines.h"
#include "core/deadline.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/threads.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "tbb/task_arena.h"

namespace progsearch {
namespace {

// A relative error above 2^-20 is 8 ULPs or more somewhere: only closer programs are checked at every
// float.
constexpr double kFloat32CheckBelow = 0x1p-20;

int ThreadsOf(const DiscoverConfig& config) {
  return ThreadsOrEveryCore(config.threads());
}

// A check phase over `programs` programs of `points` points each, reporting through the hooks: the
// CheckControl of its k-th program (0-based).
class CheckPhase {
 public:
  CheckPhase(const char* phase, int programs, uint64_t points, const ApproximationHooks& hooks)
      : hooks_(hooks), start_(std::chrono::steady_clock::now()) {
    progress_.phase = phase;
    progress_.programs = programs;
    progress_.points = points;
  }

  CheckControl Control(int k) {
    progress_.program = k + 1;
    Report(0);
    CheckControl control;
    control.interrupt = hooks_.interrupt;
    if (hooks_.check_progress) control.progress = [this](double fraction) { Report(fraction); };
    return control;
  }

 private:
  void Report(double fraction) {
    if (!hooks_.check_progress) return;
    progress_.fraction = (progress_.program - 1 + fraction) / std::max(1, progress_.programs);
    progress_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    hooks_.check_progress(progress_);
  }

  const ApproximationHooks& hooks_;
  CheckProgress progress_;
  std::chrono::steady_clock::time_point start_;
};

// Every front program and minimax polynomial close enough, run at every float of the interval, and the
// most accurate program whatever its error: `--emit-c` writes it and states its checked ULPs. An
// interrupt leaves the rest unchecked.
void CheckFloat32(DiscoverReport& report, int threads, const ApproximationHooks& hooks) {
  const std::vector<FrontPoint>& front = report.result.front;
  std::vector<std::pair<const Term*, std::function<void(double)>>> checks;
  for (const FrontPoint& p : front) {
    if (!(p.max_rel_error < kFloat32CheckBelow) && &p != &front.back()) continue;
    checks.push_back({p.program.get(), [&report, ops = p.ops](double ulps) { report.front_ulps[ops] = ulps; }});
  }
  for (BaselinePoint& b : report.baselines.minimax) {
    if (!(b.max_rel_error < kFloat32CheckBelow)) continue;
    checks.push_back({b.program.get(), [&b](double ulps) { b.float32_ulps = ulps; }});
  }
  CheckPhase phase("float32 check", static_cast<int>(checks.size()), FloatsIn(report.target), hooks);
  for (size_t k = 0; k < checks.size() && !StopRequested(hooks.interrupt); ++k) {
    auto check = CheckFloat32Exhaustively(*checks[k].first, report.target, threads, phase.Control(static_cast<int>(k)));
    if (check.ok()) checks[k].second(check->max_ulps);
  }
  report.float32_checked = true;
  report.checks_interrupted |= StopRequested(hooks.interrupt);
}

// Every front program at config.dense_points points against MPFR, the references computed once. Not in
// float32 mode, whose programs the exhaustive check measures in the arithmetic they run in.
void CheckDense(DiscoverReport& report, int threads, const ApproximationHooks& hooks) {
  const bool float32 = report.config.approximation().search().arithmetic() == ApproximationSearch::FLOAT32;
  if (report.config.dense_points() == 0 || report.result.front.empty() || float32 || StopRequested(hooks.interrupt)) return;
  // The references are the phase's work; the programs' evaluations at them take a fraction of it.
  CheckPhase phase("dense check", 1, report.config.dense_points(), hooks);
  const absl::StatusOr<DenseReference> reference =
      MakeDenseReference(report.target, report.config.dense_points(), threads, phase.Control(0));
  if (!reference.ok()) {
    report.checks_interrupted = true;
    return;
  }
  for (const FrontPoint& p : report.result.front) report.front_dense[p.ops] = CheckAtDensePoints(*p.program, *reference);
}

// config.certify: a proved bound for every front program (float64 only: float32 programs have the
// exhaustive check).
void CertifyFront(DiscoverReport& report, const ApproximationHooks& hooks) {
  const bool float32 = report.config.approximation().search().arithmetic() == ApproximationSearch::FLOAT32;
  if (!report.config.certify() || float32) return;
  CheckPhase phase("certify", static_cast<int>(report.result.front.size()), 0, hooks);
  CertifyOptions options;
  options.interrupt = hooks.interrupt;
  for (size_t k = 0; k < report.result.front.size() && !StopRequested(hooks.interrupt); ++k) {
    phase.Control(static_cast<int>(k));
    const FrontPoint& p = report.result.front[k];
    auto certificate = CertifyRelativeError(*p.program, report.target, options);
    if (certificate.ok()) {
      report.front_certified[p.ops] = *certificate;
    } else if (!absl::IsCancelled(certificate.status())) {
      Certificate refused;
      refused.bound = INFINITY;
      refused.reason = std::string(certificate.status().message());
      report.front_certified[p.ops] = refused;
    }
  }
  report.checks_interrupted |= StopRequested(hooks.interrupt);
}

proto::DiscoverPoint PointProto(int ops, double error, std::optional<double> ulps, const TermPtr& program) {
  proto::DiscoverPoint p;
  p.set_ops(ops);
  p.set_max_rel_error(error);
  if (ulps) p.set_float32_ulps(*ulps);
  if (program) p.set_program(PrintTerm(*program));
  return p;
}

// config.program as a front of one point, measured as BuildFront measures the search's points.
absl::StatusOr<ApproximationResult> ScoreProgram(const MathTarget& target, const DiscoverConfig& config) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "--program");
  ASSIGN_OR_RETURN(TermPtr program, reader.ReadText(config.program()));
  if (program->type() != Type::Float()) {
    return absl::InvalidArgumentError(
        StrCat("--program: ", config.program(), " is a ", program->type().ToString(), " program, not a Float one of x"));
  }
  const ApproximationSearch& search = config.approximation().search();
  FrontPoint point;
  point.ops = OperationCost(*program, WeightsOf(search));
  point.max_rel_error = MaxRelativeError(*program, target, search.grid());
  point.program = std::move(program);
  ApproximationResult result;
  result.front.push_back(std::move(point));
  return result;
}

// Refuses a target that is undefined (NaN) somewhere in its interval, as log is below 0: no program's
// relative error to it means anything there.
absl::Status CheckDefined(const MathTarget& target) {
  for (double x : EvenlySpaced(target.low, target.high, 1025)) {
    if (std::isnan(target.Reference(x))) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s is undefined (NaN) at x = %.17g in [%.17g, %.17g]: choose an interval where it is defined", target.name,
          x, target.low, target.high));
    }
  }
  return absl::OkStatus();
}

}  // namespace

Baselines ClassicalBaselines(const MathTarget& target, const ApproximationSearch& search,
                             const std::optional<ClassicalFits>& fitted, const std::atomic<bool>* interrupt) {
  const OperationWeights weights = WeightsOf(search);
  const ClassicalFits fits = fitted ? *fitted : FitClassical(target, search.max_ops(), weights, interrupt);
  const ReferenceGrid grid = MakeReferenceGrid(target, search.grid());
  Baselines out;
  // Polynomials come by increasing degree, hence increasing cost; Taylor's at the same degrees.
  for (const auto& [degree, horner] : fits.polynomials) {
    const int ops = OperationCost(*horner, weights);
    out.minimax.push_back({ops, MaxRelativeError(*horner, target, grid), std::nullopt, horner});
    if (auto t = TaylorPolynomial(target, degree)) {
      TermPtr taylor = HornerProgram(*t);
      out.taylor.push_back({ops, MaxRelativeError(*taylor, target, grid), std::nullopt, taylor});
    }
  }
  // Of the rationals that cost the same, the most accurate.
  std::map<int, BaselinePoint> rational;
  for (const auto& [degree, program] : fits.rationals) {
    const int ops = OperationCost(*program, weights);
    const double error = MaxRelativeError(*program, target, grid);
    if (!rational.count(ops) || error < rational[ops].max_rel_error)
      rational[ops] = {ops, error, std::nullopt, program};
  }
  for (auto& [ops, point] : rational) out.rational.push_back(std::move(point));
  return out;
}

absl::StatusOr<DiscoverReport> Discover(const DiscoverConfig& config, const ApproximationHooks& hooks) {
  RETURN_IF_ERROR(RequireRange("threads", config.threads(), 0, 1024));
  if (config.dense_points() == 1) return absl::InvalidArgumentError("dense_points: 0 (no check) or at least 2");
  RETURN_IF_ERROR(RequireRange<uint64_t>("dense_points", config.dense_points(), 0, uint64_t{1} << 24));
  RETURN_IF_ERROR(ValidateApproximationConfig(config.approximation()));
  ASSIGN_OR_RETURN(MathTarget target, ParseMathTarget(config.target(), config.low(), config.high()));
  RETURN_IF_ERROR(CheckDefined(target));
  const int threads = ThreadsOf(config);
  // An arena, not a process-wide limit: a library caller may run other searches at the same time.
  tbb::task_arena arena(threads);
  DiscoverReport report;
  report.target = target;
  report.config = config;
  absl::StatusOr<ApproximationResult> result;
  arena.execute([&] {
    result = report.searched() ? DiscoverApproximation(target, config.approximation(), hooks)
                               : ScoreProgram(target, config);
  });
  if (!result.ok()) return result.status();
  report.result = *std::move(result);
  // The search fitted the classical programs for its seeds, unless it resumed or was told not to seed;
  // a scored program gets baselines up to its own operation count (at least 2: a line, one fma).
  ApproximationSearch baseline_search = config.approximation().search();
  if (!report.searched()) baseline_search.set_max_ops(std::max(2, report.result.front.front().ops));
  report.baselines = ClassicalBaselines(target, baseline_search, report.result.classical, hooks.interrupt);
  if (config.float32_check() || config.approximation().search().arithmetic() == ApproximationSearch::FLOAT32) {
    CheckFloat32(report, threads, hooks);
  }
  CheckDense(report, threads, hooks);
  CertifyFront(report, hooks);
  return report;
}

proto::DiscoverResult ToProto(const DiscoverReport& report) {
  const ApproximationResult& r = report.result;
  const ApproximationSearch& search = report.config.approximation().search();
  proto::DiscoverResult out;
  out.set_target(report.config.target());
  out.set_low(report.target.low);
  out.set_high(report.target.high);
  out.set_arithmetic(search.arithmetic() == ApproximationSearch::FLOAT32 ? "float32" : "float64");
  for (const FrontPoint& p : r.front) {
    auto ulps = report.front_ulps.find(p.ops);
    proto::DiscoverPoint& point = *out.add_front();
    point = PointProto(p.ops, p.max_rel_error,
                       ulps == report.front_ulps.end() ? std::nullopt : std::optional(ulps->second), p.program);
    auto dense = report.front_dense.find(p.ops);
    if (dense != report.front_dense.end()) point.set_dense_max_rel_error(dense->second.max_rel_error);
    auto certified = report.front_certified.find(p.ops);
    if (certified != report.front_certified.end()) {
      const Certificate& c = certified->second;
      if (!c.certified) {
        point.set_certify_note(c.reason);
      } else {
        point.set_certified_max_rel_error(c.bound);
        if (c.subnormals_excluded) point.set_certify_note("subnormal x excluded (the target vanishes at 0)");
      }
    }
  }
  out.set_dense_points(report.front_dense.empty() ? 0 : report.config.dense_points());
  out.set_checks_interrupted(report.checks_interrupted);
  // Baselines whose fit failed have no error to report.
  auto add = [](const std::vector<BaselinePoint>& from, auto* to) {
    for (const BaselinePoint& b : from) {
      if (!std::isnan(b.max_rel_error)) *to->Add() = PointProto(b.ops, b.max_rel_error, b.float32_ulps, b.program);
    }
  };
  add(report.baselines.minimax, out.mutable_minimax());
  add(report.baselines.rational, out.mutable_rational());
  add(report.baselines.taylor, out.mutable_taylor());
  out.set_stop(report.searched() ? std::string(StopReasonName(r.stop_reason)) : "scored");
  out.set_cycles(r.stats.cycles);
  out.set_fitness_evaluations(r.stats.fitness_evaluations);
  out.set_cache_hit_rate(r.stats.cache.hit_rate());
  out.set_fitness_seconds(r.stats.fitness_seconds);
  out.set_repeat_evaluations(r.stats.repeat_evaluations);
  out.set_repeat_fitness_seconds(r.stats.repeat_fitness_seconds);
  out.set_cache_hits(r.stats.cache.hits);
  out.set_saved_fitness_seconds(r.stats.cache_seconds_saved());
  out.set_hash_seconds(r.stats.hash_seconds);
  out.set_seconds(r.seconds);
  out.set_weights(DescribeWeights(WeightsOf(search)));
  out.set_checkpoints(r.checkpoints);
  *out.mutable_config() = report.config;
  return out;
}

}  // namespace progsearch
