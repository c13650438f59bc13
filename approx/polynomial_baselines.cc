#include "approx/polynomial_baselines.h"

#include <algorithm>
#include <cmath>

#include "approx/constant_tuning.h"
#include "approx/error_measure.h"
#include "core/deadline.h"
#include "dsl/primitive_registry.h"

namespace progsearch {

TermPtr HornerProgram(const std::vector<double>& c) {
  const Type f = Type::Float();
  const Primitive* fma = *BuiltinRegistry().Resolve("fma", std::vector<Type>{f, f, f});
  TermPtr x = Term::Variable(0, "x", f);
  TermPtr acc = Term::Constant(Value::Float(c.back()));
  for (size_t k = c.size() - 1; k-- > 0;) {
    acc = Term::Apply(fma, f, {acc, x, Term::Constant(Value::Float(c[k]))});
  }
  return acc;
}

namespace {

using Real = long double;

// Solves A y = b in place (Gaussian elimination with partial pivoting); false when singular.
bool Solve(std::vector<std::vector<Real>>& a, std::vector<Real>& b) {
  const size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
    }
    if (a[pivot][col] == 0) return false;
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (size_t r = col + 1; r < n; ++r) {
      const Real factor = a[r][col] / a[col][col];
      for (size_t k = col; k < n; ++k) a[r][k] -= factor * a[col][k];
      b[r] -= factor * b[col];
    }
  }
  for (size_t r = n; r-- > 0;) {
    for (size_t k = r + 1; k < n; ++k) b[r] -= a[r][k] * b[k];
    b[r] /= a[r][r];
  }
  return true;
}

Real Horner(const std::vector<Real>& c, Real x) {
  Real acc = c.back();
  for (size_t k = c.size() - 1; k-- > 0;) acc = acc * x + c[k];
  return acc;
}

// Remez exchange on a grid: the degree-`degree` polynomial minimizing max |p(x_i) - f_i| / |f_i|; every
// f_i must be nonzero. nullopt if the iteration does not settle.
std::optional<std::vector<double>> RemezOnGrid(const std::vector<Real>& grid, const std::vector<Real>& fgrid,
                                               int degree) {
  const size_t m = static_cast<size_t>(degree) + 2;  // reference points
  const size_t grid_size = grid.size();
  if (grid_size < m) return std::nullopt;
  // Start from the Chebyshev extrema, snapped to the grid.
  std::vector<size_t> ref(m);
  for (size_t i = 0; i < m; ++i) {
    const Real t = (1 - std::cos(static_cast<Real>(M_PI) * i / (m - 1))) / 2;
    ref[i] = static_cast<size_t>(std::lround(t * (grid_size - 1)));
  }
  std::vector<Real> c(degree + 1);
  for (int iteration = 0; iteration < 50; ++iteration) {
    // p(x_i) - f(x_i) = (-1)^i E |f(x_i)|, unknowns c_0..c_n and E.
    std::vector<std::vector<Real>> mat(m, std::vector<Real>(m));
    std::vector<Real> rhs(m);
    for (size_t i = 0; i < m; ++i) {
      Real power = 1;
      for (int k = 0; k <= degree; ++k) {
        mat[i][k] = power;
        power *= grid[ref[i]];
      }
      mat[i][m - 1] = (i % 2 ? 1 : -1) * std::fabs(fgrid[ref[i]]);
      rhs[i] = fgrid[ref[i]];
    }
    if (!Solve(mat, rhs)) return std::nullopt;
    std::copy(rhs.begin(), rhs.begin() + degree + 1, c.begin());
    const Real level = std::fabs(rhs[m - 1]);
    // Relative error on the grid; one extremum per run of equal sign, then the m largest in
    // alternation (multi-point exchange).
    std::vector<Real> e(grid_size);
    for (size_t i = 0; i < grid_size; ++i) e[i] = (Horner(c, grid[i]) - fgrid[i]) / std::fabs(fgrid[i]);
    std::vector<size_t> extrema;
    size_t best = 0;
    for (size_t i = 0; i < grid_size; ++i) {
      if (i > 0 && std::signbit(e[i]) != std::signbit(e[i - 1])) {
        extrema.push_back(best);
        best = i;
      } else if (std::fabs(e[i]) > std::fabs(e[best])) {
        best = i;
      }
    }
    extrema.push_back(best);
    while (extrema.size() > m) {
      // Drop the smaller end, or merge the smallest interior extremum with a neighbour.
      if (std::fabs(e[extrema.front()]) < std::fabs(e[extrema.back()])) {
        extrema.erase(extrema.begin());
      } else {
        extrema.pop_back();
      }
    }
    if (extrema.size() < m) return std::nullopt;
    Real max_error = 0;
    for (size_t i = 0; i < grid_size; ++i) max_error = std::max(max_error, std::fabs(e[i]));
    ref = extrema;
    if (max_error <= level * (1 + 1e-6L)) break;
  }
  return std::vector<double>(c.begin(), c.end());
}

