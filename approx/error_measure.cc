#include "approx/error_measure.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "dsl/interpreter.h"

namespace progsearch {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double RelativeError(double got, double want) {
  if (std::isnan(got)) return kInfinity;
  return std::fabs(SignedRelativeError(got, want));
}

}  // namespace

std::vector<double> EvenlySpaced(double low, double high, size_t n) {
  std::vector<double> xs(n);
  for (size_t i = 0; i < n; ++i) xs[i] = n == 1 ? low : low + (high - low) * static_cast<double>(i) / (n - 1);
  return xs;
}

std::vector<double> ChebyshevSpaced(double low, double high, size_t n) {
  std::vector<double> xs(n);
  for (size_t i = 0; i < n; ++i) {
    const double t = n == 1 ? 0.5 : (1 - std::cos(M_PI * static_cast<double>(i) / (n - 1))) / 2;
    xs[i] = low + (high - low) * t;
  }
  return xs;
}

ValueColumn FloatColumn(const std::vector<double>& xs) {
  ValueColumn c(Type::Float(), xs.size());
  std::copy(xs.begin(), xs.end(), c.floats());
  return c;
}

double SignedRelativeError(double got, double want) { return want == 0 ? got - want : (got - want) / std::fabs(want); }

std::pair<double, size_t> WorstError(const Term& program, const std::vector<double>& xs,
                                     const std::vector<double>& reference) {
  auto out = Interpreter().Evaluate(program, std::vector<ValueColumn>{FloatColumn(xs)}, xs.size());
  if (!out.ok()) return {kInfinity, 0};
  double worst = 0;
  size_t at = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double e = RelativeError(out->floats()[i], reference[i]);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  return {worst, at};
}

ReferenceGrid MakeReferenceGrid(const MathTarget& target, size_t points) {
  ReferenceGrid grid;
  grid.xs = EvenlySpaced(target.low, target.high, points);
  grid.values.resize(grid.xs.size());
  for (size_t i = 0; i < grid.xs.size(); ++i) grid.values[i] = target.Reference(grid.xs[i]);
  return grid;
}

double MaxRelativeError(const Term& program, const MathTarget& target, size_t points) {
  return MaxRelativeError(program, target, MakeReferenceGrid(target, points));
}

double MaxRelativeError(const Term& program, const MathTarget& target, const ReferenceGrid& grid) {
  const std::vector<double>& xs = grid.xs;
  auto [worst, at] = WorstError(program, xs, grid.values);
  if (!std::isfinite(worst) || xs.size() < 2) return worst;
  // The error's extremum lies between the worst point's neighbours: sample that stretch densely.
  const double lo = xs[at == 0 ? 0 : at - 1], hi = xs[std::min(at + 1, xs.size() - 1)];
  std::vector<double> fine = EvenlySpaced(lo, hi, 257);
  std::vector<double> fine_ref(fine.size());
  for (size_t i = 0; i < fine.size(); ++i) fine_ref[i] = target.Reference(fine[i]);
  return std::max(worst, WorstError(program, fine, fine_ref).first);
}

}  // namespace progsearch
