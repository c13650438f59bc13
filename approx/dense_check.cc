#include "approx/dense_check.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "approx/error_measure.h"
#include "dsl/interpreter.h"

namespace progsearch {

absl::StatusOr<DenseReference> MakeDenseReference(const MathTarget& target, size_t points, int threads,
                                                  const CheckControl& control) {
  DenseReference r;
  r.xs = EvenlySpaced(target.low, target.high, points);
  r.hi.resize(points);
  r.lo.resize(points);
  auto work = [&](int, uint64_t from, uint64_t to) {
    for (size_t i = from; i < to; ++i) std::tie(r.hi[i], r.lo[i]) = target.ReferenceSplit(r.xs[i]);
  };
  if (absl::Status s = RunChunked(threads, points, control, work); !s.ok()) return s;
  return r;
}

DenseCheckResult CheckAtDensePoints(const Term& program, const DenseReference& reference) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  const size_t n = reference.xs.size();
  auto out = Interpreter().Evaluate(program, std::vector<ValueColumn>{FloatColumn(reference.xs)}, n);
  if (!out.ok()) return {kInfinity, n ? reference.xs[0] : 0};
  DenseCheckResult result;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(reference.hi[i])) continue;
    const double got = out->floats()[i];
    // got - hi is exact when they are close (Sterbenz), which is where the digits matter.
    const double difference = (got - reference.hi[i]) - reference.lo[i];
    const double e = std::isfinite(got) ? std::fabs(difference) / (reference.hi[i] == 0 ? 1 : std::fabs(reference.hi[i]))
                                        : kInfinity;
    if (!(e <= result.max_rel_error)) {
      result.max_rel_error = e;
      result.worst_x = reference.xs[i];
    }
  }
  return result;
}

}  // namespace progsearch
