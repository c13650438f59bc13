#include "formats/sexpr.h"

#include <catch2/catch.hpp>

namespace progsearch {

TEST_CASE("s-expressions carry kinds and locations", "[dsl][sexpr]") {
  auto r = ParseSExprs("(f  x\n  #x0F #b10 \"a\"\"b\" 12 1.5 :key |odd sym|) ; comment", "t.sl");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  const SExpr& e = (*r)[0];
  REQUIRE(e.items.size() == 9);
  CHECK(e.items[0].is_symbol("f"));
  CHECK(e.items[1].loc.column == 5);
  CHECK(e.items[2].kind == SExpr::Kind::kHex);
  CHECK(e.items[2].text == "0F");
  CHECK(e.items[2].loc.line == 2);
  CHECK(e.items[2].loc.column == 3);
  CHECK(e.items[3].kind == SExpr::Kind::kBinary);
  CHECK(e.items[4].text == "a\"b");
  CHECK(e.items[5].kind == SExpr::Kind::kNumeral);
  CHECK(e.items[6].kind == SExpr::Kind::kDecimal);
  CHECK(e.items[7].kind == SExpr::Kind::kKeyword);
  CHECK(e.items[8].text == "odd sym");
}

TEST_CASE("string escapes follow SMT-LIB 2.6", "[dsl][sexpr]") {
  auto r = ParseSExprs(R"("\u{41}\u0042\n\u{5c}")", "t");
  REQUIRE(r.ok());
  CHECK((*r)[0].text == "AB\\n\\");
  // Code points up to SMT-LIB's U+2FFFF come out as UTF-8, surrogates in the generalized 3-byte form.
  auto wide = ParseSExprs(R"("\u{1F600}\u{2ffff}\ud800\u{e9}")", "t");
  REQUIRE(wide.ok());
  CHECK((*wide)[0].text == "\U0001F600\U0002FFFF\xed\xa0\x80\u00e9");
  // Not escapes, so text: too many digits, too few, no closing brace.
  auto plain = ParseSExprs(R"("\u{123456}\u12\u{41")", "t");
  REQUIRE(plain.ok());
  CHECK((*plain)[0].text == "\\u{123456}\\u12\\u{41");
  // Raw UTF-8 is read as the characters it spells.
  auto raw = ParseSExprs("\"Jos\xc3\xa9 \xe2\x82\xac\"", "t");
  REQUIRE(raw.ok());
  CHECK((*raw)[0].text == "Jos\u00e9 \u20ac");
}

TEST_CASE("strings beyond SMT-LIB's characters are located errors", "[dsl][sexpr]") {
  auto beyond = ParseSExprs("(a\n \"x\\u{30000}\")", "f.sl");
  REQUIRE_FALSE(beyond.ok());
  CHECK(std::string(beyond.status().message()).rfind("f.sl:2:4: character \\u{30000} is beyond", 0) == 0);
  auto invalid = ParseSExprs("\"ab\xff\"", "f.sl");
  REQUIRE_FALSE(invalid.ok());
  CHECK(std::string(invalid.status().message()).rfind("f.sl:1:4: invalid UTF-8", 0) == 0);
  CHECK_FALSE(ParseSExprs("\"\xc3\"", "f.sl").ok());          // truncated
  CHECK_FALSE(ParseSExprs("\"\xc0\xaf\"", "f.sl").ok());      // overlong
  CHECK_FALSE(ParseSExprs("\"\xed\xa0\x80\"", "f.sl").ok());  // a raw surrogate is not UTF-8
  CHECK_FALSE(ParseSExprs("\"\xf1\x80\x80\x80\"", "f.sl").ok());  // U+40000: beyond U+2FFFF
}

TEST_CASE("s-expression errors are located", "[dsl][sexpr]") {
  auto unclosed = ParseSExprs("(a\n (b c)", "f.sl");
  REQUIRE_FALSE(unclosed.ok());
  CHECK(std::string(unclosed.status().message()).rfind("f.sl:1:1:", 0) == 0);
  auto extra = ParseSExprs("(a))", "f.sl");
  REQUIRE_FALSE(extra.ok());
  CHECK(std::string(extra.status().message()).rfind("f.sl:1:4:", 0) == 0);
  CHECK_FALSE(ParseSExprs("\"never closed", "f").ok());
  CHECK_FALSE(ParseSExprs("#xZZ", "f").ok());
  CHECK_FALSE(ParseSExprs("1.2.3", "f").ok());
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[dsl][sexpr]") {
  std::string deep(100000, '(');
  auto r = ParseSExprs(deep, "deep");
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.status().message()).find("nesting deeper") != std::string::npos);
}

}  // namespace progsearch
