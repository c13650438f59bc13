#include "approx/certify.h"

#include <arb.h>
#include <arb_hypgeom.h>
#include <arb_poly.h>

#include <algorithm>
#include <cfenv>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "absl/strings/str_format.h"
#include "approx/float_tape.h"
#include "approx/input_shift.h"
#include "core/deadline.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/primitive.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

constexpr double kUnit = 0x1p-53;     // the relative error of a rounding to nearest double
constexpr double kTiny = 0x1p-1074;   // the absolute error of a rounding into the subnormals

// RAII for Arb's types.
struct Ball {
  arb_t v;
  Ball() { arb_init(v); }
  ~Ball() { arb_clear(v); }
  Ball(const Ball&) = delete;
  Ball& operator=(const Ball&) = delete;
};
struct Series {
  arb_poly_t p;
  Series() { arb_poly_init(p); }
  ~Series() { arb_poly_clear(p); }
  Series(const Series&) = delete;
  Series& operator=(const Series&) = delete;
};

// An upper bound of |b| as a double (rounded up; infinity when b is not finite).
double AbsUpper(const arb_t b) {
  if (!arb_is_finite(b)) return INFINITY;
  arf_t u;
  arf_init(u);
  arb_get_abs_ubound_arf(u, b, 64);
  const double d = arf_get_d(u, ARF_RND_UP);
  arf_clear(u);
  return d;
}
// A lower bound of |b| as a double (rounded down; 0 when b holds 0).
double AbsLower(const arb_t b) {
  if (!arb_is_finite(b)) return 0;
  arf_t l;
  arf_init(l);
  arb_get_abs_lbound_arf(l, b, 64);
  const double d = arf_get_d(l, ARF_RND_DOWN);
  arf_clear(l);
  return d;
}

// memo[&t], computed by `compute` the first time (which may fill the memo for t's operands meanwhile).
template <typename V, typename F>
V Memoized(std::unordered_map<const Term*, V>& memo, const Term& t, F compute) {
  auto found = memo.find(&t);
  if (found != memo.end()) return found->second;
  const V v = compute();
  memo[&t] = v;
  return v;
}

// The ball that holds [lo, hi].
void SetInterval(arb_t x, double lo, double hi, slong precision) {
  arf_t a, b;
  arf_init(a);
  arf_init(b);
  arf_set_d(a, lo);
  arf_set_d(b, hi);
  arb_set_interval_arf(x, a, b, precision);
  arf_clear(a);
  arf_clear(b);
}

// numerator / min |b| over the ball b, rounded up; infinity when b holds 0. In Arb's exponent range, not
// double's: min |b| may lie below the smallest subnormal.
double RatioUpper(double numerator, const arb_t b) {
  if (!arb_is_finite(b) || arb_contains_zero(b)) return INFINITY;
  arf_t below, num, q;
  arf_init(below);
  arf_init(num);
  arf_init(q);
  arb_get_abs_lbound_arf(below, b, 64);
  arf_set_d(num, numerator);
  arf_div(q, num, below, 64, ARF_RND_UP);
  const double r = arf_get_d(q, ARF_RND_UP);
  arf_clear(below);
  arf_clear(num);
  arf_clear(q);
  return r;
}

const FloatOp* FloatOpOf(const Term& t) { return std::get_if<FloatOp>(&t.op()->opcode); }

// The Taylor series (length n) of every node of a program at a ball x, each node once.
class SeriesEvaluator {
 public:
  SeriesEvaluator(const arb_t x, slong n, slong precision) : n_(n), precision_(precision) { arb_set(x_.v, x); }

  // Null when a node has no series here (a quotient by a ball that holds 0, an abs at a sign change).
  const Series* Of(const Term& t) {
    return Memoized(memo_, t, [&] { return Compute(t); });
  }

