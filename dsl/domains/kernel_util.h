// Shared plumbing for writing columnar kernels and signatures.
#pragma once

#include <optional>
#include <span>

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