// prod (x - z) over `zeros` at x.
Real ZeroFactor(const std::vector<double>& zeros, Real x) {
  Real w = 1;
  for (double z : zeros) w *= x - z;
  return w;
}

// The points of `xs` that are not zeros, with the target divided by its zero factor there: the function
// whose relative error is the program's once the factor multiplies it back. False when some value is
// zero or not finite (an unfactored zero, a pole).
bool FactoredSamples(const MathTarget& target, const std::vector<double>& zeros, const std::vector<double>& xs,
                     std::vector<double>* kept, std::vector<Real>* values) {
  for (double x : xs) {
    if (std::find(zeros.begin(), zeros.end(), x) != zeros.end()) continue;
    const Real g = static_cast<Real>(target.Reference(x)) / ZeroFactor(zeros, x);
    if (g == 0 || !std::isfinite(static_cast<double>(g))) return false;
    kept->push_back(x);
    values->push_back(g);
  }
  return true;
}

// `q` multiplied by the zero factor: (* x q) for a zero at 0, (* (- x z) q) otherwise (x - z is exact
// near z, so the product keeps a small relative error there).
TermPtr TimesZeroFactor(TermPtr q, const std::vector<double>& zeros) {
  const Type f = Type::Float();
  const Primitive* mul = *BuiltinRegistry().Resolve("*", std::vector<Type>{f, f});
  const Primitive* sub = *BuiltinRegistry().Resolve("-", std::vector<Type>{f, f});
  TermPtr x = Term::Variable(0, "x", f);
  for (double z : zeros) {
    TermPtr factor = z == 0 ? x : Term::Apply(sub, f, {x, Term::Constant(Value::Float(z))});
    q = Term::Apply(mul, f, {factor, q});
  }
  return q;
}

// The grid Remez works on, with the target divided by its zero factor there: sampled once for every
// degree (the MPFR references are most of a fit's cost). `ok` is false where the factored target
// vanishes or is not finite somewhere.
struct RemezSamples {
  std::vector<Real> grid, values;
  bool ok = false;
};

RemezSamples SampleForRemez(const MathTarget& target, const std::vector<double>& zeros) {
  RemezSamples s;
  std::vector<double> kept;
  s.ok = FactoredSamples(target, zeros, EvenlySpaced(target.low, target.high, 8193), &kept, &s.values);
  s.grid.assign(kept.begin(), kept.end());
  return s;
}

TermPtr PolynomialFromSamples(const RemezSamples& samples, int degree, const std::vector<double>& zeros) {
  const int q_degree = degree - static_cast<int>(zeros.size());
  if (!samples.ok || q_degree < 0) return nullptr;
  auto c = RemezOnGrid(samples.grid, samples.values, q_degree);
  return c ? TimesZeroFactor(HornerProgram(*c), zeros) : nullptr;
}

// What a rational fit reads of the target, computed once for all of FitClassical's fits: the factored
// target at the fit's points, and the exact values of the denser grid that catches poles.
struct RationalSamples {
  std::vector<double> xs, fs;
  ReferenceGrid pole_check;
  bool ok = false;
};

