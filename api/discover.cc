#include "progsearch/discover.h"

#include <atomic>

#include "api/impl.h"
#include "api/polled_run.h"
#include "approx/discover.h"
#include "dsl/primitive_registry.h"

namespace progsearch {
namespace {

// A program of x over the built-in operators.
Program ProgramOfX(TermPtr term) {
  auto impl = std::make_shared<Program::Impl>();
  impl->term = std::move(term);
  // The built-in registry lives as long as the process: a shared_ptr that owns nothing.
  impl->registry = std::shared_ptr<const PrimitiveRegistry>(std::shared_ptr<void>(), &BuiltinRegistry());
  impl->variables = {{"x", Type::Float()}};
  return Program(std::move(impl));
}

}  // namespace

DiscoverResult Discover(const std::string& target, const DiscoverOptions& o) {
  proto::DiscoverConfig config;
  config.set_target(target);
  config.set_low(o.low);
  config.set_high(o.high);
  config.set_threads(o.threads);
  config.set_dense_points(o.dense_points);
  proto::ApproximationConfig& a = *config.mutable_approximation();
  a.set_seconds(o.seconds);
  a.set_max_cycles(o.max_cycles);
  proto::ApproximationSearch& s = *a.mutable_search();
  s.set_max_ops(o.max_ops);
  s.set_seed(o.seed);
  s.set_allow_sqrt(o.allow_sqrt);
  s.set_seed_classical(o.seed_classical);
  s.set_centre(o.centre);
  s.set_arithmetic(o.float32 ? proto::ApproximationSearch::FLOAT32 : proto::ApproximationSearch::FLOAT64);
  // The work runs on a thread of its own, which records where it stands; this thread reports it to
  // o.progress twice a second, whose false stops the search or the check running.
  std::atomic<bool> stop{false};
  DiscoverProgress first;
  first.phase = "search";
  ProgressRelay<DiscoverProgress> relay(first);
  ApproximationHooks hooks;
  hooks.interrupt = &stop;
  hooks.progress_seconds = 0.25;
  hooks.progress = [&relay](double best, uint64_t cycles, double) {
    relay.Record([&](DiscoverProgress& p) {
      p.cycles = cycles;
      p.best_error = best;
    });
  };
  hooks.check_progress = [&relay](const CheckProgress& c) {
    relay.Record([&](DiscoverProgress& p) {
      p.phase = c.phase;
      p.fraction = c.fraction;
    });
  };
  auto report = RunPolled(
      [&] {
        auto r = Discover(config, hooks);
        ReleaseReferenceCaches();  // this thread computed MPFR references; it ends here
        return r;
      },
      relay.Poll(o.progress), stop, 0.5);
  ThrowIfError(report.status());
  DiscoverResult out;
  for (const FrontPoint& p : report->result.front) {
    auto ulps = report->front_ulps.find(p.ops);
    auto dense = report->front_dense.find(p.ops);
    out.front.push_back({p.ops, p.max_rel_error, ulps == report->front_ulps.end() ? -1 : ulps->second,
                         ProgramOfX(p.program),
                         dense == report->front_dense.end() ? -1 : dense->second.max_rel_error});
  }
  for (const BaselinePoint& b : report->baselines.minimax) {
    if (b.program) out.minimax.push_back({b.ops, b.max_rel_error, b.float32_ulps.value_or(-1), ProgramOfX(b.program)});
  }
  out.stop_reason = std::string(StopReasonName(report->result.stop_reason));
  out.checks_interrupted = report->checks_interrupted;
  out.cycles = report->result.stats.cycles;
  out.seconds = report->result.seconds;
  return out;
}

}  // namespace progsearch
