#include "hashing/functional_hash.h"

#include <cmath>
#include <cstring>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "absl/container/inlined_vector.h"

namespace progsearch {

uint64_t TypeTag(const Type& type) {
  uint64_t tag = (static_cast<uint64_t>(type.kind()) + 1) * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(type.width());
  if (type.kind() == TypeKind::kList) {
    tag = XXH3_64bits_withSeed(&tag, sizeof tag, TypeTag(type.element()));
  } else if (type.kind() == TypeKind::kFunction) {
    for (const Type& a : type.args()) tag = XXH3_64bits_withSeed(&tag, sizeof tag, TypeTag(a));
    tag = XXH3_64bits_withSeed(&tag, sizeof tag, TypeTag(type.result()));
  }
  return tag;
}

namespace {

// Quantizes to `precision` relative to the value's binary exponent: values within one quantum of each
// other usually share a bucket (those straddling a boundary do not: hashing cannot be transitive).
int64_t QuantizeFloat(double v, double precision) {
  if (std::isnan(v)) return INT64_MIN;
  if (std::isinf(v)) return v > 0 ? INT64_MAX : INT64_MIN + 1;
  if (v == 0) return 0;
  int exponent = 0;
  double mantissa = std::frexp(v, &exponent);  // |mantissa| in [0.5, 1)
  int64_t steps = static_cast<int64_t>(std::llround(mantissa / precision));
  return steps * 4096 + exponent;
}

uint64_t CanonicalFloatBits(double v) {
  if (std::isnan(v)) return 0x7ff8000000000000ull;
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

}  // namespace

uint64_t FunctionalHash(const ValueColumn& column, const HashOptions& options) {
  uint64_t seed = TypeTag(column.type()) ^ (column.size() * 0xC2B2AE3D27D4EB4Full);
  const size_t n = column.size();
  // Error rows hold a zero payload, so the error bytes tell them from real zeros; columns without
  // errors hash as they always have.
  if (column.has_errors()) seed = XXH3_64bits_withSeed(column.error_bytes(), n, seed ^ 0x27D4EB2F165667C5ull);
  switch (column.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      return XXH3_64bits_withSeed(column.bits(), n * sizeof(uint64_t), seed);
    case TypeKind::kFloat: {
      absl::InlinedVector<uint64_t, 16> canonical(n);
      const double* f = column.floats();
      if (options.float_relative_precision > 0) {
        uint64_t q;
        std::memcpy(&q, &options.float_relative_precision, sizeof q);
        seed ^= q * 0x165667B19E3779F9ull;
        for (size_t i = 0; i < n; ++i)
          canonical[i] = static_cast<uint64_t>(QuantizeFloat(f[i], options.float_relative_precision));
      } else {
        for (size_t i = 0; i < n; ++i) canonical[i] = CanonicalFloatBits(f[i]);
      }
      return XXH3_64bits_withSeed(canonical.data(), n * sizeof(uint64_t), seed);
    }
    case TypeKind::kString: {
      // Offsets determine the lengths (offsets[0] is 0), and the arena holds the bytes back to back.
      const uint64_t lengths = XXH3_64bits_withSeed(column.offsets() + 1, n * sizeof(uint32_t), seed);
      return XXH3_64bits_withSeed(column.arena(), column.arena_bytes(), lengths);
    }
    case TypeKind::kList: {
      const uint64_t elements = FunctionalHash(column.list_elements(), options);
      return XXH3_64bits_withSeed(column.offsets() + 1, n * sizeof(uint32_t), seed ^ elements);
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  return seed;
}

}  // namespace progsearch
