// The spreadsheet domain's text functions, with spreadsheet semantics (1-based positions, errors instead
// of SMT-LIB's total fallbacks). An error stays in its row (ValueColumn's cell errors): FIND of absent text
// is #VALUE! there and nowhere else. Positions and lengths count characters (core/utf8.h); UPPER, LOWER
// and PROPER map the cased scripts that core/utf8.h lists. The functions on numbers, truth values and
// errors are in spreadsheet_values.cc.
#include <charconv>

#include "core/utf8.h"
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"
#include "dsl/domains/spreadsheet_parts.h"

namespace progsearch {
namespace {
using kernels::Args;
using kernels::MapString;
using sheets::LowerText;

constexpr CellError kValueError = CellError::kValue;

// FIND(find, within[, start]) and SEARCH: 1-based position of `find` in `within` from `start`; #VALUE!
// when absent or when start is outside 1..LEN(within)+1. SEARCH ignores case (no wildcards).
template <bool kIgnoreCase>
void FindFrom(Args a, ValueColumn& out, const int64_t* start) {
  int64_t* o = out.ints();
  std::string needle_lower, hay_lower;
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view needle = a[0]->string_at(i), hay = a[1]->string_at(i);
    if constexpr (kIgnoreCase) {
      needle = LowerText(needle, needle_lower);
      hay = LowerText(hay, hay_lower);
    }
    const int64_t s = start ? start[i] : 1;
    const std::optional<size_t> at = s < 1 ? std::nullopt : FindChars(hay, needle, static_cast<uint64_t>(s - 1));
    if (!at) out.SetError(i, kValueError);
    o[i] = at ? static_cast<int64_t>(*at) + 1 : 0;
  }
}
void Find2(Args a, ValueColumn& out, EvalContext&) { FindFrom<false>(a, out, nullptr); }
void Find3(Args a, ValueColumn& out, EvalContext&) { FindFrom<false>(a, out, a[2]->ints()); }
void Search2(Args a, ValueColumn& out, EvalContext&) { FindFrom<true>(a, out, nullptr); }
void Search3(Args a, ValueColumn& out, EvalContext&) { FindFrom<true>(a, out, a[2]->ints()); }

// LEFT(text[, n]) and RIGHT(text[, n]): the first or last n characters (1 when n is left out); a
// negative n is #VALUE!.
template <bool kFromRight>
void Take(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* n = a.size() > 1 ? a[1]->ints() : nullptr;
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    const int64_t count = n ? n[i] : 1;
    if (count < 0) {
      out.SetError(i, kValueError);
      return;
    }
    if constexpr (kFromRight) {
      const size_t chars = CharCount(s);
      const size_t k = std::min<uint64_t>(static_cast<uint64_t>(count), chars);
      bytes.append(s.substr(ByteOffset(s, chars - k)));
    } else {
      bytes.append(CharSlice(s, 0, static_cast<uint64_t>(count)));
    }
  });
}
// MID(text, start, n): n characters from 1-based `start`; start < 1 or n < 0 is an error.
void Mid(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* start = a[1]->ints();
  const int64_t* n = a[2]->ints();
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    if (start[i] < 1 || n[i] < 0) {
      out.SetError(i, kValueError);
      return;
    }
    bytes.append(CharSlice(s, static_cast<uint64_t>(start[i] - 1), static_cast<uint64_t>(n[i])));
  });
}
// REPLACE(old, start, n, new): characters start..start+n-1 (1-based) replaced by `new`.
void Replace(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* start = a[1]->ints();
  const int64_t* n = a[2]->ints();
  MapString(out, ctx, a[0]->arena_bytes() + a[3]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    if (start[i] < 1 || n[i] < 0) {
      out.SetError(i, kValueError);
      return;
    }
    const size_t from = ByteOffset(s, static_cast<uint64_t>(start[i] - 1));
    const size_t to = from + ByteOffset(s.substr(from), static_cast<uint64_t>(n[i]));
    bytes.append(s.substr(0, from));
    bytes.append(a[3]->string_at(i));
    bytes.append(s.substr(to));
  });
}
// TRIM: no leading or trailing spaces, and single spaces between words.
void Trim(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    bool pending_space = false, any = false;
    for (char c : s) {
      if (c == ' ') {
        pending_space = any;
        continue;
      }
      if (pending_space) bytes.push_back(' ');
      pending_space = false;
      any = true;
      bytes.push_back(c);
    }
  });
}
// Calls f(code point) for each character of `s`, appending what it returns; ASCII skips the decoding.
template <typename F>
void MapCodePoints(std::string_view s, std::string& bytes, F f) {
  for (size_t pos = 0; pos < s.size();) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0x80) {
      bytes.push_back(static_cast<char>(f(char32_t{lead})));
      ++pos;
      continue;
    }
    std::optional<DecodedChar> c = DecodeUtf8(s, pos);
    if (!c) {  // held strings are valid; keep a stray byte as it is
      bytes.push_back(static_cast<char>(lead));
      ++pos;
      continue;
    }
    AppendUtf8(f(c->code), bytes);
    pos += c->size;
  }
}
template <char32_t (*F)(char32_t)>
void MapChars(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    MapCodePoints(a[0]->string_at(i), bytes, F);
  });
}
// PROPER: the first letter of every run of letters upper case, the rest lower case.
void Proper(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    bool in_word = false;
    MapCodePoints(a[0]->string_at(i), bytes, [&in_word](char32_t c) {
      const bool letter = IsLetter(c);
      const char32_t mapped = letter ? (in_word ? ToLower(c) : ToUpper(c)) : c;
      in_word = letter;
      return mapped;
    });
  });
}
void Rept(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* n = a[1]->ints();
  MapString(out, ctx, 0, [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    if (n[i] < 0) {
      out.SetError(i, kValueError);
      return;
    }
    // Stop growing past the limit; MapString flags the string as too long. Empty text repeated any
    // number of times is empty, at no cost.
    if (s.empty()) return;
    for (int64_t k = 0; k < n[i] && bytes.size() <= ctx.max_string_length + s.size(); ++k) bytes.append(s);
  });
}
// SUBSTITUTE(text, old, new[, instance]): every occurrence of `old` (or only the instance-th) replaced.
void SubstituteImpl(Args a, ValueColumn& out, EvalContext& ctx, const int64_t* instance) {
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i), old = a[1]->string_at(i), rep = a[2]->string_at(i);
    if (instance && instance[i] < 1) {
      out.SetError(i, kValueError);
      return;
    }
    if (old.empty()) {
      bytes.append(s);
      return;
    }
    size_t from = 0;
    int64_t seen = 0;
    for (size_t pos; (pos = s.find(old, from)) != std::string_view::npos;) {
      ++seen;
      bytes.append(s.substr(from, pos - from));
      bytes.append(!instance || seen == instance[i] ? rep : old);
      from = pos + old.size();
      if (bytes.size() > ctx.max_string_length) break;
    }
    if (from <= s.size()) bytes.append(s.substr(from));
  });
}
void Substitute3(Args a, ValueColumn& out, EvalContext& ctx) { SubstituteImpl(a, out, ctx, nullptr); }
void Substitute4(Args a, ValueColumn& out, EvalContext& ctx) { SubstituteImpl(a, out, ctx, a[3]->ints()); }
// CHAR(code): the character with that Unicode code point; #VALUE! for 0, surrogates and beyond U+10FFFF.
void Char(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* code = a[0]->ints();
  MapString(out, ctx, out.size() * 4, [&](size_t i, std::string& bytes) {
    const int64_t c = code[i];
    if (c < 1 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      out.SetError(i, kValueError);
      return;
    }
    AppendUtf8(static_cast<char32_t>(c), bytes);
  });
}
// CODE(text): the code point of the first character; #VALUE! for empty text.
void Code(Args a, ValueColumn& out, EvalContext&) {
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view s = a[0]->string_at(i);
    std::optional<DecodedChar> c = s.empty() ? std::nullopt : DecodeUtf8(s, 0);
    if (!c) {
      out.SetError(i, kValueError);
      o[i] = 0;
      continue;
    }
    o[i] = static_cast<int64_t>(c->code);
  }
}

}  // namespace