 private:
  const Series* Compute(const Term& t) {
    auto owned = std::make_unique<Series>();
    arb_poly_struct* out = owned->p;
    switch (t.kind()) {
      case TermKind::kVariable:
        arb_poly_set_coeff_arb(out, 0, x_.v);
        if (n_ > 1) arb_poly_set_coeff_si(out, 1, 1);
        break;
      case TermKind::kConstant: {
        Ball c;
        arb_set_d(c.v, t.value().as_float());
        arb_poly_set_coeff_arb(out, 0, c.v);
        break;
      }
      default: {
        const FloatOp* op = FloatOpOf(t);
        if (op == nullptr) return nullptr;
        std::vector<const Series*> args;
        for (const TermPtr& a : t.args()) {
          const Series* s = Of(*a);
          if (s == nullptr) return nullptr;
          args.push_back(s);
        }
        if (!Apply(*op, args, out)) return nullptr;
      }
    }
    Ball c0;
    arb_poly_get_coeff_arb(c0.v, out, 0);
    if (!arb_is_finite(c0.v)) return nullptr;
    nodes_.push_back(std::move(owned));
    return nodes_.back().get();
  }

  bool Apply(FloatOp op, const std::vector<const Series*>& a, arb_poly_struct* out) {
    const slong n = n_, prec = precision_;
    auto c0 = [](const Series* s, arb_t into) { arb_poly_get_coeff_arb(into, s->p, 0); };
    switch (op) {
      case FloatOp::kAdd:
        arb_poly_add(out, a[0]->p, a[1]->p, prec);
        return true;
      case FloatOp::kSub:
        arb_poly_sub(out, a[0]->p, a[1]->p, prec);
        return true;
      case FloatOp::kNeg:
        arb_poly_neg(out, a[0]->p);
        return true;
      case FloatOp::kMul:
        arb_poly_mullow(out, a[0]->p, a[1]->p, n, prec);
        return true;
      case FloatOp::kDiv: {
        Ball d;
        c0(a[1], d.v);
        if (arb_contains_zero(d.v)) return false;
        arb_poly_div_series(out, a[0]->p, a[1]->p, n, prec);
        return true;
      }
      case FloatOp::kFma: {
        Series product;
        arb_poly_mullow(product.p, a[0]->p, a[1]->p, n, prec);
        arb_poly_add(out, product.p, a[2]->p, prec);
        return true;
      }
      case FloatOp::kSqrt: {
        Ball d;
        c0(a[0], d.v);
        if (!arb_is_positive(d.v)) return false;
        arb_poly_sqrt_series(out, a[0]->p, n, prec);
        return true;
      }
      case FloatOp::kAbs: {
        Ball d;
        c0(a[0], d.v);
        if (arb_is_positive(d.v)) {
          arb_poly_set(out, a[0]->p);
        } else if (arb_is_negative(d.v)) {
          arb_poly_neg(out, a[0]->p);
        } else {
          return false;
        }
        return true;
      }
      case FloatOp::kMin:
      case FloatOp::kMax: {
        Ball l, r;
        c0(a[0], l.v);
        c0(a[1], r.v);
        const bool less = arb_lt(l.v, r.v), greater = arb_gt(l.v, r.v);
        if (!less && !greater) return false;
        arb_poly_set(out, a[(op == FloatOp::kMin) == less ? 0 : 1]->p);
        return true;
      }
      case FloatOp::kExp:
        arb_poly_exp_series(out, a[0]->p, n, prec);
        return true;
      case FloatOp::kExp2: {
        Ball log2;
        arb_const_log2(log2.v, prec);
        Series scaled;
        arb_poly_scalar_mul(scaled.p, a[0]->p, log2.v, prec);
        arb_poly_exp_series(out, scaled.p, n, prec);
        return true;
      }
      case FloatOp::kLog:
      case FloatOp::kLog2: {
        Ball d;
        c0(a[0], d.v);
        if (!arb_is_positive(d.v)) return false;
        arb_poly_log_series(out, a[0]->p, n, prec);
        if (op == FloatOp::kLog2) {
          Ball log2;
          arb_const_log2(log2.v, prec);
          arb_poly_scalar_div(out, out, log2.v, prec);
        }
        return true;
      }
      case FloatOp::kSin:
        arb_poly_sin_series(out, a[0]->p, n, prec);
        return true;
      case FloatOp::kCos:
        arb_poly_cos_series(out, a[0]->p, n, prec);
        return true;
      case FloatOp::kTan:
        arb_poly_tan_series(out, a[0]->p, n, prec);
        return true;
      case FloatOp::kTanh: {
        // tanh(a) = 1 - 2 / (exp(2a) + 1): no cancellation in the denominator.
        Series doubled, e, denominator, two, quotient;
        arb_poly_scalar_mul_2exp_si(doubled.p, a[0]->p, 1);
        arb_poly_exp_series(e.p, doubled.p, n, prec);
        arb_poly_add_si(denominator.p, e.p, 1, prec);
        arb_poly_set_si(two.p, 2);
        arb_poly_div_series(quotient.p, two.p, denominator.p, n, prec);
        arb_poly_neg(quotient.p, quotient.p);
        arb_poly_add_si(out, quotient.p, 1, prec);
        return true;
      }
      case FloatOp::kErf:
        arb_hypgeom_erf_series(out, a[0]->p, n, prec);
        return true;
      case FloatOp::kLt:
      case FloatOp::kLe:
      case FloatOp::kGt:
      case FloatOp::kGe:
        return false;
    }
    return false;
  }

