#include "dsl/domains/sheet_numbers.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace progsearch::sheets {
namespace {

// |v| as decimal digits (no leading zeros; "0" for zero) with the point after `point` of them:
// 12.5 is {"125", 2}, 0.05 is {"5", -1}.
struct Decimal {
  bool negative = false;
  std::string digits = "0";
  int point = 1;

  bool is_zero() const { return digits.find_first_not_of('0') == std::string::npos; }
  // Digit at position k (0 = the first of `digits`); zeros outside.
  char At(int k) const { return k >= 0 && k < static_cast<int>(digits.size()) ? digits[k] : '0'; }
};

// The 15 significant digits a spreadsheet shows of `v`, trailing zeros dropped.
Decimal ToDecimal(double v) {
  Decimal d;
  d.negative = std::signbit(v) && v != 0;
  if (v == 0) return d;
  const double magnitude = std::fabs(v);
  // Whole numbers of up to 15 digits, the common case (lengths, counts, positions), are their digits.
  if (magnitude < 1e15 && magnitude == std::floor(magnitude)) {
    d.digits = std::to_string(static_cast<int64_t>(magnitude));
    d.point = static_cast<int>(d.digits.size());
  } else {
    // As printf's %.14e (d.dddddddddddddde+XX), without its locale and long-division costs.
    char buf[64];
    const std::to_chars_result r =
        std::to_chars(buf, buf + sizeof buf, magnitude, std::chars_format::scientific, 14);
    const std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
    const size_t e = text.find('e');
    d.digits = std::string(text.substr(0, 1)) + std::string(text.substr(2, e - 2));
    d.point = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
  }
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// Rounds half away from zero, keeping `places` digits after the point.
Decimal RoundDecimal(Decimal d, int places) {
  const int keep = d.point + places;
  if (keep < 0 || d.is_zero()) return Decimal{};
  if (keep >= static_cast<int>(d.digits.size())) return d;
  const bool up = d.digits[keep] >= '5';
  std::string kept = d.digits.substr(0, keep);
  if (up) {
    int k = keep - 1;
    for (; k >= 0 && kept[k] == '9'; --k) kept[k] = '0';
    if (k >= 0) {
      ++kept[k];
    } else {
      kept.insert(kept.begin(), '1');
      ++d.point;
    }
  }
  if (kept.empty() || kept.find_first_not_of('0') == std::string::npos) return Decimal{};
  d.digits = kept;
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

double ToDouble(const Decimal& d) {
  std::string text = (d.negative ? "-0." : "0.") + d.digits + "e" + std::to_string(d.point);
  return std::strtod(text.c_str(), nullptr);
}

// The integer part's digits ("0" when there are none) and `places` fraction digits of a rounded decimal.
std::string IntegerDigits(const Decimal& d) {
  std::string s;
  for (int k = 0; k < d.point; ++k) s += d.At(k);
  const size_t first = s.find_first_not_of('0');
  return first == std::string::npos ? "0" : s.substr(first);
}
std::string FractionDigits(const Decimal& d, int places) {
  std::string s;
  for (int k = 0; k < places; ++k) s += d.At(d.point + k);
  return s;
}

std::string WithThousands(const std::string& digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Skips one literal of a format (a quoted run, a backslash escape, or one character) at `pos`,
// appending its text.
void TakeLiteral(std::string_view format, size_t& pos, std::string& out) {
  const char c = format[pos];
  if (c == '"') {
    const size_t end = format.find('"', pos + 1);
    const size_t stop = end == std::string_view::npos ? format.size() : end;
    out.append(format.substr(pos + 1, stop - pos - 1));
    pos = end == std::string_view::npos ? format.size() : end + 1;
  } else if (c == '\\' && pos + 1 < format.size()) {
    out += format[pos + 1];
    pos += 2;
  } else {
    out += c;
    ++pos;
  }
}

bool IsPlaceholder(char c) { return c == '0' || c == '#'; }

// A TEXT number format, read: the digits it shows and the literal text around them.
struct NumberFormat {
  std::string prefix, suffix;
  int min_whole = 0;   // '0' placeholders before the point: digits always shown
  int places = 0;      // placeholders after the point
  int min_places = 0;  // fraction digits always shown (up to the last '0')
  bool thousands = false, percent = false;
};

std::optional<NumberFormat> ParseFormat(std::string_view format) {
  if (format.find(';') != std::string_view::npos) return std::nullopt;  // one section only
  // The number part: from the first placeholder to the last (commas and a point inside).
  size_t first = std::string_view::npos, last = 0;
  for (size_t pos = 0; pos < format.size();) {
    const char c = format[pos];
    if (c == '"' || c == '\\') {
      std::string skipped;
      TakeLiteral(format, pos, skipped);
      continue;
    }
    if (IsPlaceholder(c)) {
      if (first == std::string_view::npos) first = pos;
      last = pos;
    }
    ++pos;
  }
  if (first == std::string_view::npos) return std::nullopt;
  const std::string_view number = format.substr(first, last - first + 1);
  for (char c : number) {
    if (!IsPlaceholder(c) && c != ',' && c != '.') return std::nullopt;
  }
  const size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
  if (fraction.find_first_of(",.") != std::string_view::npos) return std::nullopt;
  NumberFormat f;
  for (char c : whole) f.min_whole += c == '0';
  for (char c : fraction) {
    ++f.places;
    if (c == '0') f.min_places = f.places;  // a # before a 0 shows too
  }
  f.thousands = whole.find(',') != std::string_view::npos;
  for (size_t pos = 0; pos < format.size();) {
    if (pos == first) {
      pos = last + 1;
      continue;
    }
    f.percent |= format[pos] == '%';
    TakeLiteral(format, pos, pos < first ? f.prefix : f.suffix);
  }
  return f;
}

}  // namespace

std::string GeneralText(double v) {
  if (!std::isfinite(v)) return "#NUM!";
  const Decimal d = ToDecimal(v);
  if (d.is_zero()) return "0";
  const double magnitude = std::fabs(v);
  std::string out = d.negative ? "-" : "";
  if (magnitude >= 1e15 || magnitude < 1e-9) {
    out += d.digits.substr(0, 1);
    if (d.digits.size() > 1) out += "." + d.digits.substr(1);
    const int exponent = d.point - 1;
    out += exponent < 0 ? "E-" : "E+";
    const int a = std::abs(exponent);
    if (a < 10) out += '0';
    return out + std::to_string(a);
  }
  out += IntegerDigits(d);
  const int fraction = static_cast<int>(d.digits.size()) - d.point;
  if (fraction > 0) out += "." + FractionDigits(d, fraction);
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  auto trim = [](std::string_view& s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  };
  trim(text);
  if (text.empty()) return 0.0;
  bool negative = false;
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    negative = true;
    text = text.substr(1, text.size() - 2);
    trim(text);
  }
  auto take_sign = [&] {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
      negative ^= text.front() == '-';
      text.remove_prefix(1);
      return true;
    }
    return false;
  };
  auto take_currency = [&] {
    for (std::string_view sign : {"$", "\u20ac", "\u00a3", "\u00a5"}) {
      if (text.substr(0, sign.size()) == sign) {
        text.remove_prefix(sign.size());
        return true;
      }
    }
    return false;
  };
  const bool signed_first = take_sign();
  if (take_currency() && !signed_first) take_sign();
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
    trim(text);
  }
  // Digits with optional thousands commas, then a fraction and an exponent.
  std::string plain;
  size_t pos = 0, group = 0;
  bool grouped = false, digits = false;
  for (; pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == ','); ++pos) {
    if (text[pos] == ',') {
      if (!digits || (grouped && group != 3)) return std::nullopt;
      grouped = true;
      group = 0;
      continue;
    }
    plain += text[pos];
    digits = true;
    ++group;
  }
  if (grouped && group != 3) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    plain += '.';
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      plain += text[pos];
      digits = true;
    }
  }
  if (!digits) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    std::string exponent = "e";
    size_t k = pos + 1;
    if (k < text.size() && (text[k] == '-' || text[k] == '+')) exponent += text[k++];
    const size_t first = k;
    for (; k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); ++k) exponent += text[k];
    if (k == first) return std::nullopt;
    plain += exponent;
    pos = k;
  }
  if (pos != text.size()) return std::nullopt;
  double v = std::strtod(plain.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  if (percent) v /= 100;
  return negative ? -v : v;
}

double Round(double v, int places) {
  if (!std::isfinite(v)) return v;
  return ToDouble(RoundDecimal(ToDecimal(v), places));
}

std::optional<std::string> FormatNumber(double v, std::string_view format) {
  if (!std::isfinite(v)) return std::nullopt;
  const std::optional<NumberFormat> f = ParseFormat(format);
  if (!f) return std::nullopt;
  const Decimal d = RoundDecimal(ToDecimal(f->percent ? v * 100 : v), f->places);
  std::string digits = IntegerDigits(d);
  if (digits == "0") digits.clear();
  while (static_cast<int>(digits.size()) < f->min_whole) digits.insert(digits.begin(), '0');
  std::string fraction = FractionDigits(d, f->places);
  while (static_cast<int>(fraction.size()) > f->min_places && fraction.back() == '0') fraction.pop_back();
  std::string body = f->thousands ? WithThousands(digits) : digits;
  if (!fraction.empty()) body += "." + fraction;
  const bool negative = d.negative && !d.is_zero();
  return (negative ? "-" : "") + f->prefix + body + f->suffix;
}

}  // namespace progsearch::sheets
