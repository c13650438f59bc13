// The spreadsheet functions, case by case, as Google Sheets' and Excel's documentation describe them:
// per-cell errors (#VALUE!, #DIV/0!, #NUM!), Numbers beside Ints, and how errors pass through.
#include <catch2/catch.hpp>

#include "dsl/domains/sheet_numbers.h"
#include "tests/eval_helpers.h"

namespace progsearch {
namespace {

struct Case {
  const char* program;
  const char* expected;  // Value::ToString: "\"text\"", 3 (Int), 3.0 (Number), true, #VALUE!
};

void CheckAll(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    INFO(c.program);
    absl::StatusOr<Value> v = testing::EvalGround(c.program);
    REQUIRE(v.ok());
    CHECK(v->ToString() == c.expected);
  }
}

TEST_CASE("sheets: IS functions, IFERROR and IF see errors", "[dsl][spreadsheet]") {
  CheckAll({
      {"(ISNUMBER 5)", "true"},
      {"(ISNUMBER (VALUE \"1.5\"))", "true"},
      {"(ISNUMBER \"5\")", "false"},  // text that looks like a number is text
      {"(ISNUMBER (FIND \"z\" \"abc\"))", "false"},
      {"(ISNUMBER (SEARCH \"B\" \"abc\"))", "true"},
      {"(ISTEXT \"a\")", "true"},
      {"(ISTEXT 1)", "false"},
      {"(ISTEXT (LEFT \"a\" (- 1)))", "false"},
      {"(ISBLANK \"\")", "true"},
      {"(ISBLANK \" \")", "false"},
      {"(ISERROR (DIVIDE 1.0 0.0))", "true"},
      {"(ISERROR (FIND \"a\" \"abc\"))", "false"},
      {"(ISERROR (VALUE \"abc\"))", "true"},
      {"(IFERROR (FIND \"z\" \"abc\") 0)", "0"},
      {"(IFERROR (DIVIDE 6.0 3.0) 0.0)", "2.0"},
      {"(IFERROR (DIVIDE 1.0 0.0) (MOD 2.0 0.0))", "#DIV/0!"},
      {"(IF (ISERROR (FIND \"z\" \"a\")) \"none\" \"some\")", "\"none\""},
      {"(IF true \"x\" (LEFT \"a\" (- 1)))", "\"x\""},  // the branch not taken may be an error
      {"(IF false \"x\" (LEFT \"a\" (- 1)))", "#VALUE!"},
      {"(IF (GT (MOD 1 0) 0) \"a\" \"b\")", "#DIV/0!"},
  });
}

TEST_CASE("sheets: an error passes through, the first argument's first", "[dsl][spreadsheet]") {
  CheckAll({
      {"(LEN (LEFT \"a\" (- 1)))", "#VALUE!"},
      {"(CONCATENATE (LEFT \"a\" (- 1)) (CHAR 0))", "#VALUE!"},
      {"(ADD (MOD 1 0) (FIND \"z\" \"a\"))", "#DIV/0!"},
      {"(ADD (FIND \"z\" \"a\") (MOD 1 0))", "#VALUE!"},
      {"(UPPER (TEXT (DIVIDE 1.0 0.0) \"0\"))", "#DIV/0!"},
      {"(EXACT \"a\" (MID \"abc\" 0 1))", "#VALUE!"},
  });
}

TEST_CASE("sheets: VALUE reads numbers as a spreadsheet does", "[dsl][spreadsheet]") {
  CheckAll({
      {"(VALUE \"1.5\")", "1.5"},
      {"(VALUE \" 12 \")", "12.0"},
      {"(VALUE \"$1,234.50\")", "1234.5"},
      {"(VALUE \"50%\")", "0.5"},
      {"(VALUE \"(3)\")", "(- 3.0)"},
      {"(VALUE \"-$4\")", "(- 4.0)"},
      {"(VALUE \"1e3\")", "1000.0"},
      {"(VALUE \"\")", "0.0"},
      {"(VALUE \"abc\")", "#VALUE!"},
      {"(VALUE \"1,23\")", "#VALUE!"},
      {"(VALUE \"12 kg\")", "#VALUE!"},
      {"(VALUE 7)", "7.0"},
      {"(TRUNC 2.7)", "2"},
      {"(TRUNC (- 2.7))", "(- 2)"},
  });
}

TEST_CASE("sheets: arithmetic on Numbers and Ints", "[dsl][spreadsheet]") {
  CheckAll({
      {"(DIVIDE 7.0 2.0)", "3.5"},
      {"(DIVIDE 1.0 0.0)", "#DIV/0!"},
      {"(MULTIPLY 6 7)", "42"},
      {"(MULTIPLY 1.5 2.0)", "3.0"},
      {"(ADD 0.5 0.25)", "0.75"},
      {"(MINUS 0.5 2.0)", "(- 1.5)"},
      {"(MOD 7 3)", "1"},
      {"(MOD (- 7) 3)", "2"},  // the sign of the divisor
      {"(MOD 7 (- 3))", "(- 2)"},
      {"(MOD 5 0)", "#DIV/0!"},
      {"(MOD 5.5 2.0)", "1.5"},
      {"(ABS (- 3))", "3"},
      {"(ABS (- 2.5))", "2.5"},
      {"(ROUND 2.5)", "3.0"},  // half away from zero
      {"(ROUND (- 2.5))", "(- 3.0)"},
      {"(ROUND 2.675 2)", "2.68"},  // as shown, not as stored (2.67499999...)
      {"(ROUND 1.005 2)", "1.01"},
      {"(ROUND 1234.5678 (- 2))", "1200.0"},
      {"(ROUND 0.4)", "0.0"},
      {"(MULTIPLY (VALUE \"1e300\") (VALUE \"1e300\"))", "#NUM!"},
  });
}

TEST_CASE("sheets: TEXT with number formats, TO_TEXT in the general format", "[dsl][spreadsheet]") {
  CheckAll({
      {"(TEXT 1234.567 \"#,##0.00\")", "\"1,234.57\""},
      {"(TEXT 0.256 \"0.0%\")", "\"25.6%\""},
      {"(TEXT 7 \"000\")", "\"007\""},
      {"(TEXT 3.5 \"$0.00\")", "\"$3.50\""},
      {"(TEXT (- 3.5) \"$0.00\")", "\"-$3.50\""},
      {"(TEXT 12 \"0\")", "\"12\""},
      {"(TEXT 2.5 \"0\")", "\"3\""},
      {"(TEXT 1.5 \"#.##\")", "\"1.5\""},
      {"(TEXT 1234 \"#,##0\")", "\"1,234\""},
      {"(TEXT 1234567 \"#,##0\")", "\"1,234,567\""},
      {"(TEXT 5 \"0.0 \"\"kg\"\"\")", "\"5.0 kg\""},
      {"(TEXT 0.5 \"0.00\")", "\"0.50\""},
      {"(TEXT 5 \"yyyy-mm-dd\")", "#VALUE!"},  // date formats are not supported
      {"(TO_TEXT 1.5)", "\"1.5\""},
      {"(TO_TEXT 3.0)", "\"3\""},
      {"(TO_TEXT (DIVIDE 1.0 3.0))", "\"0.333333333333333\""},
      {"(TO_TEXT (DIVIDE 2.0 3.0))", "\"0.666666666666667\""},
      {"(TO_TEXT (VALUE \"1e20\"))", "\"1E+20\""},
      {"(TO_TEXT (MINUS 0.0 12.25))", "\"-12.25\""},
      {"(TO_TEXT 42)", "\"42\""},
      {"(TO_TEXT true)", "\"TRUE\""},
      {"(TO_TEXT (GT 1 2))", "\"FALSE\""},
  });
}

TEST_CASE("sheets: logic, comparisons and text functions", "[dsl][spreadsheet]") {
  CheckAll({
      {"(AND true false)", "false"},
      {"(OR true false)", "true"},
      {"(NOT false)", "true"},
      {"(EQ \"abc\" \"ABC\")", "true"},  // = ignores case
      {"(EXACT \"abc\" \"ABC\")", "false"},
      {"(NE \"a\" \"b\")", "true"},
      {"(EQ 2 2)", "true"},
      {"(NE 2.0 2.5)", "true"},
      {"(GT 2.5 2.0)", "true"},
      {"(GTE 2.0 2.5)", "false"},
      {"(LEFT \"abc\")", "\"a\""},
      {"(RIGHT \"abc\")", "\"c\""},
      {"(SEARCH \"B\" \"abc\")", "2"},
      {"(SEARCH \"b\" \"ABCb\" 3)", "4"},
      {"(SEARCH \"z\" \"abc\")", "#VALUE!"},
      {"(CHAR 65)", "\"A\""},
      {"(CHAR 233)", "\"\\u{e9}\""},
      {"(CHAR 0)", "#VALUE!"},
      {"(CODE \"A\")", "65"},
      {"(CODE \"\\u{e9}t\\u{e9}\")", "233"},
      {"(CODE \"\")", "#VALUE!"},
      {"(REPT \"\" 1000000000000)", "\"\""},
  });
}

TEST_CASE("sheets: numbers read and written at the edges", "[dsl][spreadsheet]") {
  CHECK(sheets::GeneralText(0.1 + 0.2) == "0.3");  // 15 significant digits hide the binary error
  CHECK(sheets::GeneralText(-0.0) == "0");
  CHECK(sheets::GeneralText(123456789012345.0) == "123456789012345");
  CHECK(sheets::GeneralText(1e15) == "1E+15");
  CHECK(sheets::GeneralText(2e-10) == "2E-10");
  CHECK(sheets::Round(-0.4, 0) == 0.0);
  CHECK(sheets::Round(99.95, 1) == 100.0);
  CHECK(sheets::ParseNumber("1,234,567") == 1234567.0);
  CHECK_FALSE(sheets::ParseNumber("1,2345").has_value());
  CHECK_FALSE(sheets::ParseNumber(",123").has_value());
  CHECK_FALSE(sheets::ParseNumber("--1").has_value());
  CHECK(sheets::FormatNumber(0, "#,##0") == "0");
  CHECK(sheets::FormatNumber(-0.001, "0.00") == "0.00");  // no "-0.00"
  CHECK_FALSE(sheets::FormatNumber(1, "0;(0)").has_value());
}

}  // namespace
}  // namespace progsearch