  Ball x_;
  slong n_, precision_;
  std::vector<std::unique_ptr<Series>> nodes_;
  std::unordered_map<const Term*, const Series*> memo_;
};

// Rounds every operation of a block upwards, restoring the caller's mode after.
class RoundUpward {
 public:
  RoundUpward() : saved_(std::fegetround()) { std::fesetround(FE_UPWARD); }
  ~RoundUpward() { std::fesetround(saved_); }

 private:
  int saved_;
};

// The forward error analysis of the double evaluation over a piece: each node's accumulated error bound,
// from the enclosures (the series' constant terms) of its operands. Infinity where it does not apply.
class RoundingAnalysis {
 public:
  explicit RoundingAnalysis(SeriesEvaluator& values) : values_(values) {}

  double ErrorOf(const Term& t) {
    return Memoized(memo_, t, [&] { return Compute(t); });
  }

 private:
  // sup |value| over the piece.
  double Sup(const Term& t) {
    const Series* s = values_.Of(t);
    if (s == nullptr) return INFINITY;
    Ball c;
    arb_poly_get_coeff_arb(c.v, s->p, 0);
    return AbsUpper(c.v);
  }
  double Inf(const Term& t) {
    const Series* s = values_.Of(t);
    if (s == nullptr) return 0;
    Ball c;
    arb_poly_get_coeff_arb(c.v, s->p, 0);
    return AbsLower(c.v);
  }

  double Compute(const Term& t) {
    if (t.kind() == TermKind::kVariable || t.kind() == TermKind::kConstant) return 0;  // exact doubles
    const FloatOp* op = FloatOpOf(t);
    if (op == nullptr) return INFINITY;
    std::vector<double> d, sup;
    for (const TermPtr& a : t.args()) {
      d.push_back(ErrorOf(*a));
      sup.push_back(Sup(*a));
    }
    const double value = Sup(t);
    // A node that may reach 2^1023 may overflow in double: the analysis assumes no overflow.
    if (!(value < 0x1p1023)) return INFINITY;
    for (double e : d) {
      if (!std::isfinite(e)) return INFINITY;
    }
    RoundUpward up;
    double propagated = 0, tiny = 0;
    switch (*op) {
      case FloatOp::kAdd:
      case FloatOp::kSub:
        propagated = d[0] + d[1];
        break;
      case FloatOp::kNeg:
      case FloatOp::kAbs:
        return d[0];
      case FloatOp::kMin:
      case FloatOp::kMax:
        return std::max(d[0], d[1]);
      case FloatOp::kMul:
        propagated = sup[0] * d[1] + sup[1] * d[0] + d[0] * d[1];
        tiny = kTiny;
        break;
      case FloatOp::kFma:
        propagated = sup[0] * d[1] + sup[1] * d[0] + d[0] * d[1] + d[2];
        tiny = kTiny;
        break;
      case FloatOp::kDiv: {
        // |a'/b' - a/b| <= (|a - a'| + |a/b| |b - b'|) / |b'|, with |b'| >= inf|b| - d_b (rounded down).
        const double below = -(d[1] - Inf(*t.args()[1]));
        if (!(below > 0)) return INFINITY;
        propagated = (d[0] + value * d[1]) / below;
        tiny = kTiny;
        break;
      }
      case FloatOp::kSqrt: {
        // |sqrt(a') - sqrt(a)| = |a' - a| / (sqrt(a') + sqrt(a)) <= d_a / sqrt(inf a - d_a).
        const double below = -(d[0] - Inf(*t.args()[0]));
        if (!(below > 0)) return INFINITY;
        // sqrt is correctly rounded (upwards here): one step down is below the true root.
        propagated = d[0] / std::nextafter(std::sqrt(below), 0.0);
        break;
      }
      default:
        return INFINITY;  // elementary functions: libm's rounding is not specified
    }
    // A result that cannot be subnormal rounds within a relative 2^-53; only a subnormal one may err by
    // the absolute 2^-1075.
    if (Inf(t) >= 0x1p-1022) tiny = 0;
    return propagated + kUnit * (value + propagated) + tiny;
  }

