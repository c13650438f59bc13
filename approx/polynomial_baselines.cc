#include "approx/polynomial_baselines.h"

#include <algorithm>
#include <cmath>

#include "approx/constant_tuning.h"
#include "approx/error_measure.h"
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

}  // namespace

std::optional<std::vector<double>> MinimaxPolynomial(const MathTarget& target, int degree) {
  const size_t m = static_cast<size_t>(degree) + 2;  // reference points
  const Real a = target.low, b = target.high;
  // Dense grid with exact values, for locating the error's extrema.
  const size_t grid_size = 8193;
  std::vector<Real> grid(grid_size), fgrid(grid_size);
  for (size_t i = 0; i < grid_size; ++i) {
    grid[i] = a + (b - a) * static_cast<Real>(i) / (grid_size - 1);
    fgrid[i] = target.Reference(static_cast<double>(grid[i]));
    if (fgrid[i] == 0) return std::nullopt;  // relative error undefined where the target vanishes
  }
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

TermPtr MinimaxRational(const MathTarget& target, int m, int n, size_t grid) {
  if (m < 0 || n < 1 || grid < static_cast<size_t>(m + n + 2)) return nullptr;
  const std::vector<double> xs = EvenlySpaced(target.low, target.high, grid);
  std::vector<double> fs(grid);
  for (size_t i = 0; i < grid; ++i) {
    fs[i] = target.Reference(xs[i]);
    if (fs[i] == 0 || !std::isfinite(fs[i])) return nullptr;
  }
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
  // A pole inside the interval can hide between grid points: check densely before offering the fit.
  if (!std::isfinite(MaxRelativeError(*tuned.program, target, 8 * grid))) return nullptr;
  return tuned.program;
}

ClassicalFits FitClassical(const MathTarget& target, int max_ops, const OperationWeights& weights) {
  ClassicalFits fits;
  // Horner costs grow with the degree, so the degrees that fit are 1..d.
  for (int degree = 1; degree <= max_ops; ++degree) {
    auto c = MinimaxPolynomial(target, degree);
    if (!c) continue;
    TermPtr horner = HornerProgram(*c);
    if (OperationCost(*horner, weights) > max_ops) break;
    fits.polynomials.push_back({degree, horner});
  }
  for (const auto& [total, polynomial] : fits.polynomials) {
    for (int n = 1; n <= total; ++n) {
      TermPtr rational = MinimaxRational(target, total - n, n);
      if (rational != nullptr && OperationCost(*rational, weights) <= max_ops)
        fits.rationals.push_back({total, rational});
    }
  }
  return fits;
}

}  // namespace progsearch
