// progsearch public API: the values programs compute and the error the API throws.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>

#include "progsearch/export.h"

namespace progsearch {

// The kinds of values the public API exchanges (the engine's Bool, Int (64-bit), Float (double), String
// and bit-vector sorts).
enum class ValueKind { kBool, kInt, kFloat, kString, kBitVec };

// A bit-vector of `width` bits (1 to 64): the low `width` bits of `bits`, the rest zero. Programs that
// synthesize returns for bit-vector tasks take and give these; search spaces are not built over them.
struct BitVec {
  uint64_t bits = 0;
  int width = 0;
  friend bool operator==(const BitVec& a, const BitVec& b) { return a.bits == b.bits && a.width == b.width; }
};

// One value: bool, int64_t, double, std::string or BitVec, matching ValueKind in that order.
//
// Strings are UTF-8 text of SMT-LIB characters (code points up to U+2FFFF); lengths and positions in
// programs (str.len, LEN, MID, ...) count characters, not bytes. Malformed UTF-8 or a character beyond
// U+2FFFF is refused with an Error. SMT-LIB's surrogate characters (U+D800..U+DFFF, which only an escape
// can make) travel in the generalized 3-byte form, as Python's "surrogatepass" writes them.
using Scalar = std::variant<bool, int64_t, double, std::string, BitVec>;

// The kind of `value`.
inline ValueKind KindOf(const Scalar& value) { return static_cast<ValueKind>(value.index()); }
// "Bool", "Int", "Float", "String" or "BitVec".
PROGSEARCH_API const char* KindName(ValueKind kind);

// What the API throws for bad input (an unknown operator, a probe column of the wrong kind, a
// malformed file) and for runs that cannot go on. The message says what and where.
class PROGSEARCH_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace progsearch
