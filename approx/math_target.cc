#include "approx/math_target.h"

#include <mpfr.h>

#include <cmath>
#include <thread>
#include <span>
#include <variant>
#include <vector>

#include "core/str_cat.h"
#include "dsl/primitive.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

constexpr mpfr_prec_t kPrecision = 256;

// RAII for mpfr_t.
struct Big {
  mpfr_t v;
  Big() { mpfr_init2(v, kPrecision); }
  ~Big() { mpfr_clear(v); }
  Big(const Big&) = delete;
  Big& operator=(const Big&) = delete;
};

using Unary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
using Binary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);
using Ternary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);

// MPFR's function for each Float operator, by arity (one of the three is set), or none at all.
struct MpfrFunction {
  Unary unary = nullptr;
  Binary binary = nullptr;
  Ternary ternary = nullptr;
};

MpfrFunction MpfrFunctionOf(FloatOp op) {
  switch (op) {
    case FloatOp::kAdd:
      return {.binary = mpfr_add};
    case FloatOp::kSub:
      return {.binary = mpfr_sub};
    case FloatOp::kNeg:
      return {.unary = mpfr_neg};
    case FloatOp::kMul:
      return {.binary = mpfr_mul};
    case FloatOp::kDiv:
      return {.binary = mpfr_div};
    case FloatOp::kFma:
      return {.ternary = mpfr_fma};
    case FloatOp::kSqrt:
      return {.unary = mpfr_sqrt};
    case FloatOp::kAbs:
      return {.unary = mpfr_abs};
    // C's fmin / fmax return the other operand for a NaN, as mpfr_min / mpfr_max do.
    case FloatOp::kMin:
      return {.binary = mpfr_min};
    case FloatOp::kMax:
      return {.binary = mpfr_max};
    case FloatOp::kExp:
      return {.unary = mpfr_exp};
    case FloatOp::kExp2:
      return {.unary = mpfr_exp2};
    case FloatOp::kLog:
      return {.unary = mpfr_log};
    case FloatOp::kLog2:
      return {.unary = mpfr_log2};
    case FloatOp::kSin:
      return {.unary = mpfr_sin};
    case FloatOp::kCos:
      return {.unary = mpfr_cos};
    case FloatOp::kTan:
      return {.unary = mpfr_tan};
    case FloatOp::kTanh:
      return {.unary = mpfr_tanh};
    case FloatOp::kErf:
      return {.unary = mpfr_erf};
    // Comparisons are Bool-valued: no Float reference.
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      return {};
  }
  return {};
}

// Evaluates `t` with Variable(i) = vars[i] into `out` with MPFR (round to nearest at every step, 256
// bits). NaN for anything MPFR does not evaluate (Supported() rules that out beforehand).
void EvalBig(const Term& t, std::span<const Big> vars, mpfr_t out) {
  switch (t.kind()) {
    case TermKind::kVariable:
      if (t.index() < 0 || static_cast<size_t>(t.index()) >= vars.size()) {
        mpfr_set_nan(out);
      } else {
        mpfr_set(out, vars[t.index()].v, MPFR_RNDN);
      }
      return;
    case TermKind::kConstant:
      if (t.type() == Type::Float()) {
        mpfr_set_d(out, t.value().as_float(), MPFR_RNDN);
      } else {
        mpfr_set_si(out, static_cast<long>(t.value().as_int()), MPFR_RNDN);
      }
      return;
    case TermKind::kApply:
      break;
    default:
      mpfr_set_nan(out);
      return;
  }
  const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
  const MpfrFunction f = op ? MpfrFunctionOf(*op) : MpfrFunction{};
  Big a, b, c;
  const size_t arity = t.args().size();
  if (arity >= 1) EvalBig(*t.args()[0], vars, a.v);
  if (arity >= 2) EvalBig(*t.args()[1], vars, b.v);
  if (arity >= 3) EvalBig(*t.args()[2], vars, c.v);
  if (f.unary && arity == 1) {
    f.unary(out, a.v, MPFR_RNDN);
  } else if (f.binary && arity == 2) {
    f.binary(out, a.v, b.v, MPFR_RNDN);
  } else if (f.ternary && arity == 3) {
    f.ternary(out, a.v, b.v, c.v, MPFR_RNDN);
  } else {
    mpfr_set_nan(out);
  }
}

double EvalDouble(const Term& t, std::span<const double> values) {
  std::vector<Big> vars(values.size());
  for (size_t i = 0; i < values.size(); ++i) mpfr_set_d(vars[i].v, values[i], MPFR_RNDN);
  Big out;
  EvalBig(t, vars, out.v);
  return mpfr_get_d(out.v, MPFR_RNDN);
}

