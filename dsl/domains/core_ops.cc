// SMT-LIB core theory: ite and equality at every type, Boolean connectives.
#include <cmath>
#include <cstring>

#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;

void Ite(Args a, ValueColumn& out, EvalContext&) {
  const int64_t* c = a[0]->ints();
  kernels::ChooseRows(*a[1], *a[2], out, [c](size_t i) { return c[i] == 0; });
}

// Equality of element i of two columns of the same type (SMT-LIB `=`: identity, so NaN = NaN).
void EqualColumns(const ValueColumn& x, const ValueColumn& y, int64_t* o) {
  const size_t n = x.size();
  switch (x.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec: {
      const uint64_t* p = x.bits();
      const uint64_t* q = y.bits();
      for (size_t i = 0; i < n; ++i) o[i] = p[i] == q[i];
      return;
    }
    case TypeKind::kFloat: {
      const double* p = x.floats();
      const double* q = y.floats();
      for (size_t i = 0; i < n; ++i) {
        o[i] = (std::isnan(p[i]) && std::isnan(q[i])) || std::memcmp(&p[i], &q[i], sizeof(double)) == 0;
      }
      return;
    }
    case TypeKind::kString:
      for (size_t i = 0; i < n; ++i) o[i] = x.string_at(i) == y.string_at(i);
      return;
    default:
      for (size_t i = 0; i < n; ++i) o[i] = x.Get(i) == y.Get(i);
      return;
  }
}

void Equal(Args a, ValueColumn& out, EvalContext&) { EqualColumns(*a[0], *a[1], out.ints()); }

void Distinct(Args a, ValueColumn& out, EvalContext&) {
  EqualColumns(*a[0], *a[1], out.ints());
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = !o[i];
}

void And(Args a, ValueColumn& out, EvalContext&) {
  int64_t* o = out.ints();
  const size_t n = out.size();
  std::memcpy(o, a[0]->ints(), n * sizeof(int64_t));
  for (size_t k = 1; k < a.size(); ++k) {
    const int64_t* x = a[k]->ints();
    for (size_t i = 0; i < n; ++i) o[i] &= x[i];
  }
}

void Or(Args a, ValueColumn& out, EvalContext&) {
  int64_t* o = out.ints();
  const size_t n = out.size();
  std::memcpy(o, a[0]->ints(), n * sizeof(int64_t));
  for (size_t k = 1; k < a.size(); ++k) {
    const int64_t* x = a[k]->ints();
    for (size_t i = 0; i < n; ++i) o[i] |= x[i];
  }
}

void Xor(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return x ^ y; });
}
void Implies(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return int64_t{(x == 0) | (y != 0)}; });
}
void Not(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt1(a, out, [](int64_t x) { return x ^ 1; });
}

std::optional<Type> IteSignature(std::span<const Type> got) {
  if (got.size() != 3 || got[0] != Type::Bool() || got[1] != got[2]) return std::nullopt;
  if (got[1].kind() == TypeKind::kFunction) return std::nullopt;
  return got[1];
}

std::optional<Type> EqualSignature(std::span<const Type> got) {
  if (got.size() != 2 || got[0] != got[1] || got[0].kind() == TypeKind::kFunction) return std::nullopt;
  return Type::Bool();
}

}  // namespace

void RegisterCoreOps(PrimitiveRegistry& r) {
  using kernels::Fixed;
  using kernels::Variadic;
  const Type b = Type::Bool();
  r.AddFamily(CoreOp::kIte, IteSignature, Ite);
  r.AddFamily(CoreOp::kEqual, EqualSignature, Equal);
  r.AddFamily(CoreOp::kDistinct, EqualSignature, Distinct);
  r.AddFamily(CoreOp::kAnd, Variadic(2, b, b), And);
  r.AddFamily(CoreOp::kOr, Variadic(2, b, b), Or);
  r.Add(CoreOp::kNot, {b}, b, Not);
  r.Add(CoreOp::kXor, {b, b}, b, Xor);
  r.Add(CoreOp::kImplies, {b, b}, b, Implies);
}

}  // namespace progsearch
