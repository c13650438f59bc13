#include "dsl/sexpr.h"

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
  CHECK_FALSE(ParseSExprs(R"("\u{1F600}")", "t").ok());  // beyond bytes: a clear error, not garbage
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
