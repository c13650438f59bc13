#include "approx/float32_check.h"

#include <catch2/catch.hpp>

#include "tests/approx/read_program.h"

namespace progsearch {

TEST_CASE("every float of an interval is checked against the correctly rounded target", "[threads][verify][float32]") {
  // [1, 2] holds 2^23 + 1 floats. x*x in float is correctly rounded, so exactly 0 ULP.
  auto square = ParseMathTarget("(* x x)", 1, 2);
  REQUIRE(square.ok());
  auto exact = CheckFloat32Exhaustively(*ReadProgram("(* x x)"), *square, 2);
  REQUIRE(exact.ok());
  CHECK(exact->checked == (uint64_t{1} << 23) + 1);
  CHECK(exact->max_ulps == 0);
  // Adding 2^-20 is 8 ULP below 2 (plus up to two half-ULP roundings) and half that above 2, where the
  // float spacing doubles: the worst lies where x*x < 2.
  auto shifted = CheckFloat32Exhaustively(*ReadProgram("(+ (* x x) 0.00000095367431640625)"), *square, 2);
  REQUIRE(shifted.ok());
  CHECK(shifted->max_ulps >= 8.0);
  CHECK(shifted->max_ulps <= 9.0);
  CHECK(shifted->worst_x < 1.4143f);
  // A wrong program is found wrong.
  auto wrong = CheckFloat32Exhaustively(*ReadProgram("(+ x x)"), *square, 1);
  REQUIRE(wrong.ok());
  CHECK(wrong->max_ulps > 1e5);
}

TEST_CASE("exp2 by a Horner polynomial, checked exhaustively on [0.5, 0.625]", "[verify][float32]") {
  auto target = ParseMathTarget("exp2", 0.5, 0.625);
  REQUIRE(target.ok());
  // Taylor to degree 8 of 2^x = e^(x ln 2): its truncation error is far below a float ULP here.
  const char* taylor =
      "(fma (fma (fma (fma (fma (fma (fma (fma 0.0000013215486790144305273 x 0.0000152527338040598376946) x "
      "0.00015403530393381606) x 0.0013333558146428441) x 0.009618129107628477) x 0.055504108664821576) x "
      "0.2402265069591007) x 0.6931471805599453) x 1.0)";
  auto r = CheckFloat32Exhaustively(*ReadProgram(taylor), *target, 2);
  REQUIRE(r.ok());
  CHECK(r->checked == (uint64_t{1} << 21) + 1);  // the floats of [0.5, 0.625]
  CHECK(r->max_ulps < 2.0);
  CHECK(r->mpfr_calls < r->checked / 1000);  // MPFR only near rounding boundaries
  // Operations the float32 evaluator does not know are refused, not guessed.
  CHECK_FALSE(CheckFloat32Exhaustively(*ReadProgram("(exp x)"), *target, 1).ok());
}

}  // namespace progsearch
