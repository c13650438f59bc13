// Floats in value order as consecutive integers (negative floats first, -0 and +0 both 0), and back:
// how the exhaustive checks walk an interval's floats and the libm plans search for thresholds.
#pragma once

#include <bit>
#include <cstdint>

namespace progsearch {

inline int64_t FloatKey(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  return bits & 0x80000000u ? -static_cast<int64_t>(bits & 0x7fffffffu) : static_cast<int64_t>(bits);
}

inline float FloatFromKey(int64_t k) {
  return k < 0 ? std::bit_cast<float>(static_cast<uint32_t>(-k) | 0x80000000u)
               : std::bit_cast<float>(static_cast<uint32_t>(k));
}

}  // namespace progsearch
