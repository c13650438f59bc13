// ColumnStore: the value bank's compact storage for the columns of one type.
//
// A ValueColumn object is ~250 bytes before its data; a bank of millions of small columns would be
// mostly object headers. The store keeps only the data, back to back in large chunks (numeric words,
// string offsets and bytes), and copies a column out on demand into a caller's reusable column. The
// few columns with cell errors (spreadsheets) keep their error bytes beside the records, by slot.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/value_column.h"

namespace progsearch {

class ColumnStore {
 public:
  // Columns of `type` with `size` elements each.
  ColumnStore(Type type, size_t size);

  // Appends a copy of `column` (of this store's type and size); returns its slot.
  uint32_t Add(const ValueColumn& column);
  // Makes `out` equal to the column in `slot`, reusing out's buffers.
  void Load(uint32_t slot, ValueColumn& out) const;
  // Starts loading the record of `slot` into the CPU cache.
  void Prefetch(uint32_t slot) const {
    if (layout_ == Layout::kWords || layout_ == Layout::kFloats || layout_ == Layout::kStrings) {
      __builtin_prefetch(Record(slot));
    }
  }
  // Whether the column in `slot` equals `column` (element-wise, as ValueColumn's ==).
  bool Equals(uint32_t slot, const ValueColumn& column) const;

  size_t count() const { return count_; }
  // Bytes of column data held (chunks are allocated ahead but only touched pages count).
  size_t bytes() const { return bytes_; }

 private:
  enum class Layout { kWords, kFloats, kStrings, kOther };
  // Fixed-size records of `record_words` 64-bit words, never moved once written.
  const uint64_t* Record(uint32_t slot) const {
    return chunks_[slot / records_per_chunk_].get() + (slot % records_per_chunk_) * record_words_;
  }
  uint64_t* NewRecord();
  // String bytes: each column's bytes stay inside one chunk.
  const char* StoreBytes(const char* data, size_t size);
  // The error bytes of `slot`, or nullptr when its column has none.
  const uint8_t* ErrorsOf(uint32_t slot) const;

  Type type_;
  size_t size_;
  Layout layout_;
  size_t record_words_ = 0;
  size_t records_per_chunk_ = 0;
  std::vector<std::unique_ptr<uint64_t[]>> chunks_;
  std::vector<std::unique_ptr<char[]>> byte_chunks_;
  size_t byte_chunk_used_ = 0, byte_chunk_size_ = 0;
  // Slot -> offset of its size_ error bytes in error_bytes_, for the columns that have errors; a bit per
  // slot says which do, so that loading a column without errors never searches the map.
  absl::flat_hash_map<uint32_t, uint32_t> error_rows_;
  std::vector<uint64_t> erring_slots_;
  std::vector<uint8_t> error_bytes_;
  std::deque<ValueColumn> other_;  // lists and anything else without a compact layout
  size_t count_ = 0;
  size_t bytes_ = 0;
};

}  // namespace progsearch
