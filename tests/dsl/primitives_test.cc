// Per-primitive semantics, case by case against SMT-LIB 2.6 (the differential test against Z3 in
// tests/verify covers the same ground at random).
#include <catch2/catch.hpp>
#include <cmath>

#include "tests/eval_helpers.h"

namespace progsearch {
using testing::Eval;
using testing::EvalGround;

namespace {
void Expect(const std::string& program, const std::string& expected) {
  INFO(program);
  CHECK(Eval(program).ToString() == expected);
}
}  // namespace

TEST_CASE("core operators", "[dsl][primitives]") {
  Expect("(ite true 1 2)", "1");
  Expect("(ite false \"a\" \"b\")", "\"b\"");
  Expect("(= \"a\" \"a\")", "true");
  Expect("(= #x01 #x02)", "false");
  Expect("(distinct 1 2)", "true");
  Expect("(and true true false)", "false");
  Expect("(or false false true)", "true");
  Expect("(not true)", "false");
  Expect("(xor true true)", "false");
  Expect("(=> false false)", "true");
  Expect("(=> true false)", "false");
}

TEST_CASE("LIA: Euclidean division and modulus", "[dsl][primitives][lia]") {
  Expect("(div 7 2)", "3");
  Expect("(div (- 7) 2)", "(- 4)");
  Expect("(div 7 (- 2))", "(- 3)");
  Expect("(div (- 7) (- 2))", "4");
  Expect("(mod (- 7) 2)", "1");
  Expect("(mod 7 (- 2))", "1");
  Expect("(mod (- 7) (- 2))", "1");
  Expect("(mod (- 1) (- 9223372036854775808))", "9223372036854775807");
  // SMT-LIB leaves these unspecified; ours (and the Z3 encoding's) fixed choice.
  Expect("(div 5 0)", "0");
  Expect("(mod 5 0)", "5");
}

TEST_CASE("LIA: arithmetic, comparisons and overflow", "[dsl][primitives][lia]") {
  Expect("(+ 1 2 3)", "6");
  Expect("(- 10 3 2)", "5");
  Expect("(- 3)", "(- 3)");
  Expect("(* 2 3 4)", "24");
  Expect("(abs (- 4))", "4");
  Expect("(< 1 2)", "true");
  Expect("(<= 2 2)", "true");
  Expect("(> 1 2)", "false");
  Expect("(>= 1 2)", "false");
  for (const char* p :
       {"(+ 9223372036854775807 1)", "(- (- 9223372036854775808) 1)", "(* 4611686018427387904 2)",
        "(abs (- 9223372036854775808))", "(- (- 9223372036854775808))", "(div (- 9223372036854775808) (- 1))"}) {
    auto v = EvalGround(p);
    INFO(p);
    REQUIRE_FALSE(v.ok());
    CHECK(v.status().code() == absl::StatusCode::kOutOfRange);
  }
}

TEST_CASE("strings: positions out of range give empty or -1", "[dsl][primitives][strings]") {
  Expect("(str.at \"abc\" 1)", "\"b\"");
  Expect("(str.at \"abc\" 3)", "\"\"");
  Expect("(str.at \"abc\" (- 1))", "\"\"");
  Expect("(str.substr \"hello\" 1 3)", "\"ell\"");
  Expect("(str.substr \"hello\" 3 10)", "\"lo\"");
  Expect("(str.substr \"hello\" 5 1)", "\"\"");
  Expect("(str.substr \"hello\" (- 1) 2)", "\"\"");
  Expect("(str.substr \"hello\" 1 0)", "\"\"");
  Expect("(str.substr \"hello\" 1 (- 2))", "\"\"");
  Expect("(str.indexof \"abcabc\" \"c\" 0)", "2");
  Expect("(str.indexof \"abcabc\" \"c\" 3)", "5");
  Expect("(str.indexof \"abc\" \"d\" 0)", "(- 1)");
  Expect("(str.indexof \"abc\" \"\" 1)", "1");
  Expect("(str.indexof \"abc\" \"\" 3)", "3");
  Expect("(str.indexof \"abc\" \"\" 4)", "(- 1)");
  Expect("(str.indexof \"abc\" \"a\" (- 1))", "(- 1)");
  Expect("(str.len \"\")", "0");
  Expect("(str.len \"a b\")", "3");
}

TEST_CASE("strings: replace, concatenation and predicates", "[dsl][primitives][strings]") {
  Expect("(str.++ \"a\" \"b\" \"c\")", "\"abc\"");
  Expect("(str.replace \"banana\" \"an\" \"AN\")", "\"bANana\"");
  Expect("(str.replace \"banana\" \"x\" \"y\")", "\"banana\"");
  Expect("(str.replace \"abc\" \"\" \"X\")", "\"Xabc\"");
  Expect("(str.replace_all \"banana\" \"an\" \"-\")", "\"b--a\"");
  Expect("(str.replace_all \"abc\" \"\" \"X\")", "\"abc\"");
  Expect("(str.prefixof \"ab\" \"abc\")", "true");
  Expect("(str.prefixof \"abc\" \"ab\")", "false");
  Expect("(str.suffixof \"bc\" \"abc\")", "true");
  Expect("(str.contains \"abc\" \"bc\")", "true");
  Expect("(str.contains \"abc\" \"\")", "true");
  Expect("(str.< \"ab\" \"b\")", "true");
  Expect("(str.<= \"b\" \"b\")", "true");
  Expect("(str.is_digit \"7\")", "true");
  Expect("(str.is_digit \"77\")", "false");
}

TEST_CASE("strings: conversions to and from Int, old names too", "[dsl][primitives][strings]") {
  Expect("(str.to_int \"123\")", "123");
  Expect("(str.to_int \"007\")", "7");
  Expect("(str.to_int \"\")", "(- 1)");
  Expect("(str.to_int \"-5\")", "(- 1)");
  Expect("(str.to_int \"1a\")", "(- 1)");
  Expect("(str.to.int \"42\")", "42");
  Expect("(str.from_int 42)", "\"42\"");
  Expect("(str.from_int (- 1))", "\"\"");
  Expect("(int.to.str 0)", "\"0\"");
  auto big = EvalGround("(str.to_int \"99999999999999999999\")");
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().code() == absl::StatusCode::kOutOfRange);
}

