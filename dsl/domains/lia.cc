// SMT-LIB Ints on int64 columns. Results that leave int64 set EvalContext::int_overflow instead of
// wrapping, so a program is never credited with a value SMT-LIB would not give it.
#include <cstring>

#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;

// Wrapping arithmetic with overflow bits accumulated branch-free, so the loops vectorize.
inline int64_t AddWrap(int64_t x, int64_t y, uint64_t& ovf) {
  uint64_t r = static_cast<uint64_t>(x) + static_cast<uint64_t>(y);
  ovf |= ((static_cast<uint64_t>(x) ^ r) & (static_cast<uint64_t>(y) ^ r)) >> 63;
  return static_cast<int64_t>(r);
}
inline int64_t SubWrap(int64_t x, int64_t y, uint64_t& ovf) {
  uint64_t r = static_cast<uint64_t>(x) - static_cast<uint64_t>(y);
  ovf |= ((static_cast<uint64_t>(x) ^ static_cast<uint64_t>(y)) & (static_cast<uint64_t>(x) ^ r)) >> 63;
  return static_cast<int64_t>(r);
}

template <int64_t (*Op)(int64_t, int64_t, uint64_t&)>
void FoldInts(Args a, ValueColumn& out, EvalContext& ctx) {
  const size_t n = out.size();
  int64_t* o = out.ints();
  uint64_t ovf = 0;
  const int64_t* x = a[0]->ints();
  const int64_t* y = a[1]->ints();
  for (size_t i = 0; i < n; ++i) o[i] = Op(x[i], y[i], ovf);
  for (size_t k = 2; k < a.size(); ++k) {
    const int64_t* z = a[k]->ints();
    for (size_t i = 0; i < n; ++i) o[i] = Op(o[i], z[i], ovf);
  }
  if (ovf) ctx.int_overflow = true;
}

inline int64_t MulChecked(int64_t x, int64_t y, uint64_t& ovf) {
  int64_t r;
  ovf |= __builtin_mul_overflow(x, y, &r);
  return r;
}

void Neg(Args a, ValueColumn& out, EvalContext& ctx) {
  uint64_t ovf = 0;
  kernels::MapInt1(a, out, [&ovf](int64_t x) { return SubWrap(0, x, ovf); });
  if (ovf) ctx.int_overflow = true;
}

void Abs(Args a, ValueColumn& out, EvalContext& ctx) {
  uint64_t ovf = 0;
  kernels::MapInt1(a, out, [&ovf](int64_t x) {
    ovf |= x == INT64_MIN;
    return x < 0 ? static_cast<int64_t>(uint64_t{0} - static_cast<uint64_t>(x)) : x;
  });
  if (ovf) ctx.int_overflow = true;
}

// Euclidean division (SMT-LIB): x = y*q + r with 0 <= r < |y|. SMT-LIB leaves division by zero
// unspecified; we fix (div x 0) = 0 and (mod x 0) = x, as cvc5 does, and the Z3 encoding says the same.
inline int64_t EuclidDiv(int64_t x, int64_t y, uint64_t& ovf) {
  if (y == 0) return 0;
  if (x == INT64_MIN && y == -1) {
    ovf = 1;
    return 0;
  }
  int64_t q = x / y, r = x % y;
  if (r < 0) q += y > 0 ? -1 : 1;
  return q;
}
inline int64_t EuclidMod(int64_t x, int64_t y) {
  if (y == 0) return x;
  if (y == -1) return 0;
  int64_t r = x % y;
  if (r < 0) {
    // |y| computed unsigned: y may be INT64_MIN, whose negation does not fit.
    uint64_t abs_y = y > 0 ? static_cast<uint64_t>(y) : uint64_t{0} - static_cast<uint64_t>(y);
    r = static_cast<int64_t>(static_cast<uint64_t>(r) + abs_y);
  }
  return r;
}

void Div(Args a, ValueColumn& out, EvalContext& ctx) {
  uint64_t ovf = 0;
  kernels::MapInt2(a, out, [&ovf](int64_t x, int64_t y) { return EuclidDiv(x, y, ovf); });
  if (ovf) ctx.int_overflow = true;
}
void Mod(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return EuclidMod(x, y); });
}

void Lt(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return int64_t{x < y}; });
}
void Le(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return int64_t{x <= y}; });
}
void Gt(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return int64_t{x > y}; });
}
void Ge(Args a, ValueColumn& out, EvalContext&) {
  kernels::MapInt2(a, out, [](int64_t x, int64_t y) { return int64_t{x >= y}; });
}

}  // namespace

void RegisterLia(PrimitiveRegistry& r) {
  using kernels::Fixed;
  using kernels::Variadic;
  const Type i = Type::Int();
  const Type b = Type::Bool();
  r.AddFamily(IntOp::kAdd, Variadic(2, i, i), FoldInts<AddWrap>);
  r.AddFamily(IntOp::kNeg, Fixed(1, i, i), Neg);
  r.AddFamily(IntOp::kSub, Variadic(2, i, i), FoldInts<SubWrap>);
  r.AddFamily(IntOp::kMul, Variadic(2, i, i), FoldInts<MulChecked>);
  r.Add(IntOp::kDiv, {i, i}, i, Div);
  r.Add(IntOp::kMod, {i, i}, i, Mod);
  r.Add(IntOp::kAbs, {i}, i, Abs);
  r.AddFamily(IntOp::kLt, Fixed(2, i, b), Lt);
  r.AddFamily(IntOp::kLe, Fixed(2, i, b), Le);
  r.AddFamily(IntOp::kGt, Fixed(2, i, b), Gt);
  r.AddFamily(IntOp::kGe, Fixed(2, i, b), Ge);
}

}  // namespace progsearch
