#include "dsl/math_target.h"

#include <mpfr.h>

#include <cmath>

#include "core/str_cat.h"
#include "dsl/domains/domains.h"
#include "dsl/primitive.h"
#include "dsl/primitive_registry.h"
#include "dsl/program_reader.h"

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

// Evaluates `t` at x into `out` with MPFR (round to nearest at every step, 256 bits).
void EvalBig(const Term& t, const mpfr_t x, mpfr_t out) {
  switch (t.kind()) {
    case TermKind::kVariable:
      mpfr_set(out, x, MPFR_RNDN);
      return;
    case TermKind::kConstant:
      if (t.type() == Type::Float()) {
        mpfr_set_d(out, t.value().as_float(), MPFR_RNDN);
      } else {
        mpfr_set_si(out, static_cast<long>(t.value().as_int()), MPFR_RNDN);
      }
      return;
    default:
      break;
  }
  const std::string& op = t.op()->name;
  if (t.op()->kind == PrimitiveKind::kMacro) {
    // Macros do not occur in targets read by ParseMathTarget.
    mpfr_set_nan(out);
    return;
  }
  Big a, b, c;
  const size_t arity = t.args().size();
  if (arity >= 1) EvalBig(*t.args()[0], x, a.v);
  if (arity >= 2) EvalBig(*t.args()[1], x, b.v);
  if (arity >= 3) EvalBig(*t.args()[2], x, c.v);
  if (op == "+")
    mpfr_add(out, a.v, b.v, MPFR_RNDN);
  else if (op == "-" && arity == 2)
    mpfr_sub(out, a.v, b.v, MPFR_RNDN);
  else if (op == "-")
    mpfr_neg(out, a.v, MPFR_RNDN);
  else if (op == "*")
    mpfr_mul(out, a.v, b.v, MPFR_RNDN);
  else if (op == "/")
    mpfr_div(out, a.v, b.v, MPFR_RNDN);
  else if (op == "fma")
    mpfr_fma(out, a.v, b.v, c.v, MPFR_RNDN);
  else if (op == "sqrt")
    mpfr_sqrt(out, a.v, MPFR_RNDN);
  else if (op == "fabs")
    mpfr_abs(out, a.v, MPFR_RNDN);
  else if (op == "exp")
    mpfr_exp(out, a.v, MPFR_RNDN);
  else if (op == "exp2")
    mpfr_exp2(out, a.v, MPFR_RNDN);
  else if (op == "log")
    mpfr_log(out, a.v, MPFR_RNDN);
  else if (op == "log2")
    mpfr_log2(out, a.v, MPFR_RNDN);
  else if (op == "sin")
    mpfr_sin(out, a.v, MPFR_RNDN);
  else if (op == "cos")
    mpfr_cos(out, a.v, MPFR_RNDN);
  else if (op == "tan")
    mpfr_tan(out, a.v, MPFR_RNDN);
  else if (op == "tanh")
    mpfr_tanh(out, a.v, MPFR_RNDN);
  else if (op == "erf")
    mpfr_erf(out, a.v, MPFR_RNDN);
  else
    mpfr_set_nan(out);
}

const char* NamedTarget(std::string_view name) {
  if (name == "exp") return "(exp x)";
  if (name == "exp2") return "(exp2 x)";
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

// Operators MPFR evaluates above; anything else in a target is refused.
bool Supported(const Term& t, std::string* bad) {
  if (t.kind() == TermKind::kApply) {
    static const char* kArithmetic[] = {"+", "-", "*", "/", "fma", "sqrt", "fabs"};
    const std::string& name = t.op()->name;
    const bool known = std::find(std::begin(kArithmetic), std::end(kArithmetic), name) != std::end(kArithmetic) ||
                       FindElementaryFunction(name) != nullptr;
    if (!known || t.op()->kind != PrimitiveKind::kBuiltin) {
      *bad = t.op()->name;
      return false;
    }
  }
  for (const TermPtr& a : t.args()) {
    if (!Supported(*a, bad)) return false;
  }
  return true;
}

}  // namespace

double MathTarget::Reference(double x) const {
  Big bx, out;
  mpfr_set_d(bx.v, x, MPFR_RNDN);
  EvalBig(*expression, bx.v, out.v);
  return mpfr_get_d(out.v, MPFR_RNDN);
}

float MathTarget::ReferenceFloat(float x) const {
  Big bx, out;
  mpfr_set_flt(bx.v, x, MPFR_RNDN);
  EvalBig(*expression, bx.v, out.v);
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
        " (a target is one of exp exp2 log log2 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression over x)"));
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
