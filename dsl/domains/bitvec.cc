// SMT-LIB fixed-size bit-vectors of any width 1..64, held in uint64 words masked to the width.
//
// Division by zero is defined as SMT-LIB defines it: (bvudiv s 0) is all ones, (bvurem s 0) is s,
// and the signed forms follow from their definitions in terms of the unsigned ones.
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;

inline int64_t SignExtend(uint64_t x, int w) {
  const int shift = 64 - w;
  return static_cast<int64_t>(x << shift) >> shift;
}
inline bool Negative(uint64_t x, int w) { return (x >> (w - 1)) & 1; }

inline uint64_t UDiv(uint64_t s, uint64_t t, uint64_t mask) { return t == 0 ? mask : s / t; }
inline uint64_t URem(uint64_t s, uint64_t t) { return t == 0 ? s : s % t; }

// Each op computes a full 64-bit result; the wrapper masks it to the width.
template <typename Op>
void Binary(Args a, ValueColumn& out, EvalContext&) {
  const int w = out.type().width() == 0 ? a[0]->type().width() : out.type().width();
  const uint64_t mask = WidthMask(w);
  kernels::MapBits2(a, out, [w, mask](uint64_t x, uint64_t y) { return Op::Apply(x, y, w, mask) & mask; });
}

// Comparisons write Bool (0/1 words) from two bit-vector columns.
template <typename Op>
void Compare(Args a, ValueColumn& out, EvalContext&) {
  const int w = a[0]->type().width();
  const uint64_t* x = a[0]->bits();
  const uint64_t* y = a[1]->bits();
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = Op::Apply(x[i], y[i], w);
}

#define BV_OP(NAME, EXPR)                                                 \
  struct NAME {                                                           \
    static uint64_t Apply(uint64_t x, uint64_t y, int w, uint64_t mask) { \
      (void)w;                                                            \
      (void)mask;                                                         \
      return EXPR;                                                        \
    }                                                                     \
  };
BV_OP(BvAnd, x& y)
BV_OP(BvOr, x | y)
BV_OP(BvXor, x ^ y)
BV_OP(BvAdd, x + y)
BV_OP(BvSub, x - y)
BV_OP(BvMul, x* y)
BV_OP(BvUDiv, UDiv(x, y, mask))
BV_OP(BvURem, URem(x, y))
BV_OP(BvShl, y >= static_cast<uint64_t>(w) ? 0 : x << y)
BV_OP(BvLShr, y >= static_cast<uint64_t>(w) ? 0 : x >> y)
BV_OP(BvAShr, static_cast<uint64_t>(SignExtend(x, w) >> (y >= static_cast<uint64_t>(w) ? w - 1 : y)))
BV_OP(BvNand, ~(x& y))
BV_OP(BvNor, ~(x | y))
BV_OP(BvXnor, ~(x ^ y))
#undef BV_OP

struct BvSDiv {
  static uint64_t Apply(uint64_t s, uint64_t t, int w, uint64_t mask) {
    bool ns = Negative(s, w), nt = Negative(t, w);
    uint64_t as = ns ? (0 - s) & mask : s, at = nt ? (0 - t) & mask : t;
    uint64_t q = UDiv(as, at, mask);
    return ns != nt ? 0 - q : q;
  }
};
struct BvSRem {
  static uint64_t Apply(uint64_t s, uint64_t t, int w, uint64_t mask) {
    bool ns = Negative(s, w), nt = Negative(t, w);
    uint64_t as = ns ? (0 - s) & mask : s, at = nt ? (0 - t) & mask : t;
    uint64_t r = URem(as, at);
    return ns ? 0 - r : r;
  }
};
struct BvSMod {
  static uint64_t Apply(uint64_t s, uint64_t t, int w, uint64_t mask) {
    bool ns = Negative(s, w), nt = Negative(t, w);
    uint64_t as = ns ? (0 - s) & mask : s, at = nt ? (0 - t) & mask : t;
    uint64_t u = URem(as, at);
    if (u == 0) return u;
    if (!ns && !nt) return u;
    if (ns && !nt) return (0 - u) + t;
    if (!ns && nt) return u + t;
    return 0 - u;
  }
};

#define BV_CMP(NAME, EXPR)                                \
  struct NAME {                                           \
    static int64_t Apply(uint64_t x, uint64_t y, int w) { \
      (void)w;                                            \
      return EXPR;                                        \
    }                                                     \
  };
