// The BUSTLE spreadsheet domain: string functions with spreadsheet semantics (1-based positions,
// errors instead of SMT-LIB's total fallbacks). An error on any example makes the whole program invalid
// (EvalContext::invalid), as a #VALUE! cell would. Positions and lengths count characters (core/utf8.h);
// UPPER, LOWER and PROPER map the cased scripts that core/utf8.h lists.
#include <charconv>

#include "core/utf8.h"
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;
using kernels::MapString;

// FIND(find, within[, start]): 1-based position of `find` in `within` from `start`; an error when absent
// or when start is outside 1..LEN(within)+1.
void FindFrom(Args a, ValueColumn& out, EvalContext& ctx, const int64_t* start) {
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view needle = a[0]->string_at(i), hay = a[1]->string_at(i);
    const int64_t s = start ? start[i] : 1;
    const std::optional<size_t> at = s < 1 ? std::nullopt : FindChars(hay, needle, static_cast<uint64_t>(s - 1));
    if (!at) ctx.invalid = true;
    o[i] = at ? static_cast<int64_t>(*at) + 1 : 0;
  }
}
void Find2(Args a, ValueColumn& out, EvalContext& ctx) { FindFrom(a, out, ctx, nullptr); }
void Find3(Args a, ValueColumn& out, EvalContext& ctx) { FindFrom(a, out, ctx, a[2]->ints()); }

void Left(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* n = a[1]->ints();
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    if (n[i] < 0) {
      ctx.invalid = true;
      return;
    }
    bytes.append(CharSlice(a[0]->string_at(i), 0, static_cast<uint64_t>(n[i])));
  });
}
void Right(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* n = a[1]->ints();
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    if (n[i] < 0) {
      ctx.invalid = true;
      return;
    }
    const size_t chars = CharCount(s);
    const size_t k = std::min<uint64_t>(static_cast<uint64_t>(n[i]), chars);
    bytes.append(s.substr(ByteOffset(s, chars - k)));
  });
}
// MID(text, start, n): n characters from 1-based `start`; start < 1 or n < 0 is an error.
void Mid(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* start = a[1]->ints();
  const int64_t* n = a[2]->ints();
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i);
    if (start[i] < 1 || n[i] < 0) {
      ctx.invalid = true;
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
      ctx.invalid = true;
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
      ctx.invalid = true;
      return;
    }
    // Stop growing past the limit; MapString flags the string as too long.
    for (int64_t k = 0; k < n[i] && bytes.size() <= ctx.max_string_length + s.size(); ++k) bytes.append(s);
  });
}
// SUBSTITUTE(text, old, new[, instance]): every occurrence of `old` (or only the instance-th) replaced.
void SubstituteImpl(Args a, ValueColumn& out, EvalContext& ctx, const int64_t* instance) {
  MapString(out, ctx, a[0]->arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view s = a[0]->string_at(i), old = a[1]->string_at(i), rep = a[2]->string_at(i);
    if (instance && instance[i] < 1) {
      ctx.invalid = true;
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
void ToText(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* x = a[0]->ints();
  MapString(out, ctx, out.size() * 4, [&](size_t i, std::string& bytes) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x[i]);
    bytes.append(buf, end);
  });
}
std::optional<Type> IfSignature(std::span<const Type> got) {
  if (got.size() != 3 || got[0] != Type::Bool() || got[1] != got[2]) return std::nullopt;
  return got[1];
}

}  // namespace

void RegisterSpreadsheet(PrimitiveRegistry& r) {
  const Type s = Type::String();
  const Type i = Type::Int();
  const Type b = Type::Bool();
  // A spreadsheet function that is an SMT-LIB one under another name shares its kernel (the SMT-LIB
  // domains are registered before this one).
  auto same_as = [&r](const char* name, std::vector<Type> args) { return (*r.Resolve(name, args))->kernel; };
  r.Add(SheetOp::kAdd, {i, i}, i, same_as("+", {i, i}));
  r.Add(SheetOp::kMinus, {i, i}, i, same_as("-", {i, i}));
  r.Add(SheetOp::kConcatenate, {s, s}, s, same_as("str.++", {s, s}));
  r.Add(SheetOp::kFind, {s, s}, i, Find2);
  r.Add(SheetOp::kFind, {s, s, i}, i, Find3);
  r.Add(SheetOp::kLeft, {s, i}, s, Left);
  r.Add(SheetOp::kRight, {s, i}, s, Right);
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
  r.Add(SheetOp::kToText, {i}, s, ToText);
  r.Add(SheetOp::kExact, {s, s}, b, same_as("=", {s, s}));
  r.Add(SheetOp::kGt, {i, i}, b, same_as(">", {i, i}));
  r.Add(SheetOp::kGte, {i, i}, b, same_as(">=", {i, i}));
  r.AddFamily(SheetOp::kIf, IfSignature, same_as("ite", {b, s, s}));
}

}  // namespace progsearch
