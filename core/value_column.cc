#include "core/value_column.h"

#include <cmath>
#include <algorithm>
#include <cstring>

namespace progsearch {

ValueColumn::ValueColumn(Type type, size_t size) { Reset(type, size); }

void ValueColumn::Reset(const Type& type, size_t size) {
  errors_.clear();
  // Reused numeric columns keep their contents: every kernel writes every element.
  if (size == size_ && type.kind() == type_.kind() && type.kind() != TypeKind::kString &&
      type.kind() != TypeKind::kList && type == type_) {
    return;
  }
  type_ = type;
  size_ = size;
  words_.clear();
  reals_.clear();
  offsets_.clear();
  bytes_.clear();
  elements_.reset();
  switch (type_.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      words_.resize(size);
      break;
    case TypeKind::kFloat:
      reals_.resize(size);
      break;
    case TypeKind::kString:
      offsets_.assign(size + 1, 0);
      break;
    case TypeKind::kList:
      offsets_.assign(size + 1, 0);
      elements_ = std::make_unique<ValueColumn>(type_.element(), 0);
      break;
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
}

ValueColumn::ValueColumn(const ValueColumn& o)
    : type_(o.type_),
      size_(o.size_),
      words_(o.words_),
      reals_(o.reals_),
      offsets_(o.offsets_),
      bytes_(o.bytes_),
      elements_(o.elements_ ? std::make_unique<ValueColumn>(*o.elements_) : nullptr),
      errors_(o.errors_) {}

ValueColumn& ValueColumn::operator=(const ValueColumn& o) {
  if (this == &o) return *this;
  // Element-wise assignment keeps this column's buffers, so a reused column allocates nothing.
  type_ = o.type_;
  size_ = o.size_;
  words_.assign(o.words_.begin(), o.words_.end());
  reals_ = o.reals_;
  offsets_ = o.offsets_;
  bytes_ = o.bytes_;
  elements_ = o.elements_ ? std::make_unique<ValueColumn>(*o.elements_) : nullptr;
  errors_ = o.errors_;
  return *this;
}

void ValueColumn::SetError(size_t i, CellError e) {
  if (errors_.empty()) {
    if (e == CellError::kNone) return;
    errors_.assign(size_, 0);
  }
  errors_[i] = static_cast<uint8_t>(e);
}

bool ValueColumn::all_errors() const {
  if (errors_.empty() || size_ == 0) return false;
  return std::find(errors_.begin(), errors_.end(), uint8_t{0}) == errors_.end();
}

void ValueColumn::CanonicalizeErrors() {
  if (errors_.empty()) return;
  if (std::all_of(errors_.begin(), errors_.end(), [](uint8_t e) { return e == 0; })) {
    errors_.clear();
    return;
  }
  switch (type_.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      for (size_t i = 0; i < size_; ++i)
        if (errors_[i]) words_[i] = 0;
      return;
    case TypeKind::kFloat:
      for (size_t i = 0; i < size_; ++i)
        if (errors_[i]) reals_[i] = 0;
      return;
    case TypeKind::kString: {
      std::string bytes;
      bytes.reserve(bytes_.size());
      std::vector<uint32_t> offsets = {0};
      offsets.reserve(size_ + 1);
      for (size_t i = 0; i < size_; ++i) {
        if (!errors_[i]) bytes.append(string_at(i));
        offsets.push_back(static_cast<uint32_t>(bytes.size()));
      }
      bytes_ = std::move(bytes);
      offsets_ = std::move(offsets);
      return;
    }
    default: {
      // Lists: rebuilt row by row (a rare, slow path: only columns with errors take it).
      std::vector<Value> values;
      for (size_t i = 0; i < size_; ++i) values.push_back(errors_[i] ? Value::Error(type_, CellError::kNone) : Get(i));
      std::vector<uint8_t> errors = std::move(errors_);
      *this = FromValues(type_, values);
      errors_ = std::move(errors);
      return;
    }
  }
}

void ValueColumn::AssignStrings(size_t size, const void* offsets, const char* bytes) {
  Reset(Type::String(), size);
  std::memcpy(offsets_.data(), offsets, (size + 1) * sizeof(uint32_t));
  bytes_.assign(bytes, offsets_[size]);
}

void ValueColumn::AssignList(std::vector<uint32_t> offsets, ValueColumn elements) {
  Reset(Type::List(elements.type()), offsets.size() - 1);
  offsets_ = std::move(offsets);
  elements_ = std::make_unique<ValueColumn>(std::move(elements));
}

ValueColumn ValueColumn::Gather(const ValueColumn& source, std::span<const uint32_t> rows) {
  ValueColumn out(source.type(), rows.size());
  if (source.has_errors()) {
    for (size_t i = 0; i < rows.size(); ++i) out.SetError(i, source.error_at(rows[i]));
  }
  switch (source.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      for (size_t i = 0; i < rows.size(); ++i) out.words_[i] = source.words_[rows[i]];
      break;
    case TypeKind::kFloat:
      for (size_t i = 0; i < rows.size(); ++i) out.reals_[i] = source.reals_[rows[i]];
      break;
    case TypeKind::kString:
      out.ResetStrings();
      for (uint32_t r : rows) out.AppendString(source.string_at(r));
      break;
    case TypeKind::kList: {
      std::vector<uint32_t> element_rows;
      for (size_t i = 0; i < rows.size(); ++i) {
        for (uint32_t k = source.list_begin(rows[i]); k < source.list_end(rows[i]); ++k) element_rows.push_back(k);
        out.offsets_[i + 1] = static_cast<uint32_t>(element_rows.size());
      }
      out.elements_ = std::make_unique<ValueColumn>(Gather(*source.elements_, element_rows));
      break;
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  return out;
}

ValueColumn ValueColumn::Concat(const ValueColumn& a, const ValueColumn& b) {
  ValueColumn out(a.type(), a.size() + b.size());
  if (a.has_errors() || b.has_errors()) {
    for (size_t i = 0; i < a.size(); ++i) out.SetError(i, a.error_at(i));
    for (size_t i = 0; i < b.size(); ++i) out.SetError(a.size() + i, b.error_at(i));
  }
  switch (a.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      std::copy(a.words_.begin(), a.words_.end(), out.words_.begin());
      std::copy(b.words_.begin(), b.words_.end(), out.words_.begin() + a.size());
      break;
    case TypeKind::kFloat:
      std::copy(a.reals_.begin(), a.reals_.end(), out.reals_.begin());
      std::copy(b.reals_.begin(), b.reals_.end(), out.reals_.begin() + a.size());
      break;
    case TypeKind::kString:
      out.ResetStrings(a.bytes_.size() + b.bytes_.size());
      for (size_t i = 0; i < a.size(); ++i) out.AppendString(a.string_at(i));
      for (size_t i = 0; i < b.size(); ++i) out.AppendString(b.string_at(i));
      break;
    case TypeKind::kList: {
      const uint32_t shift = a.offsets_[a.size()];
      for (size_t i = 0; i < a.size(); ++i) out.offsets_[i + 1] = a.offsets_[i + 1];
      for (size_t i = 0; i < b.size(); ++i) out.offsets_[a.size() + i + 1] = shift + b.offsets_[i + 1];
      out.elements_ = std::make_unique<ValueColumn>(Concat(*a.elements_, *b.elements_));
      break;
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  return out;
}

void ValueColumn::ResetStrings(size_t reserve_bytes) {
  bytes_.clear();
  bytes_.reserve(reserve_bytes);
  offsets_.clear();
  offsets_.reserve(size_ + 1);
  offsets_.push_back(0);
}

ValueColumn ValueColumn::FromValues(const Type& type, std::span<const Value> values) {
  ValueColumn c(type, values.size());
  switch (type.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
      for (size_t i = 0; i < values.size(); ++i) c.ints()[i] = values[i].as_int();
      break;
    case TypeKind::kBitVec:
      for (size_t i = 0; i < values.size(); ++i) c.bits()[i] = values[i].as_bits();
      break;
    case TypeKind::kFloat:
      for (size_t i = 0; i < values.size(); ++i) c.floats()[i] = values[i].as_float();
      break;
    case TypeKind::kString:
      c.ResetStrings();
      for (const Value& v : values) c.AppendString(v.as_string());
      break;
    case TypeKind::kList: {
      std::vector<Value> flat;
      for (size_t i = 0; i < values.size(); ++i) {
        for (const Value& e : values[i].as_list()) flat.push_back(e);
        c.offsets_[i + 1] = static_cast<uint32_t>(flat.size());
      }
      c.elements_ = std::make_unique<ValueColumn>(FromValues(type.element(), flat));
      break;
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].is_error()) c.SetError(i, values[i].error());
  }
  return c;
}

ValueColumn ValueColumn::Broadcast(const Value& value, size_t size) {
  ValueColumn c;
  c.Fill(value, size);
  return c;
}

void ValueColumn::Fill(const Value& value, size_t size) {
  if (value.is_error()) {
    *this = FromValues(value.type(), std::vector<Value>(size, value));
    return;
  }
  switch (value.type().kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
      Reset(value.type(), 0);
      size_ = size;
      words_.assign(size, static_cast<uint64_t>(value.as_int()));
      return;
    case TypeKind::kBitVec:
      Reset(value.type(), 0);
      size_ = size;
      words_.assign(size, value.as_bits());
      return;
    case TypeKind::kFloat:
      Reset(value.type(), 0);
      size_ = size;
      reals_.assign(size, value.as_float());
      return;
    case TypeKind::kString: {
      Reset(value.type(), size);
      const std::string& s = value.as_string();
      ResetStrings(s.size() * size);
      for (size_t i = 0; i < size; ++i) AppendString(s);
      return;
    }
    default: {
      std::vector<Value> values(size, value);
      *this = FromValues(value.type(), values);
      return;
    }
  }
}

size_t ValueColumn::footprint_bytes() const {
  size_t bytes = sizeof(ValueColumn) + reals_.capacity() * sizeof(double) + offsets_.capacity() * sizeof(uint32_t) +
                 bytes_.capacity() + errors_.capacity();
  if (words_.size() > kInlineElements) bytes += words_.capacity() * sizeof(uint64_t);
  if (elements_) bytes += elements_->footprint_bytes();
  return bytes;
}

Value ValueColumn::Get(size_t i) const {
  if (error_at(i) != CellError::kNone) return Value::Error(type_, error_at(i));
  switch (type_.kind()) {
    case TypeKind::kInt:
      return Value::Int(ints()[i]);
    case TypeKind::kBool:
      return Value::Bool(ints()[i] != 0);
    case TypeKind::kBitVec:
      return Value::BitVec(type_, bits()[i]);
    case TypeKind::kFloat:
      return Value::Float(floats()[i]);
    case TypeKind::kString:
      return Value::String(std::string(string_at(i)));
    case TypeKind::kList: {
      std::vector<Value> items;
      for (uint32_t k = list_begin(i); k < list_end(i); ++k) items.push_back(elements_->Get(k));
      return Value::List(type_.element(), std::move(items));
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  return Value();
}

bool operator==(const ValueColumn& a, const ValueColumn& b) {
  if (a.type_ != b.type_ || a.size_ != b.size_) return false;
  if (a.has_errors() || b.has_errors()) {
    for (size_t i = 0; i < a.size_; ++i) {
      if (a.error_at(i) != b.error_at(i)) return false;
    }
  }
  switch (a.type_.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      return std::equal(a.words_.begin(), a.words_.end(), b.words_.begin(), b.words_.end());
    case TypeKind::kFloat:
      for (size_t i = 0; i < a.size_; ++i) {
        double x = a.reals_[i], y = b.reals_[i];
        if (std::isnan(x) || std::isnan(y)) {
          if (!(std::isnan(x) && std::isnan(y))) return false;
        } else if (std::memcmp(&x, &y, sizeof x) != 0) {
          return false;
        }
      }
      return true;
    case TypeKind::kString:
      for (size_t i = 0; i < a.size_; ++i) {
        if (a.string_at(i) != b.string_at(i)) return false;
      }
      return true;
    case TypeKind::kList:
      for (size_t i = 0; i < a.size_; ++i) {
        if (a.Get(i) != b.Get(i)) return false;
      }
      return true;
    case TypeKind::kFunction:
    case TypeKind::kVar:
      return true;
  }
  return false;
}

}  // namespace progsearch