BV_CMP(BvUlt, x < y)
BV_CMP(BvUle, x <= y)
BV_CMP(BvUgt, x > y)
BV_CMP(BvUge, x >= y)
BV_CMP(BvSlt, SignExtend(x, w) < SignExtend(y, w))
BV_CMP(BvSle, SignExtend(x, w) <= SignExtend(y, w))
BV_CMP(BvSgt, SignExtend(x, w) > SignExtend(y, w))
BV_CMP(BvSge, SignExtend(x, w) >= SignExtend(y, w))
#undef BV_CMP

void BvNot(Args a, ValueColumn& out, EvalContext&) {
  const uint64_t mask = WidthMask(out.type().width());
  const uint64_t* x = a[0]->bits();
  uint64_t* o = out.bits();
  for (size_t i = 0; i < out.size(); ++i) o[i] = ~x[i] & mask;
}
void BvNeg(Args a, ValueColumn& out, EvalContext&) {
  const uint64_t mask = WidthMask(out.type().width());
  const uint64_t* x = a[0]->bits();
  uint64_t* o = out.bits();
  for (size_t i = 0; i < out.size(); ++i) o[i] = (0 - x[i]) & mask;
}

// Bit-vector signatures: `arity` arguments of one BitVec width.
std::optional<Type> SameWidth(std::span<const Type> got, size_t arity) {
  if (got.size() != arity || !got[0].is_bitvec() || !kernels::AllAre(got, got[0])) return std::nullopt;
  return got[0];
}
SignatureFn BvFn(size_t arity) {
  return [arity](std::span<const Type> got) { return SameWidth(got, arity); };
}
std::optional<Type> BvPredicate(std::span<const Type> got) {
  if (!SameWidth(got, 2)) return std::nullopt;
  return Type::Bool();
}

}  // namespace

void RegisterBitVec(PrimitiveRegistry& r) {
  r.AddFamily(BitVecOp::kNot, BvFn(1), BvNot);
  r.AddFamily(BitVecOp::kNeg, BvFn(1), BvNeg);
  r.AddFamily(BitVecOp::kAnd, BvFn(2), Binary<BvAnd>);
  r.AddFamily(BitVecOp::kOr, BvFn(2), Binary<BvOr>);
  r.AddFamily(BitVecOp::kXor, BvFn(2), Binary<BvXor>);
  r.AddFamily(BitVecOp::kNand, BvFn(2), Binary<BvNand>);
  r.AddFamily(BitVecOp::kNor, BvFn(2), Binary<BvNor>);
  r.AddFamily(BitVecOp::kXnor, BvFn(2), Binary<BvXnor>);
  r.AddFamily(BitVecOp::kAdd, BvFn(2), Binary<BvAdd>);
  r.AddFamily(BitVecOp::kSub, BvFn(2), Binary<BvSub>);
  r.AddFamily(BitVecOp::kMul, BvFn(2), Binary<BvMul>);
  r.AddFamily(BitVecOp::kUDiv, BvFn(2), Binary<BvUDiv>);
  r.AddFamily(BitVecOp::kURem, BvFn(2), Binary<BvURem>);
  r.AddFamily(BitVecOp::kSDiv, BvFn(2), Binary<BvSDiv>);
  r.AddFamily(BitVecOp::kSRem, BvFn(2), Binary<BvSRem>);
  r.AddFamily(BitVecOp::kSMod, BvFn(2), Binary<BvSMod>);
  r.AddFamily(BitVecOp::kShl, BvFn(2), Binary<BvShl>);
  r.AddFamily(BitVecOp::kLShr, BvFn(2), Binary<BvLShr>);
  r.AddFamily(BitVecOp::kAShr, BvFn(2), Binary<BvAShr>);
  r.AddFamily(BitVecOp::kULt, BvPredicate, Compare<BvUlt>);
  r.AddFamily(BitVecOp::kULe, BvPredicate, Compare<BvUle>);
  r.AddFamily(BitVecOp::kUGt, BvPredicate, Compare<BvUgt>);
  r.AddFamily(BitVecOp::kUGe, BvPredicate, Compare<BvUge>);
  r.AddFamily(BitVecOp::kSLt, BvPredicate, Compare<BvSlt>);
  r.AddFamily(BitVecOp::kSLe, BvPredicate, Compare<BvSle>);
  r.AddFamily(BitVecOp::kSGt, BvPredicate, Compare<BvSgt>);
  r.AddFamily(BitVecOp::kSGe, BvPredicate, Compare<BvSge>);
}

}  // namespace progsearch
