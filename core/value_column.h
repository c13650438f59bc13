// ValueColumn: the outputs of one program on every example, stored contiguously.
//
// Int and Bool live in int64 words, BitVec in uint64 words masked to the width, Float in doubles,
// strings in one byte arena with offsets (element i is bytes[offsets[i], offsets[i+1])), lists as
// offsets into a child column of elements. Kernels write whole columns, so numeric loops vectorize and
// a column of short strings costs two allocations, not one per string.
//
// A row may hold a spreadsheet error (core/cell_error.h) instead of a value: the column then carries one
// error byte per row, and an error row's payload is the type's zero (0, "", empty list), so equal columns
// hold equal bytes. Columns without errors carry no error bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "core/cell_error.h"
#include "core/type.h"
#include "core/value.h"

namespace progsearch {

class ValueColumn {
 public:
  static constexpr size_t kInlineElements = 16;
  ValueColumn() = default;
  // A column of `size` elements: zeros for numeric kinds, empty strings / lists otherwise.
  ValueColumn(Type type, size_t size);
  static ValueColumn FromValues(const Type& type, std::span<const Value> values);
  // A column holding `value` `size` times (how constants are evaluated).
  static ValueColumn Broadcast(const Value& value, size_t size);

  // In-place forms of the constructor and Broadcast: they keep the buffers, so an evaluator that
  // reuses its columns allocates nothing once the buffers are large enough.
  void Reset(const Type& type, size_t size);
  void Fill(const Value& value, size_t size);

  ValueColumn(const ValueColumn& other);
  ValueColumn& operator=(const ValueColumn& other);
  ValueColumn(ValueColumn&&) noexcept = default;
  ValueColumn& operator=(ValueColumn&&) noexcept = default;

  const Type& type() const { return type_; }
  size_t size() const { return size_; }

  // Numeric storage (Int, Bool: ints(); BitVec: bits(); Float: floats()).
  int64_t* ints() { return reinterpret_cast<int64_t*>(words_.data()); }
  const int64_t* ints() const { return reinterpret_cast<const int64_t*>(words_.data()); }
  uint64_t* bits() { return words_.data(); }
  const uint64_t* bits() const { return words_.data(); }
  double* floats() { return reals_.data(); }
  const double* floats() const { return reals_.data(); }

  // Strings.
  std::string_view string_at(size_t i) const {
    return std::string_view(bytes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // Writing a string column element by element: ResetStrings(), then for each element append its
  // bytes to string_bytes() and call EndString(). Exactly size() strings must be ended.
  void ResetStrings(size_t reserve_bytes = 0);
  std::string& string_bytes() { return bytes_; }
  void EndString() { offsets_.push_back(static_cast<uint32_t>(bytes_.size())); }
  void AppendString(std::string_view s) {
    bytes_.append(s);
    EndString();
  }
  size_t arena_bytes() const { return bytes_.size(); }
  // Makes this a String column of `size` elements from raw storage: `offsets` holds size+1 uint32
  // offsets (offsets[0] == 0) into `bytes` (copied, any alignment).
  void AssignStrings(size_t size, const void* offsets, const char* bytes);
  // size()+1 offsets into the arena (strings) or the element column (lists); offsets[0] == 0.
  const uint32_t* offsets() const { return offsets_.data(); }
  const char* arena() const { return bytes_.data(); }

  // Bytes this column holds on the heap and inline, for memory budgets.
  size_t footprint_bytes() const;

  // Lists: element i holds child rows [list_begin(i), list_end(i)).
  uint32_t list_begin(size_t i) const { return offsets_[i]; }
  uint32_t list_end(size_t i) const { return offsets_[i + 1]; }
  const ValueColumn& list_elements() const { return *elements_; }

  // Makes this a List column of offsets.size()-1 lists: list i holds rows [offsets[i], offsets[i+1]) of
  // `elements` (offsets[0] == 0, non-decreasing, last == elements.size()).
  void AssignList(std::vector<uint32_t> offsets, ValueColumn elements);

  // The column whose row i is `source`'s row rows[i] (any kind, nested lists included): how the
  // higher-order primitives line up a lambda's free variables with the rows its body runs on.
  static ValueColumn Gather(const ValueColumn& source, std::span<const uint32_t> rows);
  // `a`'s rows followed by `b`'s (same type).
  static ValueColumn Concat(const ValueColumn& a, const ValueColumn& b);

  // Cell errors. error_bytes() has size() bytes (CellError values) when has_errors(), else none.
  bool has_errors() const { return !errors_.empty(); }
  CellError error_at(size_t i) const { return errors_.empty() ? CellError::kNone : static_cast<CellError>(errors_[i]); }
  const uint8_t* error_bytes() const { return errors_.data(); }
  // Marks row i as holding `e` (kNone: a value again). The payload is made canonical by
  // CanonicalizeErrors(), which whoever writes error rows calls once the column is complete.
  void SetError(size_t i, CellError e);
  // Gives error rows the type's zero payload and drops the error bytes when no row holds an error.
  void CanonicalizeErrors();
  // Whether every row holds an error.
  bool all_errors() const;

  // Slow, general access for printing, tests and conversion.
  Value Get(size_t i) const;

  // Element-wise equality of values (Floats: NaN equals NaN, as in Value).
  friend bool operator==(const ValueColumn& a, const ValueColumn& b);

 private:
  Type type_;
  size_t size_ = 0;
  // Inline room for the few examples of a typical PBE task, so small columns cost no allocation.
  absl::InlinedVector<uint64_t, kInlineElements> words_;
  std::vector<double> reals_;
  std::vector<uint32_t> offsets_;
  std::string bytes_;
  std::unique_ptr<ValueColumn> elements_;
  std::vector<uint8_t> errors_;  // empty, or one CellError per row
};

}  // namespace progsearch