RationalSamples SampleForRational(const MathTarget& target, size_t grid, const std::vector<double>& zeros) {
  RationalSamples s;
  std::vector<Real> values;
  s.ok = FactoredSamples(target, zeros, EvenlySpaced(target.low, target.high, grid), &s.xs, &values);
  s.fs.assign(values.begin(), values.end());
  s.pole_check = MakeReferenceGrid(target, 8 * grid);
  return s;
}

TermPtr RationalFromSamples(const MathTarget& target, int m, int n, const RationalSamples& samples,
                            const std::vector<double>& zeros) {
  const std::vector<double>& xs = samples.xs;
  const std::vector<double>& fs = samples.fs;
  const size_t grid = xs.size();
  if (!samples.ok || m < 0 || n < 1 || grid < static_cast<size_t>(m + n + 2)) return nullptr;
  // Unknowns a_0..a_m, b_0..b_{n-1}: sum_k a_k x^k / f - sum_j b_j x^j = x^n, in the least-squares sense.
  const size_t unknowns = static_cast<size_t>(m + 1 + n);
  std::vector<std::vector<Real>> normal(unknowns, std::vector<Real>(unknowns));
  std::vector<Real> rhs(unknowns);
  std::vector<Real> row(unknowns);
  for (size_t i = 0; i < grid; ++i) {
    const Real x = xs[i], f = fs[i];
    std::vector<Real> power(static_cast<size_t>(std::max(m, n)) + 1, 1);
    for (size_t k = 1; k < power.size(); ++k) power[k] = power[k - 1] * x;
    for (int k = 0; k <= m; ++k) row[k] = power[k] / f;
    for (int k = 0; k < n; ++k) row[m + 1 + k] = -power[k];
    for (size_t r = 0; r < unknowns; ++r) {
      rhs[r] += row[r] * power[n];
      for (size_t c = 0; c < unknowns; ++c) normal[r][c] += row[r] * row[c];
    }
  }
  if (!Solve(normal, rhs)) return nullptr;
  const Type f = Type::Float();
  const Primitive* fma = *BuiltinRegistry().Resolve("fma", std::vector<Type>{f, f, f});
  const Primitive* add = *BuiltinRegistry().Resolve("+", std::vector<Type>{f, f});
  const Primitive* div = *BuiltinRegistry().Resolve("/", std::vector<Type>{f, f});
  TermPtr x = Term::Variable(0, "x", f);
  auto constant = [](Real v) { return Term::Constant(Value::Float(static_cast<double>(v))); };
  std::vector<double> numerator(rhs.begin(), rhs.begin() + m + 1);
  TermPtr p = HornerProgram(numerator);
  TermPtr q = Term::Apply(add, f, {x, constant(rhs[m + n])});
  for (int j = n - 2; j >= 0; --j) q = Term::Apply(fma, f, {q, x, constant(rhs[m + 1 + j])});
  TermPtr program = Term::Apply(div, f, {p, q});
  TuningResult tuned = TuneMinimax(program, xs, fs, 200);
  if (!std::isfinite(tuned.error)) return nullptr;
  TermPtr fit = TimesZeroFactor(tuned.program, zeros);
  // A pole inside the interval can hide between grid points: check densely before offering the fit.
  if (!std::isfinite(MaxRelativeError(*fit, target, samples.pole_check))) return nullptr;
  return fit;
}

}  // namespace

std::optional<std::vector<double>> MinimaxPolynomial(const MathTarget& target, int degree) {
  // Relative error is undefined where the target vanishes: no zero is factored out here.
  const RemezSamples samples = SampleForRemez(target, {});
  if (!samples.ok) return std::nullopt;
  return RemezOnGrid(samples.grid, samples.values, degree);
}

