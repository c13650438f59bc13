// Float: IEEE-754 binary64 with round-to-nearest-even, i.e. SMT-LIB's Float64 under RNE.
#include <cmath>

#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;

void Add(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return x + y; });
}
void Sub(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return x - y; });
}
void Mul(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return x * y; });
}
void Div(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return x / y; });
}
void Min(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return std::fmin(x, y); });
}
void Max(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapFloat2(a, out, [](double x, double y) { return std::fmax(x, y); });
}

void Fma(Args a, ValueColumn& out, EvalContext&) {
  const double* x = a[0]->floats();
  const double* y = a[1]->floats();
  const double* z = a[2]->floats();
  double* o = out.floats();
  for (size_t i = 0; i < out.size(); ++i) o[i] = std::fma(x[i], y[i], z[i]);
}

template <double (*F)(double)>
void Unary(Args a, ValueColumn& out, EvalContext&) {
  const double* x = a[0]->floats();
  double* o = out.floats();
  for (size_t i = 0; i < out.size(); ++i) o[i] = F(x[i]);
}
double Negate(double x) { return -x; }
double Sqrt(double x) { return std::sqrt(x); }
double Abs(double x) { return std::fabs(x); }

// libm's elementary functions: one kernel per operator, whose loop calls the function directly.
template <FloatOp op>
void Elementary(Args a, ValueColumn& out, EvalContext&) {
  const double* x = a[0]->floats();
  double* o = out.floats();
  for (size_t i = 0; i < out.size(); ++i) o[i] = EvaluateElementary(op, x[i]);
}

template <typename F>
void Compare(Args a, ValueColumn& out, F f) {
  const double* x = a[0]->floats();
  const double* y = a[1]->floats();
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = f(x[i], y[i]);
}
void Lt(Args a, ValueColumn& out, EvalContext&) {
  Compare(a, out, [](double x, double y) { return x < y; });
}
void Le(Args a, ValueColumn& out, EvalContext&) {
  Compare(a, out, [](double x, double y) { return x <= y; });
}
void Gt(Args a, ValueColumn& out, EvalContext&) {
  Compare(a, out, [](double x, double y) { return x > y; });
}
void Ge(Args a, ValueColumn& out, EvalContext&) {
  Compare(a, out, [](double x, double y) { return x >= y; });
}

}  // namespace

void RegisterFloats(PrimitiveRegistry& r) {
  using kernels::Fixed;
  const Type f = Type::Float();
  const Type b = Type::Bool();
  r.AddFamily(FloatOp::kAdd, Fixed(2, f, f), Add);
  r.AddFamily(FloatOp::kSub, Fixed(2, f, f), Sub);
  r.AddFamily(FloatOp::kNeg, Fixed(1, f, f), Unary<Negate>);
  r.AddFamily(FloatOp::kMul, Fixed(2, f, f), Mul);
  r.AddFamily(FloatOp::kDiv, Fixed(2, f, f), Div);
  r.Add(FloatOp::kFma, {f, f, f}, f, Fma);
  r.Add(FloatOp::kSqrt, {f}, f, Unary<Sqrt>);
  r.Add(FloatOp::kAbs, {f}, f, Unary<Abs>);
  r.Add(FloatOp::kMin, {f, f}, f, Min);
  r.Add(FloatOp::kMax, {f, f}, f, Max);
  r.Add(FloatOp::kExp, {f}, f, Elementary<FloatOp::kExp>);
  r.Add(FloatOp::kExp2, {f}, f, Elementary<FloatOp::kExp2>);
  r.Add(FloatOp::kLog, {f}, f, Elementary<FloatOp::kLog>);
  r.Add(FloatOp::kLog2, {f}, f, Elementary<FloatOp::kLog2>);
  r.Add(FloatOp::kSin, {f}, f, Elementary<FloatOp::kSin>);
  r.Add(FloatOp::kCos, {f}, f, Elementary<FloatOp::kCos>);
  r.Add(FloatOp::kTan, {f}, f, Elementary<FloatOp::kTan>);
  r.Add(FloatOp::kTanh, {f}, f, Elementary<FloatOp::kTanh>);
  r.Add(FloatOp::kErf, {f}, f, Elementary<FloatOp::kErf>);
  r.AddFamily(FloatOp::kLt, Fixed(2, f, b), Lt);
  r.AddFamily(FloatOp::kLe, Fixed(2, f, b), Le);
  r.AddFamily(FloatOp::kGt, Fixed(2, f, b), Gt);
  r.AddFamily(FloatOp::kGe, Fixed(2, f, b), Ge);
}

}  // namespace progsearch
