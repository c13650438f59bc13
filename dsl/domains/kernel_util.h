// Shared plumbing for writing columnar kernels and signatures.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "dsl/primitive.h"

namespace progsearch::kernels {

using Args = std::span<const ValueColumn* const>;

// Signature helpers.
inline bool AllAre(std::span<const Type> got, const Type& t) {
  for (const Type& g : got) {
    if (g != t) return false;
  }
  return true;
}
inline SignatureFn Fixed(size_t arity, Type arg, Type result) {
  return [arity, arg, result](std::span<const Type> got) -> std::optional<Type> {
    if (got.size() != arity || !AllAre(got, arg)) return std::nullopt;
    return result;
  };
}
// At least `min_arity` arguments, all of type `arg`.
inline SignatureFn Variadic(size_t min_arity, Type arg, Type result) {
  return [min_arity, arg, result](std::span<const Type> got) -> std::optional<Type> {
    if (got.size() < min_arity || !AllAre(got, arg)) return std::nullopt;
    return result;
  };
}

// o[i] = f(a[i], b[i]) over int64 words.
template <typename F>
inline void MapInt2(Args a, ValueColumn& out, F f) {
  const int64_t* x = a[0]->ints();
  const int64_t* y = a[1]->ints();
  int64_t* o = out.ints();
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) o[i] = f(x[i], y[i]);
}
template <typename F>
inline void MapInt1(Args a, ValueColumn& out, F f) {
  const int64_t* x = a[0]->ints();
  int64_t* o = out.ints();
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) o[i] = f(x[i]);
}
template <typename F>
inline void MapBits2(Args a, ValueColumn& out, F f) {
  const uint64_t* x = a[0]->bits();
  const uint64_t* y = a[1]->bits();
  uint64_t* o = out.bits();
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) o[i] = f(x[i], y[i]);
}
template <typename F>
inline void MapFloat2(Args a, ValueColumn& out, F f) {
  const double* x = a[0]->floats();
  const double* y = a[1]->floats();
  double* o = out.floats();
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) o[i] = f(x[i], y[i]);
}

// Row i of `out` is row i of `pick_second(i) ? b : a` (ite, IF, IFERROR), cell errors included.
template <typename Pick>
inline void ChooseRows(const ValueColumn& a, const ValueColumn& b, ValueColumn& out, Pick pick_second) {
  const size_t n = out.size();
  switch (out.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec: {
      const uint64_t* x = a.bits();
      const uint64_t* y = b.bits();
      uint64_t* o = out.bits();
      for (size_t i = 0; i < n; ++i) o[i] = pick_second(i) ? y[i] : x[i];
      break;
    }
    case TypeKind::kFloat: {
      const double* x = a.floats();
      const double* y = b.floats();
      double* o = out.floats();
      for (size_t i = 0; i < n; ++i) o[i] = pick_second(i) ? y[i] : x[i];
      break;
    }
    case TypeKind::kString:
      out.ResetStrings(std::max(a.arena_bytes(), b.arena_bytes()));
      for (size_t i = 0; i < n; ++i) out.AppendString(pick_second(i) ? b.string_at(i) : a.string_at(i));
      break;
    default: {
      std::vector<Value> values;
      for (size_t i = 0; i < n; ++i) values.push_back(pick_second(i) ? b.Get(i) : a.Get(i));
      out = ValueColumn::FromValues(out.type(), values);
      return;
    }
  }
  if (a.has_errors() || b.has_errors()) {
    for (size_t i = 0; i < n; ++i) out.SetError(i, pick_second(i) ? b.error_at(i) : a.error_at(i));
  }
}

// String kernels: one string per example appended to the arena, with the length limit enforced.
template <typename F>
inline void MapString(ValueColumn& out, EvalContext& ctx, size_t reserve, F append_one) {
  out.ResetStrings(reserve);
  std::string& bytes = out.string_bytes();
  const size_t n = out.size();
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    append_one(i, bytes);
    if (bytes.size() - start > ctx.max_string_length) ctx.string_too_long = true;
    out.EndString();
    start = bytes.size();
  }
}

}  // namespace progsearch::kernels
