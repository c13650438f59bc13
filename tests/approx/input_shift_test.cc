#include "approx/input_shift.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "approx/float_tape.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {

TEST_CASE("centred search: where the input moves, and the shifted target", "[search][approximation]") {
  auto centre_of = [](const char* name, double low, double high) { return InputCentre(*ParseMathTarget(name, low, high)); };
  CHECK(centre_of("exp2", 0, 1) == 0.5);
  // A simple zero inside wins over the middle: log2 is centred on 1, erf on [0, 1] stays (its zero is 0).
  CHECK(centre_of("log2", std::sqrt(0.5), std::sqrt(2.0)) == 1.0);
  CHECK(centre_of("erf", 0, 1) == 0);
  CHECK(centre_of("exp", -std::log(2.0) / 2, std::log(2.0) / 2) == 0);

  auto target = ParseMathTarget("exp2", 0, 1);
  REQUIRE(target.ok());
  const MathTarget g = ShiftedTarget(*target, 0.5);
  CHECK(g.low == -0.5);
  CHECK(g.high == 0.5);
  for (double t : {-0.5, -0.125, 0.0, 0.3, 0.5}) CHECK(g.Reference(t) == target->Reference(t + 0.5));
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<p>");
  auto program = reader.ReadText("(+ (/ 2.0 x) (* x x))");
  REQUIRE(program.ok());
  const TermPtr moved = ProgramOfShiftedInput(*program, 0.5);
  CHECK(PrintTerm(*moved) == "(+ (/ 2.0 (- x 0.5)) (* (- x 0.5) (- x 0.5)))");
  // The shift is computed once: three operations and one subtraction.
  CHECK(OperationCount(*moved) == 4);
  // And back: the program of t and c, unless some x is used outside the shift or with another c.
  auto split = SplitShiftedInput(*moved);
  REQUIRE(split);
  CHECK(PrintTerm(*split->first) == PrintTerm(**program));
  CHECK(split->second == 0.5);
  CHECK_FALSE(SplitShiftedInput(**program));
  CHECK_FALSE(SplitShiftedInput(**reader.ReadText("(+ (- x 0.5) x)")));
  CHECK_FALSE(SplitShiftedInput(**reader.ReadText("(* (- x 0.5) (- x 0.25))")));
}

}  // namespace progsearch
