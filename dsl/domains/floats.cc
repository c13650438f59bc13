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
double Exp(double x) { return std::exp(x); }
double Exp2(double x) { return std::exp2(x); }
double Log(double x) { return std::log(x); }
double Log2(double x) { return std::log2(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Tanh(double x) { return std::tanh(x); }
double Erf(double x) { return std::erf(x); }
double Sqrt(double x) { return std::sqrt(x); }
double Abs(double x) { return std::fabs(x); }

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

constexpr ElementaryFunction kElementary[] = {
    {"exp", Exp, Unary<Exp>},    {"exp2", Exp2, Unary<Exp2>}, {"log", Log, Unary<Log>},
    {"log2", Log2, Unary<Log2>}, {"sin", Sin, Unary<Sin>},    {"cos", Cos, Unary<Cos>},
    {"tan", Tan, Unary<Tan>},    {"tanh", Tanh, Unary<Tanh>}, {"erf", Erf, Unary<Erf>},
};

}  // namespace

const ElementaryFunction* FindElementaryFunction(std::string_view name) {
  for (const ElementaryFunction& f : kElementary) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

void RegisterFloats(PrimitiveRegistry& r) {
  using kernels::Fixed;
  const Type f = Type::Float();
  const Type b = Type::Bool();
  r.AddFamily("+", Fixed(2, f, f), Add);
  r.AddFamily("-", Fixed(2, f, f), Sub);
  r.AddFamily("-", Fixed(1, f, f), Unary<Negate>);
  r.AddFamily("*", Fixed(2, f, f), Mul);
  r.AddFamily("/", Fixed(2, f, f), Div);
  r.Add("fma", {f, f, f}, f, Fma);
  r.Add("sqrt", {f}, f, Unary<Sqrt>);
  r.Add("fabs", {f}, f, Unary<Abs>);
  r.Add("fmin", {f, f}, f, Min);
  r.Add("fmax", {f, f}, f, Max);
  for (const ElementaryFunction& e : kElementary) r.Add(e.name, {f}, f, e.kernel);
  r.AddFamily("<", Fixed(2, f, b), Lt);
  r.AddFamily("<=", Fixed(2, f, b), Le);
  r.AddFamily(">", Fixed(2, f, b), Gt);
  r.AddFamily(">=", Fixed(2, f, b), Ge);
}

}  // namespace progsearch