  SeriesEvaluator& values_;
  std::unordered_map<const Term*, double> memo_;
};

// The double program in interval arithmetic with outward rounding over the extended reals: an enclosure
// of every IEEE result on the piece, infinities a later operation absorbs included.
struct Interval {
  double lo, hi;
};

class IeeeIntervals {
 public:
  IeeeIntervals(double lo, double hi) : x_{lo, hi} {}

  // Empty (lo > hi) when some x may produce a NaN.
  Interval Of(const Term& t) {
    return Memoized(memo_, t, [&] { return Compute(t); });
  }

 private:
  static constexpr Interval kNone{INFINITY, -INFINITY};
  static bool None(const Interval& v) { return !(v.lo <= v.hi); }

  template <typename F>
  static double Rounded(int mode, F f) {
    const int saved = std::fegetround();
    std::fesetround(mode);
    const double r = f();
    std::fesetround(saved);
    return r;
  }

  // A product or quotient is monotone in each operand on a box that excludes a zero divisor: its extremes
  // lie at the corners, rounded down for the low end and up for the high one.
  template <typename F>
  static Interval Corners(const Interval& a, const Interval& b, F f) {
    const double corners[4][2] = {{a.lo, b.lo}, {a.lo, b.hi}, {a.hi, b.lo}, {a.hi, b.hi}};
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& c : corners) {
      const double down = Rounded(FE_DOWNWARD, [&] { return f(c[0], c[1]); });
      const double up = Rounded(FE_UPWARD, [&] { return f(c[0], c[1]); });
      if (std::isnan(down) || std::isnan(up)) return kNone;
      lo = std::min(lo, down);
      hi = std::max(hi, up);
    }
    return {lo, hi};
  }
  static Interval Products(const Interval& a, const Interval& b) {
    return Corners(a, b, [](double x, double y) { return x * y; });
  }

  Interval Compute(const Term& t) {
    if (t.kind() == TermKind::kVariable) return x_;
    if (t.kind() == TermKind::kConstant) return {t.value().as_float(), t.value().as_float()};
    const FloatOp* op = FloatOpOf(t);
    if (op == nullptr) return kNone;
    std::vector<Interval> a;
    for (const TermPtr& arg : t.args()) {
      a.push_back(Of(*arg));
      if (None(a.back())) return kNone;
    }
    Interval r = kNone;
    switch (*op) {
      case FloatOp::kAdd:
        r = {Rounded(FE_DOWNWARD, [&] { return a[0].lo + a[1].lo; }), Rounded(FE_UPWARD, [&] { return a[0].hi + a[1].hi; })};
        break;
      case FloatOp::kSub:
        r = {Rounded(FE_DOWNWARD, [&] { return a[0].lo - a[1].hi; }), Rounded(FE_UPWARD, [&] { return a[0].hi - a[1].lo; })};
        break;
      case FloatOp::kNeg:
        r = {-a[0].hi, -a[0].lo};
        break;
      case FloatOp::kAbs:
        r = a[0].lo >= 0 ? a[0] : a[0].hi <= 0 ? Interval{-a[0].hi, -a[0].lo} : Interval{0, std::max(-a[0].lo, a[0].hi)};
        break;
      case FloatOp::kMin:
        r = {std::min(a[0].lo, a[1].lo), std::min(a[0].hi, a[1].hi)};
        break;
      case FloatOp::kMax:
        r = {std::max(a[0].lo, a[1].lo), std::max(a[0].hi, a[1].hi)};
        break;
      case FloatOp::kMul:
        r = Products(a[0], a[1]);
        break;
      case FloatOp::kFma: {
        // RN(ab + c) lies between RD(RD(ab) + c) and RU(RU(ab) + c): rounding is monotone.
        const Interval p = Products(a[0], a[1]);
        if (None(p)) return kNone;
        r = {Rounded(FE_DOWNWARD, [&] { return p.lo + a[2].lo; }), Rounded(FE_UPWARD, [&] { return p.hi + a[2].hi; })};
        break;
      }
      case FloatOp::kDiv: {
        if (a[1].lo <= 0 && a[1].hi >= 0) return kNone;
        r = Corners(a[0], a[1], [](double x, double y) { return x / y; });
        break;
      }
      case FloatOp::kSqrt:
        if (a[0].lo < 0) return kNone;
        r = {Rounded(FE_DOWNWARD, [&] { return std::sqrt(a[0].lo); }), Rounded(FE_UPWARD, [&] { return std::sqrt(a[0].hi); })};
        break;
      default:
        return kNone;
    }
    if (std::isnan(r.lo) || std::isnan(r.hi)) return kNone;
    return r;
  }

  Interval x_;
  std::unordered_map<const Term*, Interval> memo_;
};