std::string_view sheets::LowerText(std::string_view s, std::string& buffer) {
  bool has_upper = false;
  for (char c : s) has_upper |= (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
  if (!has_upper) return s;
  buffer.clear();
  MapCodePoints(s, buffer, ToLower);
  return buffer;
}

void RegisterSpreadsheet(PrimitiveRegistry& r) {
  const Type s = Type::String();
  const Type i = Type::Int();
  // A spreadsheet function that is an SMT-LIB one under another name shares its kernel (the SMT-LIB
  // domains are registered before this one).
  auto same_as = [&r](const char* name, std::vector<Type> args) { return (*r.Resolve(name, args))->kernel; };
  r.Add(SheetOp::kAdd, {i, i}, i, same_as("+", {i, i}));
  r.Add(SheetOp::kMinus, {i, i}, i, same_as("-", {i, i}));
  r.Add(SheetOp::kConcatenate, {s, s}, s, same_as("str.++", {s, s}));
  r.Add(SheetOp::kFind, {s, s}, i, Find2);
  r.Add(SheetOp::kFind, {s, s, i}, i, Find3);
  r.Add(SheetOp::kSearch, {s, s}, i, Search2);
  r.Add(SheetOp::kSearch, {s, s, i}, i, Search3);
  r.Add(SheetOp::kLeft, {s, i}, s, Take<false>);
  r.Add(SheetOp::kLeft, {s}, s, Take<false>);
  r.Add(SheetOp::kRight, {s, i}, s, Take<true>);
  r.Add(SheetOp::kRight, {s}, s, Take<true>);
  r.Add(SheetOp::kMid, {s, i, i}, s, Mid);
  r.Add(SheetOp::kLen, {s}, i, same_as("str.len", {s}));
  r.Add(SheetOp::kReplace, {s, i, i, s}, s, Replace);
  r.Add(SheetOp::kTrim, {s}, s, Trim);
  r.Add(SheetOp::kLower, {s}, s, MapChars<ToLower>);
  r.Add(SheetOp::kUpper, {s}, s, MapChars<ToUpper>);
  r.Add(SheetOp::kProper, {s}, s, Proper);
  r.Add(SheetOp::kRept, {s, i}, s, Rept);
  r.Add(SheetOp::kSubstitute, {s, s, s}, s, Substitute3);
  r.Add(SheetOp::kSubstitute, {s, s, s, i}, s, Substitute4);
  r.Add(SheetOp::kExact, {s, s}, Type::Bool(), same_as("=", {s, s}));
  r.Add(SheetOp::kChar, {i}, s, Char);
  r.Add(SheetOp::kCode, {s}, i, Code);
  sheets::RegisterValueFunctions(r);
}

}  // namespace progsearch