std::vector<double> SimpleZeros(const MathTarget& target) {
  const std::vector<double> xs = EvenlySpaced(target.low, target.high, 2049);
  std::vector<double> fs(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) fs[i] = target.Reference(xs[i]);
  std::vector<double> zeros;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(fs[i])) return {};
    if (fs[i] == 0) {
      zeros.push_back(xs[i]);
      continue;
    }
    if (i + 1 == xs.size() || fs[i + 1] == 0 || !std::isfinite(fs[i + 1]) || std::signbit(fs[i]) == std::signbit(fs[i + 1]))
      continue;
    // A sign change: narrow it to adjacent doubles; a zero no double holds cannot be factored out.
    double lo = xs[i], hi = xs[i + 1];
    const bool lo_negative = std::signbit(fs[i]);
    std::optional<double> zero;
    while (!zero && std::nextafter(lo, hi) < hi) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) mid = std::nextafter(lo, hi);
      const double v = target.Reference(mid);
      if (v == 0) zero = mid;
      else if (std::signbit(v) == lo_negative) lo = mid;
      else hi = mid;
    }
    if (!zero) return {};
    zeros.push_back(*zero);
  }
  // Simple zeros only: near one, f(x) / (x - z) tends to f'(z), not 0 (a double zero would leave a zero).
  const double step = std::max((target.high - target.low) * 0x1p-20, 1e-300);
  for (double z : zeros) {
    std::vector<double> others;
    for (double o : zeros) if (o != z) others.push_back(o);
    auto g = [&](double x) { return static_cast<double>(target.Reference(x) / ((x - z) * ZeroFactor(others, x))); };
    const double side = z + step <= target.high ? step : -step;
    const double near = g(z + side), farther = g(z + 2 * side);
    if (!(std::fabs(near - farther) <= 0.25 * std::fabs(farther)) || near == 0) return {};
  }
  return zeros;
}

TermPtr MinimaxPolynomialProgram(const MathTarget& target, int degree, const std::vector<double>& zeros) {
  return PolynomialFromSamples(SampleForRemez(target, zeros), degree, zeros);
}

std::optional<std::vector<double>> TaylorPolynomial(const MathTarget& target, int degree) {
  std::vector<double> c(degree + 1);
  double factorial = 1;
  for (int k = 0; k <= degree; ++k) {
    if (k > 0) factorial *= k;
    if (target.name == "exp") {
      c[k] = 1 / factorial;
    } else if (target.name == "exp2") {
      c[k] = std::pow(std::log(2.0), k) / factorial;
    } else if (target.name == "sin") {
      c[k] = k % 2 ? (k % 4 == 1 ? 1 : -1) / factorial : 0;
    } else if (target.name == "cos") {
      c[k] = k % 2 ? 0 : (k % 4 == 0 ? 1 : -1) / factorial;
    } else {
      return std::nullopt;
    }
  }
  return c;
}

TermPtr MinimaxRational(const MathTarget& target, int m, int n, size_t grid, const std::vector<double>& zeros) {
  if (m < 0 || n < 1 || grid < static_cast<size_t>(m + n + 2)) return nullptr;
  return RationalFromSamples(target, m, n, SampleForRational(target, grid, zeros), zeros);
}

ClassicalFits FitClassical(const MathTarget& target, int max_ops, const OperationWeights& weights,
                           const std::atomic<bool>* interrupt) {
  ClassicalFits fits;
  // A target that vanishes in the interval is fitted with its simple zeros factored out (the relative
  // error is undefined at a zero unless the approximation vanishes there too).
  fits.zeros = SimpleZeros(target);
  const int k = static_cast<int>(fits.zeros.size());
  const RemezSamples samples = SampleForRemez(target, fits.zeros);
  // Horner costs grow with the degree, so the degrees that fit are 1..d.
  for (int degree = std::max(1, k); degree <= max_ops && !StopRequested(interrupt); ++degree) {
    TermPtr horner = PolynomialFromSamples(samples, degree, fits.zeros);
    if (horner == nullptr) continue;
    if (OperationCost(*horner, weights) > max_ops) break;
    fits.polynomials.push_back({degree, horner});
  }
  const RationalSamples rational_samples = SampleForRational(target, 257, fits.zeros);
  for (const auto& [total, polynomial] : fits.polynomials) {
    for (int n = 1; n <= total - k && !StopRequested(interrupt); ++n) {
      TermPtr rational = RationalFromSamples(target, total - k - n, n, rational_samples, fits.zeros);
      if (rational != nullptr && OperationCost(*rational, weights) <= max_ops)
        fits.rationals.push_back({total, rational});
    }
  }
  return fits;
}

}  // namespace progsearch