struct Piece {
  double lo, hi;
  int depth;
};

// What one piece gives: its bound, and the exact error at its centre (where known).
struct PieceBound {
  double bound = INFINITY;
  double centre_error = 0;
  double variation = INFINITY;  // the Taylor bound's part that splitting can shrink
  double rounding = 0;
  double approximation = INFINITY;
};

class Certifier {
 public:
  Certifier(const Term& program, const MathTarget& target, const CertifyOptions& options)
      : program_(program), target_(target), options_(options) {}

  // Relative error bound of the double program on [lo, hi] by Taylor models and rounding analysis, or
  // by IEEE intervals, whichever is smaller.
  PieceBound Bound(double lo, double hi) {
    PieceBound out;
    const double centre = lo + (hi - lo) / 2;
    const slong n = options_.taylor_terms;
    // Near 0, 1 + x needs as many more bits as x has leading zeros, or log(1 + x) is a ball around 0.
    precision_ = options_.precision + std::max(0, -std::ilogb(std::max(std::fabs(lo), std::fabs(hi))));
    Ball c, x, e0;
    arb_set_d(c.v, centre);
    // The ball [lo, hi]: its midpoint and a radius that covers both ends.
    SetInterval(x.v, lo, hi, precision_);
    Series at_centre, over_piece;
    const bool centre_ok = ErrorSeries(c.v, n, at_centre.p, nullptr, nullptr);
    double rounding = INFINITY;
    Ball target_value;
    SeriesEvaluator values(x.v, n + 1, precision_);
    const bool piece_ok = centre_ok && ErrorSeries(x.v, n + 1, over_piece.p, &values, target_value.v);
    if (centre_ok) {
      arb_poly_get_coeff_arb(e0.v, at_centre.p, 0);
      out.centre_error = AbsLower(e0.v);
    }
    if (piece_ok) {
      RoundingAnalysis analysis(values);
      rounding = RatioUpper(analysis.ErrorOf(program_), target_value.v);
    }
    if (piece_ok && std::isfinite(rounding)) {
      const auto [first, variation] = TaylorBound(at_centre.p, over_piece.p, n, lo, hi);
      RoundUpward up;
      out.bound = first + variation + rounding;
      out.variation = variation;
      out.rounding = rounding;
      out.approximation = first + variation;
    }
    const double ieee = IeeeBound(lo, hi, piece_ok ? target_value.v : nullptr);
    if (ieee < out.bound) {
      // The smaller bound counts; where a Taylor model exists, its variation still says whether
      // splitting can help (IEEE intervals shrink with the piece but never below the rounding).
      const bool taylor = std::isfinite(out.bound);
      out.bound = ieee;
      out.approximation = std::min(out.approximation, ieee);
      if (!taylor) {
        out.variation = ieee;
        out.rounding = 0;
      }
    }
    return out;
  }

