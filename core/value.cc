#include "core/value.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "absl/strings/str_format.h"
#include "core/str_cat.h"
#include "core/utf8.h"

namespace progsearch {

Value Value::BitVec(const Type& type, uint64_t bits) { return Value(type, bits & WidthMask(type.width())); }

Value Value::List(const Type& element, std::vector<Value> items) {
  return Value(Type::List(element), std::move(items));
}

Value Value::Error(const Type& type, CellError error) {
  Value v;
  switch (type.kind()) {
    case TypeKind::kBitVec:
      v = BitVec(type, 0);
      break;
    case TypeKind::kFloat:
      v = Float(0);
      break;
    case TypeKind::kString:
      v = String("");
      break;
    case TypeKind::kList:
      v = List(type.element(), {});
      break;
    default:
      v = Value(type, int64_t{0});
      break;
  }
  v.error_ = error;
  return v;
}

std::string EscapeString(std::string_view s) {
  std::string out;
  for (char32_t c : ToCodePoints(s)) {
    // A bare backslash could start an escape when read back; everything outside printable ASCII escaped
    // keeps the text ASCII, which every SMT-LIB tool reads.
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "\\u{%x}", static_cast<uint32_t>(c));
    }
  }
  return out;
}

std::string QuoteString(std::string_view s) {
  std::string out = "\"";
  for (char c : EscapeString(s)) {
    if (c == '"') out += '"';  // a quote is doubled inside a literal
    out += c;
  }
  return out + "\"";
}

std::string FormatFloat(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+oo" : "-oo";
  // Fixed notation: SMT-LIB decimals have no exponent. Shortest digits that read back exactly.
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string s(buf, end);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string Value::ToString() const {
  if (is_error()) return std::string(CellErrorName(error_));
  switch (type_.kind()) {
    case TypeKind::kInt: {
      int64_t v = as_int();
      if (v >= 0) return StrCat(v);
      // (- 9223372036854775808) cannot be negated in int64; print the magnitude as unsigned.
      return StrCat("(- ", uint64_t{0} - static_cast<uint64_t>(v), ")");
    }
    case TypeKind::kBool:
      return as_bool() ? "true" : "false";
    case TypeKind::kString:
      return QuoteString(as_string());
    case TypeKind::kFloat: {
      double v = as_float();
      if (std::signbit(v) && !std::isnan(v)) return StrCat("(- ", FormatFloat(-v), ")");
      return FormatFloat(v);
    }
    case TypeKind::kBitVec: {
      int w = type_.width();
      uint64_t b = as_bits();
      std::string s;
      if (w % 4 == 0) {
        s = "#x";
        for (int i = w / 4 - 1; i >= 0; --i) s += "0123456789abcdef"[(b >> (4 * i)) & 0xf];
      } else {
        s = "#b";
        for (int i = w - 1; i >= 0; --i) s += ((b >> i) & 1) ? '1' : '0';
      }
      return s;
    }
    case TypeKind::kList: {
      std::string s = "(list";
      for (const Value& v : as_list()) StrAppend(&s, " ", v.ToString());
      if (as_list().empty()) return StrCat("(as nil ", type_.ToString(), ")");
      return s + ")";
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      return "<function>";
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_ || a.error_ != b.error_) return false;
  if (a.type_.kind() == TypeKind::kFloat) {
    double x = a.as_float(), y = b.as_float();
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  return a.data_ == b.data_;
}

}  // namespace progsearch