TEST_CASE("bit-vectors: arithmetic wraps at the width", "[dsl][primitives][bv]") {
  Expect("(bvadd #xff #x01)", "#x00");
  Expect("(bvsub #x00 #x01)", "#xff");
  Expect("(bvmul #x10 #x10)", "#x00");
  Expect("(bvneg #x01)", "#xff");
  Expect("(bvnot #b101)", "#b010");
  Expect("(bvand #x0f #x3c)", "#x0c");
  Expect("(bvor #x0f #x30)", "#x3f");
  Expect("(bvxor #x0f #xff)", "#xf0");
  Expect("(bvadd (_ bv3 5) (_ bv30 5))", "#b00001");
}

TEST_CASE("bit-vectors: division by zero as SMT-LIB defines it", "[dsl][primitives][bv]") {
  Expect("(bvudiv #x07 #x00)", "#xff");
  Expect("(bvurem #x07 #x00)", "#x07");
  Expect("(bvsdiv #x07 #x00)", "#xff");
  Expect("(bvsdiv #xf9 #x00)", "#x01");
  Expect("(bvsrem #xf9 #x00)", "#xf9");
  Expect("(bvsmod #xf9 #x00)", "#xf9");
  Expect("(bvudiv #x07 #x02)", "#x03");
  Expect("(bvsdiv #xf9 #x02)", "#xfd");  // -7 / 2 = -3 (truncating)
  Expect("(bvsrem #xf9 #x02)", "#xff");  // -1: sign follows the dividend
  Expect("(bvsmod #xf9 #x02)", "#x01");  // sign follows the divisor
  Expect("(bvsmod #x07 #xfe)", "#xff");
}