  // x = ±0 exactly, in IEEE arithmetic: a c/x there is infinite and a later operation absorbs it.
  double PointBound(double x) {
    std::optional<FloatTape> code = FloatTape::Compile(program_);
    if (!code) return INFINITY;  // CertifyRelativeError admits only programs a tape runs
    std::vector<double> values(code->num_nodes());
    const double got = code->Run<double>(x, code->parameters().data(), values.data());
    const auto [want, want_lo] = target_.ReferenceSplit(x);
    if (!std::isfinite(got)) return INFINITY;
    if (want == 0) return got == 0 ? 0 : INFINITY;
    RoundUpward up;
    return (std::fabs(got - want) + std::fabs(want_lo)) / std::fabs(want) * (1 + 0x1p-50);
  }

 private:
  // The Taylor model's bound on |P/f - 1| over [lo, hi] from the n coefficients at the centre and the
  // n-th over the piece: (|e_0(c)|, sum of the rest |e_k| h^k), each rounded up. In balls, not doubles:
  // a high coefficient can pass the double range near 0 while its product with h^k is tiny.
  std::pair<double, double> TaylorBound(const arb_poly_t at_centre, const arb_poly_t over_piece, slong n, double lo,
                                        double hi) {
    Ball h, power, first, rest, term;
    double half = 0;
    {
      RoundUpward up;
      half = (hi - lo) / 2;
    }
    arb_set_d(h.v, half);
    arb_one(power.v);
    for (slong k = 0; k <= n; ++k) {
      arb_poly_get_coeff_arb(term.v, k < n ? at_centre : over_piece, k);
      arb_abs(term.v, term.v);
      arb_mul(term.v, term.v, power.v, precision_);
      arb_t& sum = k == 0 ? first.v : rest.v;
      arb_add(sum, sum, term.v, precision_);
      arb_mul(power.v, power.v, h.v, precision_);
    }
    return {AbsUpper(first.v), AbsUpper(rest.v)};
  }

  // The series of P/f - 1 at `at`; with `values`, P's nodes are evaluated there (for the rounding
  // analysis) and `target_value` receives f's enclosure over `at`.
  bool ErrorSeries(const arb_t at, slong n, arb_poly_struct* out, SeriesEvaluator* values, arb_t target_value) {
    std::unique_ptr<SeriesEvaluator> own;
    if (values == nullptr) {
      own = std::make_unique<SeriesEvaluator>(at, n, precision_);
      values = own.get();
    }
    SeriesEvaluator target_values(at, n, precision_);
    const Series* p = values->Of(program_);
    const Series* f = target_values.Of(*target_.expression);
    if (p == nullptr || f == nullptr) return false;
    Ball f0;
    arb_poly_get_coeff_arb(f0.v, f->p, 0);
    if (arb_contains_zero(f0.v)) return false;
    if (target_value != nullptr) arb_set(target_value, f0.v);
    arb_poly_div_series(out, p->p, f->p, n, precision_);
    arb_poly_add_si(out, out, -1, precision_);
    return true;
  }

  // `target_value`: f's enclosure over [lo, hi] where the Taylor model computed it, else null.
  double IeeeBound(double lo, double hi, const arb_struct* target_value) {
    IeeeIntervals run(lo, hi);
    const Interval y = run.Of(program_);
    if (!(y.lo <= y.hi)) return INFINITY;
    Ball f0, distance, other;
    if (target_value != nullptr) {
      arb_set(f0.v, target_value);
    } else {
      Ball x;
      SetInterval(x.v, lo, hi, precision_);
      SeriesEvaluator target_values(x.v, 1, precision_);
      const Series* f = target_values.Of(*target_.expression);
      if (f == nullptr) return INFINITY;
      arb_poly_get_coeff_arb(f0.v, f->p, 0);
    }
    if (arb_contains_zero(f0.v)) return INFINITY;
    // max |y - f| over y in Y, f in F, over min |f|.
    Ball ylo, yhi;
    arb_set_d(ylo.v, y.lo);
    arb_set_d(yhi.v, y.hi);
    if (!std::isfinite(y.lo) || !std::isfinite(y.hi)) return INFINITY;
    arb_sub(distance.v, yhi.v, f0.v, precision_);
    arb_sub(other.v, ylo.v, f0.v, precision_);
    const double worst = std::max(AbsUpper(distance.v), AbsUpper(other.v));
    return RatioUpper(worst, f0.v);
  }

