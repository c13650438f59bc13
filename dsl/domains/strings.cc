// SMT-LIB strings held as UTF-8 in one arena per column (core/utf8.h): lengths and positions count
// characters; containment, replacement and order work on the bytes, which UTF-8 makes equivalent.
//
// SMT-LIB 2.6 semantics throughout: out-of-range positions give "" or -1 rather than errors,
// str.replace with an empty pattern prepends, str.to_int of a non-digit string is -1,
// str.from_int of a negative number is "".
#include <charconv>

#include "core/utf8.h"
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {
using kernels::Args;
using kernels::MapString;

void Concat(Args a, ValueColumn& out, EvalContext& ctx) {
  size_t reserve = 0;
  for (const ValueColumn* c : a) reserve += c->arena_bytes();
  MapString(out, ctx, reserve, [&](size_t i, std::string& bytes) {
    for (const ValueColumn* c : a) bytes.append(c->string_at(i));
  });
}

void Len(Args a, ValueColumn& out, EvalContext&) {
  const ValueColumn& s = *a[0];
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = static_cast<int64_t>(CharCount(s.string_at(i)));
}

void At(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& s = *a[0];
  const int64_t* k = a[1]->ints();
  MapString(out, ctx, out.size(), [&](size_t i, std::string& bytes) {
    if (k[i] >= 0) bytes.append(CharSlice(s.string_at(i), static_cast<uint64_t>(k[i]), 1));
  });
}

void Substr(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& s = *a[0];
  const int64_t* start = a[1]->ints();
  const int64_t* len = a[2]->ints();
  MapString(out, ctx, s.arena_bytes(), [&](size_t i, std::string& bytes) {
    const int64_t m = start[i], n = len[i];
    if (m < 0 || n <= 0) return;
    bytes.append(CharSlice(s.string_at(i), static_cast<uint64_t>(m), static_cast<uint64_t>(n)));
  });
}

// (str.indexof s t i): first position >= i where t occurs in s; -1 if none or i outside [0, |s|].
void IndexOf(Args a, ValueColumn& out, EvalContext&) {
  const ValueColumn& s = *a[0];
  const ValueColumn& t = *a[1];
  const int64_t* from = a[2]->ints();
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    const int64_t k = from[i];
    const std::optional<size_t> at =
        k < 0 ? std::nullopt : FindChars(s.string_at(i), t.string_at(i), static_cast<uint64_t>(k));
    o[i] = at ? static_cast<int64_t>(*at) : -1;
  }
}

void Replace(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& s = *a[0];
  const ValueColumn& t = *a[1];
  const ValueColumn& u = *a[2];
  MapString(out, ctx, s.arena_bytes() + u.arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view v = s.string_at(i), pat = t.string_at(i), rep = u.string_at(i);
    size_t pos = v.find(pat);  // an empty pattern is found at 0: the replacement is prepended
    if (pos == std::string_view::npos) {
      bytes.append(v);
      return;
    }
    bytes.append(v.substr(0, pos));
    bytes.append(rep);
    bytes.append(v.substr(pos + pat.size()));
  });
}

void ReplaceAll(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& s = *a[0];
  const ValueColumn& t = *a[1];
  const ValueColumn& u = *a[2];
  MapString(out, ctx, s.arena_bytes(), [&](size_t i, std::string& bytes) {
    std::string_view v = s.string_at(i), pat = t.string_at(i), rep = u.string_at(i);
    if (pat.empty()) {
      bytes.append(v);
      return;
    }
    size_t from = 0;
    for (size_t pos; (pos = v.find(pat, from)) != std::string_view::npos; from = pos + pat.size()) {
      bytes.append(v.substr(from, pos - from));
      bytes.append(rep);
      if (bytes.size() > ctx.max_string_length) break;  // the caller flags it; stop growing
    }
    if (from <= v.size()) bytes.append(v.substr(from));
  });
}

template <typename F>
void StringPredicate(Args a, ValueColumn& out, F f) {
  const ValueColumn& x = *a[0];
  const ValueColumn& y = *a[1];
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = f(x.string_at(i), y.string_at(i));
}

// (str.prefixof s t): s is a prefix of t. Note the argument order.
void PrefixOf(Args a, ValueColumn& out, EvalContext&) {
  StringPredicate(a, out, [](std::string_view s, std::string_view t) { return t.starts_with(s); });
}
void SuffixOf(Args a, ValueColumn& out, EvalContext&) {
  StringPredicate(a, out, [](std::string_view s, std::string_view t) { return t.ends_with(s); });
}
void Contains(Args a, ValueColumn& out, EvalContext&) {
  StringPredicate(a, out, [](std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; });
}
void StrLt(Args a, ValueColumn& out, EvalContext&) {
  // Lexicographic by code point: UTF-8 byte order is code-point order, and string_view compares bytes unsigned.
  StringPredicate(a, out, [](std::string_view s, std::string_view t) { return s.compare(t) < 0; });
}
void StrLe(Args a, ValueColumn& out, EvalContext&) {
  StringPredicate(a, out, [](std::string_view s, std::string_view t) { return s.compare(t) <= 0; });
}

void ToInt(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& s = *a[0];
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view v = s.string_at(i);
    int64_t value = -1;
    bool digits = !v.empty();
    for (char c : v) digits &= c >= '0' && c <= '9';
    if (digits) {
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
      if (ec == std::errc::result_out_of_range) ctx.int_overflow = true;
    }
    o[i] = value;
  }
}

void FromInt(Args a, ValueColumn& out, EvalContext& ctx) {
  const int64_t* x = a[0]->ints();
  MapString(out, ctx, out.size() * 4, [&](size_t i, std::string& bytes) {
    if (x[i] < 0) return;
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x[i]);
    bytes.append(buf, end);
  });
}

void IsDigit(Args a, ValueColumn& out, EvalContext&) {
  const ValueColumn& s = *a[0];
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    std::string_view v = s.string_at(i);
    o[i] = v.size() == 1 && v[0] >= '0' && v[0] <= '9';
  }
}

}  // namespace

void RegisterStrings(PrimitiveRegistry& r) {
  using kernels::Variadic;
  const Type s = Type::String();
  const Type i = Type::Int();
  const Type b = Type::Bool();
  r.AddFamily(StringOp::kConcat, Variadic(2, s, s), Concat);
  r.Add(StringOp::kLength, {s}, i, Len);
  r.Add(StringOp::kAt, {s, i}, s, At);
  r.Add(StringOp::kSubstr, {s, i, i}, s, Substr);
  r.Add(StringOp::kIndexOf, {s, s, i}, i, IndexOf);
  r.Add(StringOp::kReplace, {s, s, s}, s, Replace);
  r.Add(StringOp::kReplaceAll, {s, s, s}, s, ReplaceAll);
  r.Add(StringOp::kPrefixOf, {s, s}, b, PrefixOf);
  r.Add(StringOp::kSuffixOf, {s, s}, b, SuffixOf);
  r.Add(StringOp::kContains, {s, s}, b, Contains);
  r.Add(StringOp::kLt, {s, s}, b, StrLt);
  r.Add(StringOp::kLe, {s, s}, b, StrLe);
  r.Add(StringOp::kIsDigit, {s}, b, IsDigit);
  r.Add(StringOp::kToInt, {s}, i, ToInt);
  r.Add(StringOp::kFromInt, {i}, s, FromInt);
  // SyGuS-IF v1 and SMT-LIB 2.5 spellings still found in benchmark files.
  r.AddAlias("str.to.int", "str.to_int");
  r.AddAlias("int.to.str", "str.from_int");
}

}  // namespace progsearch
