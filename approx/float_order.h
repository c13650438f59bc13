// Floats in value order and the distances between them: the keys the exhaustive checks walk an
// interval's floats by (and the libm plans search thresholds with), the ULP distance they report, and
// when a double reference decides the correctly rounded float.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>

namespace progsearch {

inline int64_t FloatKey(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  return bits & 0x80000000u ? -static_cast<int64_t>(bits & 0x7fffffffu) : static_cast<int64_t>(bits);
}

inline float FloatFromKey(int64_t k) {
  return k < 0 ? std::bit_cast<float>(static_cast<uint32_t>(-k) | 0x80000000u)
               : std::bit_cast<float>(static_cast<uint32_t>(k));
}

// One ULP at the float `want`: the spacing of its binade (2^-149 among the subnormals and at 0).
inline double FloatUlp(float want) {
  const float magnitude = std::fabs(want);
  if (magnitude < 0x1p-126f) return 0x1p-149;
  int exponent = 0;
  std::frexp(magnitude, &exponent);
  return std::ldexp(1.0, exponent - 24);
}

// |got - want| in ULPs of the correctly rounded `want`: 0 when they are equal or both NaN, infinite when
// only one is NaN or one is infinite.
inline double FloatUlpsBetween(float got, float want) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want) ? 0 : INFINITY;
  if (got == want) return 0;
  if (std::isinf(got) || std::isinf(want)) return INFINITY;
  return std::fabs(static_cast<double>(got) - static_cast<double>(want)) / FloatUlp(want);
}

// The float a value rounds to, from `d`, its double reference (within a few double ULPs): d rounded to
// float, unless d lies within 2^-40 of a float rounding boundary (a midpoint between floats, or where
// rounding turns to infinity), where d's own error could decide the other way; nullopt then, and for a
// d that is not finite. Double is about 29 bits more precise than float, so that is rare.
inline std::optional<float> FloatIfClear(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  const float want = static_cast<float>(d);
  const float neighbour = std::nextafter(want, d > want ? INFINITY : -INFINITY);
  const double boundary = std::isinf(want) || std::isinf(neighbour)
                              ? std::copysign(0x1.ffffffp127, d)
                              : (static_cast<double>(want) + static_cast<double>(neighbour)) / 2;
  if (std::fabs(d - boundary) <= std::ldexp(std::fabs(d), -40)) return std::nullopt;
  return want;
}

}  // namespace progsearch
