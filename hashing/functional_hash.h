// The functional hash: what a program does, not how it is written. Two programs whose output columns
// on the probe inputs are equal get the same hash, however they are spelled.
#pragma once

#include <cstdint>

#include "core/value_column.h"

namespace progsearch {

struct HashOptions {
  // Floats are quantized to this relative precision before hashing (0: exact bits, with every NaN
  // equal). The precision is mixed into the seed, so hashes made with different quanta never match.
  double float_relative_precision = 0;
};

// 64-bit XXH3 over the column's canonical bytes: a type tag, then every example's output (strings as
// their lengths followed by their bytes, floats quantized). Deterministic across runs and machines
// of the same endianness.
uint64_t FunctionalHash(const ValueColumn& column, const HashOptions& options = {});

// A stable tag for a type (absl::Hash is seeded per process, so it cannot be used here).
uint64_t TypeTag(const Type& type);

}  // namespace progsearch