  const Term& program_;
  const MathTarget& target_;
  const CertifyOptions& options_;
  slong precision_ = 0;
};

// The interval cut where it touches or nears 0: at 0, then by binade, so that no piece holds 0 and
// every piece spans at most a factor 2 near it.
// `smallest`: the smallest magnitude the pieces reach (the subnormals, or the normal doubles only).
std::vector<Piece> InitialPieces(double lo, double hi, double smallest, bool& holds_zero) {
  std::vector<Piece> pieces;
  holds_zero = lo <= 0 && hi >= 0;
  auto side = [&pieces, smallest](double a, double b, double sign) {  // 0 <= a < b, pieces of sign * [a, b]
    double top = b;
    while (top > a && top > smallest) {
      int exponent = 0;
      std::frexp(top, &exponent);
      double bottom = std::ldexp(1.0, exponent - 1);
      if (bottom >= top) bottom = top / 2;
      bottom = std::max(bottom, a);
      if (bottom < smallest) bottom = smallest;
      if (bottom < top) pieces.push_back(sign > 0 ? Piece{bottom, top, 0} : Piece{-top, -bottom, 0});
      top = bottom;
      // Far from 0 (a/b above a half) one piece is enough.
      if (a > 0 && top <= a) break;
    }
  };
  if (lo >= 0) {
    side(lo, hi, 1);
  } else if (hi <= 0) {
    side(-hi, -lo, -1);
  } else {
    side(0, -lo, -1);
    side(0, hi, 1);
  }
  return pieces;
}

}  // namespace

namespace {
absl::Status CheckCertifiable(const Term& t) {
  if (t.kind() == TermKind::kVariable || t.kind() == TermKind::kConstant) return absl::OkStatus();
  const FloatOp* op = FloatOpOf(t);
  if (op == nullptr || !TapeEvaluates(*op)) {
    return absl::UnimplementedError(StrCat("'", t.op()->name, "' cannot be certified: its rounding in double is not "
                                           "specified (only + - * / fma sqrt fabs fmin fmax are)"));
  }
  for (const TermPtr& a : t.args()) {
    if (absl::Status s = CheckCertifiable(*a); !s.ok()) return s;
  }
  return absl::OkStatus();
}
}  // namespace

