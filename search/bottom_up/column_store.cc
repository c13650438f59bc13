#include "search/bottom_up/column_store.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace progsearch {
namespace {
constexpr size_t kChunkBytes = size_t{4} << 20;
}  // namespace

ColumnStore::ColumnStore(Type type, size_t size) : type_(std::move(type)), size_(size) {
  switch (type_.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      layout_ = Layout::kWords;
      record_words_ = size_;
      break;
    case TypeKind::kFloat:
      layout_ = Layout::kFloats;
      record_words_ = size_;
      break;
    case TypeKind::kString:
      // A record: a pointer to the bytes, then the size+1 offsets packed two per word.
      layout_ = Layout::kStrings;
      record_words_ = 1 + (size_ + 2) / 2;
      break;
    default:
      layout_ = Layout::kOther;
      break;
  }
  record_words_ = std::max<size_t>(record_words_, 1);
  records_per_chunk_ = std::max<size_t>(1, kChunkBytes / (record_words_ * sizeof(uint64_t)));
}

uint64_t* ColumnStore::NewRecord() {
  const size_t slot = count_;
  if (slot % records_per_chunk_ == 0) {
    chunks_.push_back(std::make_unique_for_overwrite<uint64_t[]>(records_per_chunk_ * record_words_));
  }
  // Counted as used: untouched chunk pages cost no memory.
  bytes_ += record_words_ * sizeof(uint64_t);
  return chunks_.back().get() + (slot % records_per_chunk_) * record_words_;
}

const char* ColumnStore::StoreBytes(const char* data, size_t size) {
  if (byte_chunks_.empty() || byte_chunk_used_ + size > byte_chunk_size_) {
    byte_chunk_size_ = std::max(kChunkBytes, size);
    byte_chunks_.push_back(std::make_unique_for_overwrite<char[]>(byte_chunk_size_));
    byte_chunk_used_ = 0;
  }
  bytes_ += size;
  char* at = byte_chunks_.back().get() + byte_chunk_used_;
  if (size) std::memcpy(at, data, size);
  byte_chunk_used_ += size;
  return at;
}

const uint8_t* ColumnStore::ErrorsOf(uint32_t slot) const {
  if (slot / 64 >= erring_slots_.size() || ((erring_slots_[slot / 64] >> (slot % 64)) & 1) == 0) return nullptr;
  auto it = error_rows_.find(slot);
  return it == error_rows_.end() ? nullptr : error_bytes_.data() + it->second;
}

uint32_t ColumnStore::Add(const ValueColumn& column) {
  const uint32_t slot = static_cast<uint32_t>(count_);
  if (column.has_errors() && layout_ != Layout::kOther) {
    error_rows_.emplace(slot, static_cast<uint32_t>(error_bytes_.size()));
    if (slot / 64 >= erring_slots_.size()) erring_slots_.resize(slot / 64 + 1, 0);
    erring_slots_[slot / 64] |= uint64_t{1} << (slot % 64);
    error_bytes_.insert(error_bytes_.end(), column.error_bytes(), column.error_bytes() + size_);
    bytes_ += size_ + 2 * sizeof(uint32_t);
  }
  switch (layout_) {
    case Layout::kWords:
      std::memcpy(NewRecord(), column.bits(), size_ * sizeof(uint64_t));
      break;
    case Layout::kFloats:
      std::memcpy(NewRecord(), column.floats(), size_ * sizeof(double));
      break;
    case Layout::kStrings: {
      uint64_t* record = NewRecord();
      const char* bytes = StoreBytes(column.arena(), column.arena_bytes());
      std::memcpy(record, &bytes, sizeof bytes);
      std::memcpy(record + 1, column.offsets(), (size_ + 1) * sizeof(uint32_t));
      break;
    }
    case Layout::kOther:
      other_.push_back(column);
      bytes_ += column.footprint_bytes();
      break;
  }
  ++count_;
  return slot;
}

void ColumnStore::Load(uint32_t slot, ValueColumn& out) const {
  switch (layout_) {
    case Layout::kWords:
      out.Reset(type_, size_);
      std::memcpy(out.bits(), Record(slot), size_ * sizeof(uint64_t));
      break;
    case Layout::kFloats:
      out.Reset(type_, size_);
      std::memcpy(out.floats(), Record(slot), size_ * sizeof(double));
      break;
    case Layout::kStrings: {
      const uint64_t* record = Record(slot);
      const char* bytes;
      std::memcpy(&bytes, record, sizeof bytes);
      out.AssignStrings(size_, record + 1, bytes);
      break;
    }
    case Layout::kOther:
      out = other_[slot];
      return;
  }
  if (const uint8_t* errors = ErrorsOf(slot)) {
    for (size_t i = 0; i < size_; ++i) out.SetError(i, static_cast<CellError>(errors[i]));
  }
}

bool ColumnStore::Equals(uint32_t slot, const ValueColumn& column) const {
  if (layout_ != Layout::kOther) {
    const uint8_t* errors = ErrorsOf(slot);
    if ((errors != nullptr) != column.has_errors()) return false;
    if (errors != nullptr && std::memcmp(errors, column.error_bytes(), size_) != 0) return false;
  }
  // Compared where the record lies: this runs on every confirmed hash hit, so nothing is copied out.
  switch (layout_) {
    case Layout::kWords:
      return std::memcmp(Record(slot), column.bits(), size_ * sizeof(uint64_t)) == 0;
    case Layout::kFloats: {
      // As ValueColumn's ==: bitwise, except that every NaN equals every NaN.
      const uint64_t* record = Record(slot);
      const double* values = column.floats();
      for (size_t i = 0; i < size_; ++i) {
        double stored;
        std::memcpy(&stored, record + i, sizeof stored);
        if (std::isnan(stored) || std::isnan(values[i])) {
          if (!(std::isnan(stored) && std::isnan(values[i]))) return false;
        } else if (std::memcmp(&stored, &values[i], sizeof stored) != 0) {
          return false;
        }
      }
      return true;
    }
    case Layout::kStrings: {
      const uint64_t* record = Record(slot);
      const char* bytes;
      std::memcpy(&bytes, record, sizeof bytes);
      // Equal offsets mean equal lengths; then the bytes decide.
      return std::memcmp(record + 1, column.offsets(), (size_ + 1) * sizeof(uint32_t)) == 0 &&
             std::memcmp(bytes, column.arena(), column.arena_bytes()) == 0;
    }
    case Layout::kOther:
      return other_[slot] == column;
  }
  return false;
}

}  // namespace progsearch
