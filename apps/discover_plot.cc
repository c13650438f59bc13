#include "apps/discover_plot.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_format.h"
#include "apps/svg_panel.h"
#include "approx/error_measure.h"
#include "core/atomic_file.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"

namespace progsearch::cli {

absl::Status WriteDiscoverPlot(const std::string& path, const DiscoverReport& report) {
  const MathTarget& target = report.target;
  const ApproximationResult& result = report.result;
  const std::string ops_label = DescribeWeights(WeightsOf(report.config.approximation().search()));
  if (result.front.empty()) return absl::FailedPreconditionError("nothing to plot: the front is empty");
  const FrontPoint& chosen = result.front.back();
  // Left: the chosen program's signed relative error across the interval.
  const size_t n = 600;
  const std::vector<double> grid = EvenlySpaced(target.low, target.high, n);
  ValueColumn xs(Type::Float(), n);
  std::copy(grid.begin(), grid.end(), xs.floats());
  auto ys = Interpreter().Evaluate(*chosen.program, std::vector<ValueColumn>{xs}, n);
  if (!ys.ok()) return ys.status();
  std::vector<std::pair<double, double>> error;
  double extent = 0;
  for (size_t i = 0; i < n; ++i) {
    const double want = target.Reference(xs.floats()[i]);
    const double e = SignedRelativeError(ys->floats()[i], want);
    error.emplace_back(xs.floats()[i], e);
    if (std::isfinite(e)) extent = std::max(extent, std::fabs(e));
  }
  if (extent == 0) extent = 1e-300;
  Panel left{70, 40, 360, 280, target.low, target.high, -extent, extent};
  // Right: log10 of the error against operation count.
  std::vector<std::pair<double, double>> ours, minimax, taylor, certified;
  double lo = 0, hi = -300;
  int max_ops = 1;
  auto note = [&](std::vector<std::pair<double, double>>& v, int ops, double e) {
    if (!std::isfinite(e) || e <= 0) return;
    v.emplace_back(ops, std::log10(e));
    lo = std::min(lo, std::log10(e));
    hi = std::max(hi, std::log10(e));
    max_ops = std::max(max_ops, ops);
  };
  for (const FrontPoint& p : result.front) note(ours, p.ops, p.max_rel_error);
  for (const BaselinePoint& b : report.baselines.minimax) note(minimax, b.ops, b.max_rel_error);
  for (const BaselinePoint& b : report.baselines.taylor) note(taylor, b.ops, b.max_rel_error);
  for (const auto& [ops, c] : report.front_certified) {
    if (c.certified) note(certified, ops, c.bound);
  }
  Panel right{540, 40, 360, 280, 0, static_cast<double>(max_ops), std::floor(lo), std::ceil(hi)};
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"940\" height=\"380\" font-family=\"sans-serif\">\n"
      "<rect width=\"940\" height=\"380\" fill=\"white\"/>\n";
  svg += Frame(left, absl::StrFormat("relative error, %d ops, on [%g, %g]", chosen.ops, target.low, target.high), "x",
               absl::StrFormat("%.1e", -extent), absl::StrFormat("%.1e", extent));
  svg += absl::StrFormat("<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ccc\"/>\n", left.x0,
                         left.Y(0), left.x0 + left.width, left.Y(0));
  svg += Polyline(left, error, "#1f77b4");
  svg += Frame(right, "max relative error vs operations (log10)", StrCat("operations (", ops_label, ")"),
               absl::StrFormat("1e%.0f", right.lo_y), absl::StrFormat("1e%.0f", right.hi_y + 0.0));  // + 0.0: no "-0"
  // Minimax dashed on top: where evolution only matches it, both lines stay visible.
  svg += Polyline(right, taylor, "#2ca02c") + Polyline(right, ours, "#1f77b4") +
         Polyline(right, minimax, "#ff7f0e", "6,4") + Polyline(right, certified, "#d62728", "2,3");
  svg +=
      "<text x=\"560\" y=\"370\" font-size=\"12\" fill=\"#1f77b4\">progsearch</text>\n"
      "<text x=\"660\" y=\"370\" font-size=\"12\" fill=\"#ff7f0e\">minimax (dashed)</text>\n"
      "<text x=\"790\" y=\"370\" font-size=\"12\" fill=\"#2ca02c\">Taylor</text>\n";
  if (!certified.empty()) {
    svg += "<text x=\"850\" y=\"370\" font-size=\"12\" fill=\"#d62728\">certified (dotted)</text>\n";
  }
  svg += "</svg>\n";
  return WriteFileAtomically(path, svg);
}

}  // namespace progsearch::cli