namespace {

// CertifyRelativeError without the shifted-input split: the program as it stands, over the target's
// whole interval.
absl::StatusOr<Certificate> CertifyDirectly(const Term& program, const MathTarget& target,
                                            const CertifyOptions& options) {
  if (absl::Status s = CheckCertifiable(program); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  Certifier certifier(program, target, options);
  Certificate out;
  bool holds_zero = false;
  // Where the target vanishes at 0, the relative error of a double result at a subnormal x is a matter
  // of the subnormals' spacing, which the rounding analysis can only bound by about 1: those x are left
  // out, and the certificate says so.
  out.subnormals_excluded = target.low <= 0 && target.high >= 0 && target.Reference(0.0) == 0;
  std::vector<Piece> stack =
      InitialPieces(target.low, target.high, out.subnormals_excluded ? 0x1p-1022 : kTiny, holds_zero);
  double bound = 0;
  if (holds_zero) {
    bound = std::max(certifier.PointBound(0.0), certifier.PointBound(-0.0));
    if (!std::isfinite(bound)) {
      out.reason = "at x = 0 the program or the relative error is not finite";
      out.bound = INFINITY;
      return out;
    }
  }
  // The pieces in increasing x, depth first: the largest error seen grows as the work goes on.
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    if (StopRequested(options.interrupt)) return absl::CancelledError("certification interrupted");
    const Piece piece = stack.back();
    stack.pop_back();
    if (++out.pieces > options.max_pieces) {
      out.reason = StrCat("more than ", options.max_pieces, " pieces");
      out.bound = INFINITY;
      return out;
    }
    const PieceBound b = certifier.Bound(piece.lo, piece.hi);
    out.lower = std::max(out.lower, b.centre_error);
    const double accept = out.lower * (1 + options.tightness);
    const bool tight = b.bound <= accept || b.variation <= options.tightness * (b.centre_error + b.rounding);
    const double middle = piece.lo + (piece.hi - piece.lo) / 2;
    // A piece with no bound at all after many bisections will not get one from more: a pole, a zero of
    // the target the program misses.
    const int depth_limit = std::isfinite(b.bound) ? options.max_depth : std::min(options.max_depth, 24);
    const bool can_split = piece.depth < depth_limit && middle > piece.lo && middle < piece.hi;
    if (tight || !can_split) {
      if (!std::isfinite(b.bound)) {
        out.reason = absl::StrFormat("no bound on [%a, %a]", piece.lo, piece.hi);
        out.bound = INFINITY;
        return out;
      }
      bound = std::max(bound, b.bound);
      out.rounding = std::max(out.rounding, b.rounding);
      out.approximation = std::max(out.approximation, b.approximation);
      continue;
    }
    stack.push_back({middle, piece.hi, piece.depth + 1});
    stack.push_back({piece.lo, middle, piece.depth + 1});
  }
  out.certified = true;
  out.bound = bound;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

// The certificate of a program over several pieces of the interval, from the pieces' own.
void Join(Certificate& into, const Certificate& piece) {
  if (!piece.certified && into.reason.empty()) into.reason = piece.reason;
  into.certified = into.certified && piece.certified;
  into.bound = std::max(into.bound, piece.bound);
  into.lower = std::max(into.lower, piece.lower);
  into.rounding = std::max(into.rounding, piece.rounding);
  into.approximation = std::max(into.approximation, piece.approximation);
  into.pieces += piece.pieces;
  into.seconds += piece.seconds;
  into.subnormals_excluded = into.subnormals_excluded || piece.subnormals_excluded;
}

MathTarget Restricted(const MathTarget& target, double low, double high) {
  MathTarget part = target;
  part.low = low;
  part.high = high;
  return part;
}

}  // namespace

absl::StatusOr<Certificate> CertifyRelativeError(const Term& program, const MathTarget& target,
                                                 const CertifyOptions& options) {
  const auto split = SplitShiftedInput(program);
  if (!split) return CertifyDirectly(program, target, options);
  // A program of t = x - c (discover --centre): where x is within a factor 2 of c, x - c is exact
  // (Sterbenz), so the program there is exactly P(t) at t = x - c, and P is certified against
  // f(t + c) in t, where a c/t term's pole sits at 0 and the binade cuts reach it. Elsewhere |x - c| is
  // at least |c|/2 and the program is certified as it stands, the shift's rounding included.
  const auto& [inner, c] = *split;
  const double exact_low = std::max(target.low, c > 0 ? c / 2 : 2 * c);
  const double exact_high = std::min(target.high, c > 0 ? 2 * c : c / 2);
  if (!(exact_low < exact_high)) return CertifyDirectly(program, target, options);
  Certificate out;
  out.certified = true;
  for (const auto& [low, high] : {std::pair{target.low, exact_low}, std::pair{exact_high, target.high}}) {
    if (!(low < high)) continue;
    ASSIGN_OR_RETURN(const Certificate part, CertifyDirectly(program, Restricted(target, low, high), options));
    Join(out, part);
  }
  const MathTarget g = ShiftedTarget(Restricted(target, exact_low, exact_high), c);
  ASSIGN_OR_RETURN(Certificate part, CertifyDirectly(*inner, g, options));
  // t = x - c is 0 or at least half an ULP of c: never subnormal unless c is within 2^62 of them.
  if (std::fabs(c) >= 0x1p-960) part.subnormals_excluded = false;
  Join(out, part);  // an uncertified piece's bound is infinite, and so is the whole's
  return out;
}

}  // namespace progsearch
