// One value of the DSL: a constant in a program, or one example's input or output.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/cell_error.h"
#include "core/type.h"

namespace progsearch {

class Value {
 public:
  Value() : type_(Type::Int()), data_(int64_t{0}) {}
  static Value Int(int64_t v) { return Value(Type::Int(), v); }
  static Value Bool(bool v) { return Value(Type::Bool(), int64_t{v ? 1 : 0}); }
  static Value String(std::string v) { return Value(Type::String(), std::move(v)); }
  static Value Float(double v) { return Value(Type::Float(), v); }
  // `bits` is masked to the type's width.
  static Value BitVec(const Type& type, uint64_t bits);
  static Value List(const Type& element, std::vector<Value> items);
  // A spreadsheet cell's error in place of a value of `type` (kNone gives the type's zero value). Its
  // payload reads as the type's zero (0, "", false, empty list), as an error row of a column holds.
  static Value Error(const Type& type, CellError error);

  // The error this value is, or kNone for a value.
  CellError error() const { return error_; }
  bool is_error() const { return error_ != CellError::kNone; }

  const Type& type() const { return type_; }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  bool as_bool() const { return std::get<int64_t>(data_) != 0; }
  uint64_t as_bits() const { return std::get<uint64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const std::vector<Value>& as_list() const { return std::get<std::vector<Value>>(data_); }

  // SMT-LIB literal: 5, (- 5), true, #x0f, #b101, "a""b", 1.5, (list 1 2); an error prints as the
  // spreadsheet shows it (#VALUE!), which no SMT-LIB reader takes.
  std::string ToString() const;

  // Floats compare bitwise-by-value with NaN equal to NaN, so a column of NaN matches itself.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  using Data = std::variant<int64_t, uint64_t, double, std::string, std::vector<Value>>;
  Value(Type type, Data data) : type_(std::move(type)), data_(std::move(data)) {}
  Type type_;
  Data data_;
  CellError error_ = CellError::kNone;
};

// Mask with the low `width` bits set (width 1..64).
inline uint64_t WidthMask(int width) { return width >= 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1; }

// A UTF-8 string as SMT-LIB string-literal text without the quotes: characters outside printable ASCII,
// and the backslash, become \u{X}. What Z3_mk_string reads.
std::string EscapeString(std::string_view s);
// Quotes a UTF-8 string as an SMT-LIB literal: EscapeString's text with `"` doubled, between quotes.
std::string QuoteString(std::string_view s);

// Shortest fixed-notation decimal that reads back to the same double, always with a '.'.
std::string FormatFloat(double v);

}  // namespace progsearch