TEST_CASE("bit-vectors: shifts and comparisons", "[dsl][primitives][bv]") {
  Expect("(bvshl #x01 #x07)", "#x80");
  Expect("(bvshl #x01 #x08)", "#x00");
  Expect("(bvlshr #x80 #x07)", "#x01");
  Expect("(bvlshr #x80 #xff)", "#x00");
  Expect("(bvashr #x80 #x01)", "#xc0");
  Expect("(bvashr #x80 #x09)", "#xff");
  Expect("(bvashr #x40 #x09)", "#x00");
  Expect("(bvult #x01 #xff)", "true");
  Expect("(bvslt #x01 #xff)", "false");
  Expect("(bvsle #xff #xff)", "true");
  Expect("(bvsgt #x7f #x80)", "true");
  Expect("(bvuge #x7f #x80)", "false");
  Expect("(bvlshr #x8000000000000000 #x000000000000003f)", "#x0000000000000001");
}

TEST_CASE("floats: IEEE double with round to nearest even", "[dsl][primitives][float]") {
  Expect("(+ 0.1 0.2)", "0.30000000000000004");
  Expect("(* 1.5 2)", "3.0");  // the integer literal is read as a Float here
  Expect("(/ 1.0 4.0)", "0.25");
  Expect("(- 1.0)", "(- 1.0)");
  Expect("(sqrt 2.0)", "1.4142135623730951");
  Expect("(fma 2.0 3.0 1.0)", "7.0");
  Expect("(< 1.0 2.0)", "true");
  Expect("(fmin 1.0 (- 2.0))", "(- 2.0)");
  Expect("(fmax 1.0 (- 2.0))", "1.0");
  Expect("(fabs (- 2.5))", "2.5");
  Expect("(exp2 3.0)", "8.0");
  Expect("(log2 8.0)", "3.0");
  // fma rounds once: 0.1*10 - 1 is not exactly zero.
  CHECK(Eval("(fma 0.1 10.0 (- 1.0))").as_float() != 0.0);
  CHECK(std::isnan(Eval("(sqrt (- 1.0))").as_float()));
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("spreadsheet functions: 1-based positions and #VALUE! errors", "[dsl][primitives][spreadsheet]") {
  using testing::Eval;
  using testing::EvalGround;
  auto expect = [](const std::string& program, const std::string& want) {
    INFO(program);
    CHECK(Eval(program).ToString() == want);
  };
  expect("(CONCATENATE \"ab\" \"c\")", "\"abc\"");
  expect("(FIND \" \" \"Ada Lovelace\")", "4");
  expect("(FIND \"a\" \"banana\" 3)", "4");
  expect("(FIND \"\" \"abc\" 2)", "2");
  expect("(LEFT \"hello\" 2)", "\"he\"");
  expect("(LEFT \"hello\" 9)", "\"hello\"");
  expect("(RIGHT \"hello\" 3)", "\"llo\"");
  expect("(MID \"hello\" 2 3)", "\"ell\"");
  expect("(MID \"hello\" 9 3)", "\"\"");
  expect("(LEN \"hello\")", "5");
  expect("(REPLACE \"abcdef\" 2 3 \"X\")", "\"aXef\"");
  expect("(REPLACE \"abc\" 9 1 \"X\")", "\"abcX\"");
  expect("(TRIM \"  a   b  \")", "\"a b\"");
  expect("(LOWER \"AbC\")", "\"abc\"");
  expect("(UPPER \"AbC\")", "\"ABC\"");
  expect("(PROPER \"hello wORLD o'neil\")", "\"Hello World O'Neil\"");
  expect("(REPT \"ab\" 3)", "\"ababab\"");
  expect("(SUBSTITUTE \"a-b-c\" \"-\" \"+\")", "\"a+b+c\"");
  expect("(SUBSTITUTE \"a-b-c\" \"-\" \"+\" 2)", "\"a-b+c\"");
  expect("(SUBSTITUTE \"abc\" \"\" \"+\")", "\"abc\"");
  expect("(TO_TEXT (- 12))", "\"-12\"");
  expect("(IF (EXACT \"a\" \"a\") \"y\" \"n\")", "\"y\"");
  expect("(GT 2 1)", "true");
  expect("(GTE 1 2)", "false");
  expect("(ADD 2 3)", "5");
  expect("(MINUS 2 3)", "(- 1)");
  for (const char* p : {"(FIND \"z\" \"abc\")", "(FIND \"a\" \"abc\" 0)", "(FIND \"a\" \"abc\" 5)",
                        "(LEFT \"a\" (- 1))", "(MID \"abc\" 0 1)", "(MID \"abc\" 1 (- 1))",
                        "(REPLACE \"abc\" 0 1 \"x\")", "(REPT \"a\" (- 1))", "(SUBSTITUTE \"a\" \"a\" \"b\" 0)"}) {
    INFO(p);
    CHECK(Eval(p).ToString() == "#VALUE!");  // an error in the cell, not a failed evaluation
  }
}

TEST_CASE("spreadsheet functions count characters, not bytes", "[dsl][primitives][spreadsheet]") {
  using testing::Eval;
  auto expect = [](const std::string& program, const std::string& want) {
    INFO(program);
    CHECK(Eval(program).as_string() == want);
  };
  auto expect_int = [](const std::string& program, int64_t want) {
    INFO(program);
    CHECK(Eval(program).as_int() == want);
  };
  // Raw UTF-8 and escapes spell the same characters.
  expect_int("(LEN \"Jos\\u{e9}\")", 4);
  expect_int("(LEN \"Jos\xc3\xa9 \xf0\x9f\x98\x80\")", 6);
  expect_int("(FIND \"\\u{e9}\" \"Jos\\u{e9} Garc\\u{ed}a\")", 4);
  expect_int("(FIND \"a\" \"\\u{e9}a\\u{e9}a\" 3)", 4);
  expect_int("(FIND \"\" \"\\u{e9}\\u{e9}\" 3)", 3);
  expect("(LEFT \"\\u{e9}t\\u{e9}\" 2)", "\u00e9t");
  expect("(RIGHT \"\u20ac10\u20ac\" 2)", "0\u20ac");
  expect("(MID \"\U0001F600\u00e9\u20acx\" 2 2)", "\u00e9\u20ac");
  expect("(REPLACE \"Jos\\u{e9}\" 4 1 \"e\")", "Jose");
  expect("(UPPER \"jos\\u{e9} \\u{17e}\\u{3c9}\\u{3c2}\\u{436}\\u{451}\")", "JOS\u00c9 \u017d\u03a9\u03a3\u0416\u0401");
  expect("(LOWER \"\\u{c9}COLE \\u{178}\\u{130}\\u{3a3}\\u{416}\")", "\u00e9cole \u00ffi\u03c3\u0436");
  expect("(UPPER \"\\u{df}\\u{4e2d}\")", "\u00df\u4e2d");  // no one-character upper case: unchanged
  expect("(PROPER \"jos\\u{e9} garc\\u{ed}a \\u{e9}mile-zola\")", "Jos\u00e9 Garc\u00eda \u00c9mile-Zola");
  expect("(TRIM \"  \\u{e9}  \\u{e9} \")", "\u00e9 \u00e9");
  expect("(SUBSTITUTE \"\\u{e9}-\\u{e9}\" \"\\u{e9}\" \"e\" 2)", "\u00e9-e");
  CHECK(Eval("(FIND \"a\" \"\\u{e9}\\u{e9}\" 4)").is_error());  // start beyond LEN + 1
}

}  // namespace progsearch