const char* NamedTarget(std::string_view name) {
  if (name == "exp") return "(exp x)";
  if (name == "exp2") return "(exp2 x)";
  // log 10 in MPFR at full precision, not a double constant.
  if (name == "exp10") return "(exp (* x (log 10.0)))";
  if (name == "log10") return "(/ (log x) (log 10.0))";
  if (name == "log") return "(log x)";
  if (name == "log2") return "(log2 x)";
  if (name == "erf") return "(erf x)";
  if (name == "sin") return "(sin x)";
  if (name == "cos") return "(cos x)";
  if (name == "tan") return "(tan x)";
  if (name == "tanh") return "(tanh x)";
  if (name == "sigmoid") return "(/ 1.0 (+ 1.0 (exp (- x))))";
  if (name == "sqrt") return "(sqrt x)";
  if (name == "rsqrt") return "(/ 1.0 (sqrt x))";
  return nullptr;
}

// Whether MPFR evaluates every operator of `t`; `bad` names the first one it does not.
bool Supported(const Term& t, std::string* bad) {
  if (t.kind() == TermKind::kApply) {
    const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
    if (op == nullptr || !HasMpfrReference(*op)) {
      *bad = t.op()->name;
      return false;
    }
  } else if (t.kind() != TermKind::kVariable && t.kind() != TermKind::kConstant) {
    *bad = "a lambda or grammar hole";
    return false;
  }
  for (const TermPtr& a : t.args()) {
    if (!Supported(*a, bad)) return false;
  }
  return true;
}

}  // namespace

void ReleaseReferenceCaches() { mpfr_free_cache(); }

void RunReferenceThreads(int threads, const std::function<void(int)>& work) {
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) {
    pool.emplace_back([&work, t] {
      work(t);
      ReleaseReferenceCaches();
    });
  }
  work(0);
  for (std::thread& th : pool) th.join();
}

bool HasMpfrReference(FloatOp op) {
  const MpfrFunction f = MpfrFunctionOf(op);
  return f.unary || f.binary || f.ternary;
}

absl::StatusOr<double> EvaluateExactly(const Term& program, std::span<const double> variables) {
  std::string bad;
  if (!Supported(program, &bad)) {
    return absl::UnimplementedError(StrCat("'", bad, "' cannot be evaluated exactly (MPFR)"));
  }
  return EvalDouble(program, variables);
}

double MathTarget::Reference(double x) const {
  const double xs[] = {x};
  return EvalDouble(*expression, xs);
}

std::pair<double, double> MathTarget::ReferenceSplit(double x) const {
  Big bx, out, rest;
  mpfr_set_d(bx.v, x, MPFR_RNDN);
  EvalBig(*expression, std::span<const Big>(&bx, 1), out.v);
  const double hi = mpfr_get_d(out.v, MPFR_RNDN);
  if (!std::isfinite(hi)) return {hi, 0};
  mpfr_sub_d(rest.v, out.v, hi, MPFR_RNDN);
  return {hi, mpfr_get_d(rest.v, MPFR_RNDN)};
}

float MathTarget::ReferenceFloat(float x) const {
  Big bx, out;
  mpfr_set_flt(bx.v, x, MPFR_RNDN);
  EvalBig(*expression, std::span<const Big>(&bx, 1), out.v);
  return mpfr_get_flt(out.v, MPFR_RNDN);
}

absl::StatusOr<MathTarget> ParseMathTarget(std::string_view target, double low, double high) {
  if (!(low < high) || !std::isfinite(low) || !std::isfinite(high)) {
    return absl::InvalidArgumentError(StrCat("the interval [", low, ", ", high, "] is empty or not finite"));
  }
  const char* named = NamedTarget(target);
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<target>");
  auto term = reader.ReadText(named ? std::string_view(named) : target);
  if (!term.ok()) {
    return absl::InvalidArgumentError(StrCat(
        term.status().message(),
        " (a target is one of exp exp2 exp10 log log2 log10 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression over x)"));
  }
  if ((*term)->type() != Type::Float()) {
    return absl::InvalidArgumentError(
        StrCat("<target>: the target must be a Float expression of x, this one is ", (*term)->type().ToString()));
  }
  std::string bad;
  if (!Supported(**term, &bad)) {
    return absl::InvalidArgumentError(StrCat("<target>: '", bad, "' cannot be evaluated exactly (MPFR)"));
  }
  MathTarget t;
  t.name = std::string(target);
  t.expression = *std::move(term);
  t.low = low;
  t.high = high;
  return t;
}

}  // namespace progsearch
