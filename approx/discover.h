// A whole `progsearch discover` run as a library call: the target read and checked, the evolutionary
// search (approximation.h), the classical baselines at each operation count under the run's weights,
// and the exhaustive float32 check of every program close enough to matter. The CLI only prints it.
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/approximation.h"
#include "approx/certify.h"
#include "approx/dense_check.h"
#include "approx/math_target.h"
#include "proto/config.pb.h"
#include "proto/progsearch.pb.h"

namespace progsearch {

using DiscoverConfig = proto::DiscoverConfig;

// A classical program at an operation count: its error, and its float32 ULPs where they were checked.
struct BaselinePoint {
  int ops = 0;
  double max_rel_error = 0;
  std::optional<double> float32_ulps;
  TermPtr program;
};

// The classical answers by operation count: minimax polynomials (Horner), the best minimax rational of
// each count, and Taylor polynomials (targets with a known series) of the minimax polynomials' degrees.
struct Baselines {
  std::vector<BaselinePoint> minimax, rational, taylor;
};

// `fitted`: the search's own classical fits, if it made them (they are not fitted twice).
// `interrupt`: as FitClassical's.
Baselines ClassicalBaselines(const MathTarget& target, const ApproximationSearch& search,
                             const std::optional<ClassicalFits>& fitted, const std::atomic<bool>* interrupt = nullptr);

struct DiscoverReport {
  MathTarget target;
  DiscoverConfig config;  // as run
  ApproximationResult result;
  Baselines baselines;
  // Exhaustive float32 ULPs of the front programs (by operation count), where they were checked: in
  // float32 arithmetic or with float32_check, for programs within 2^-20 relative error (worse ones are
  // 8 ULPs or more somewhere) and the most accurate program. The minimax baselines get the same check.
  std::map<int, double> front_ulps;
  bool float32_checked = false;
  // Every front program's error at config.dense_points points against MPFR, by operation count (empty
  // when dense_points is 0).
  std::map<int, DenseCheckResult> front_dense;
  // config.certify: each front program's certificate, by operation count (approx/certify.h); programs
  // it cannot handle are absent.
  std::map<int, Certificate> front_certified;
  // An interrupt ended the checks after the search early: some programs are not checked.
  bool checks_interrupted = false;
  // False when config.program was scored instead: the front is that program alone.
  bool searched() const { return !config.has_program(); }
};

// Errors: a bad target or interval, and DiscoverApproximation's. `threads` 0 in the config: every core.
// With config.program set, no search runs: that program is measured as the search measures its front
// (operation count under the weights, relative error on the grid refined around the worst point,
// float32 ULPs at every float where checked) next to the classical baselines; a program that does not
// read is a located error, and one of another type than Float is refused.
absl::StatusOr<DiscoverReport> Discover(const DiscoverConfig& config, const ApproximationHooks& hooks = {});

// The report as the message `discover --json` prints.
proto::DiscoverResult ToProto(const DiscoverReport& report);

}  // namespace progsearch
