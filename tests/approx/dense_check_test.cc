#include "approx/dense_check.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "approx/error_measure.h"
#include "approx/float32_check.h"
#include "approx/float_tape.h"
#include "tests/approx/read_program.h"

namespace progsearch {
TEST_CASE("the dense check finds a narrow peak that the refined grid misses", "[approx][dense]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  // A relative error growing to 1e-6 at x = 1, plus a pole of weight 1e-11 at c = 0.300003: 2e-4 from
  // the nearest point of the 2049-point grid (1e-7 there), 3e-6 from the dense point 0.3.
  const double c = 0.300003;
  const TermPtr program = ReadProgram("(fma (exp x) (fma x 0.000001 1.0) (/ 0.00000000001 (- x 0.300003)))");
  const double grid = MaxRelativeError(*program, *target, 2049);
  CHECK(grid == Approx(1e-6).epsilon(0.02));
  const DenseReference reference = *MakeDenseReference(*target, 100001, 2);
  REQUIRE(reference.xs.size() == 100001);
  const DenseCheckResult dense = CheckAtDensePoints(*program, reference);
  // The same maximum computed here in long double, with the program's own double arithmetic.
  long double expected = 0;
  double at = 0;
  for (double x : reference.xs) {
    const double got = std::fma(std::exp(x), std::fma(x, 0.000001, 1.0), 0.00000000001 / (x - c));
    const long double exact = std::exp(static_cast<long double>(x));
    const long double e = std::fabs((got - exact) / exact);
    if (e > expected) {
      expected = e;
      at = x;
    }
  }
  CHECK(dense.max_rel_error == Approx(static_cast<double>(expected)).epsilon(1e-9));
  CHECK(dense.worst_x == at);
  CHECK(dense.worst_x == Approx(0.3));
  CHECK(dense.max_rel_error > 2 * grid);
}

TEST_CASE("the dense reference carries each exact value to far below the last bit of a double", "[approx][dense]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  const DenseReference r = *MakeDenseReference(*target, 11, 1);
  for (size_t i = 0; i < r.xs.size(); ++i) {
    CHECK(r.hi[i] == target->Reference(r.xs[i]));
    // hi + lo agrees with expl to long double's precision; lo is below half an ULP of hi.
    const long double exact = std::exp(static_cast<long double>(r.xs[i]));
    CHECK(std::fabs(static_cast<double>((static_cast<long double>(r.hi[i]) + r.lo[i]) - exact)) <= 1e-18 * r.hi[i]);
    CHECK(std::fabs(r.lo[i]) <= std::ldexp(r.hi[i], -53));
  }
  CHECK(r.lo[0] == 0);  // exp(0) = 1 exactly
}

TEST_CASE("an infinity the result absorbs is scored by IEEE arithmetic but a final one disqualifies",
          "[approx][dense]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  // 1 + 1/(1/x) is 1 + x, except that at x = 0 it is 1 + 1/inf = 1 (and 1 + x there is 1 too).
  const TermPtr absorbed = ReadProgram("(+ 1.0 (/ 1.0 (/ 1.0 x)))");
  const TermPtr plain = ReadProgram("(+ 1.0 x)");
  const std::vector<double> xs = EvenlySpaced(0, 1, 1025);
  std::vector<double> reference;
  for (double x : xs) reference.push_back(target->Reference(x));
  CHECK(WorstError(*absorbed, {0.0}, {1.0}).first == 0);
  CHECK(WorstError(*absorbed, xs, reference).first == WorstError(*plain, xs, reference).first);
  CHECK(MaxRelativeError(*absorbed, *target, 2049) == MaxRelativeError(*plain, *target, 2049));
  const DenseReference dense = *MakeDenseReference(*target, 1001, 1);
  CHECK(CheckAtDensePoints(*absorbed, dense).max_rel_error == CheckAtDensePoints(*plain, dense).max_rel_error);
  // In float32 arithmetic: 1/x overflows to infinity below about 2.9e-39 and is infinite at 0; either
  // way 1 + 1/inf = 1, the correctly rounded exp there. Every float of [0, 1e-38] is checked.
  auto tape = FloatTape::Compile(*absorbed);
  REQUIRE(tape);
  std::vector<float> scratch;
  CHECK(tape->EvaluateFloat(0.0f, tape->parameters(), scratch) == 1.0f);
  CHECK(tape->EvaluateFloat(1e-40f, tape->parameters(), scratch) == 1.0f);
  auto tiny = ParseMathTarget("exp", 0, 1e-38);
  REQUIRE(tiny.ok());
  auto check = CheckFloat32Exhaustively(*absorbed, *tiny, 2);
  REQUIRE(check.ok());
  CHECK(check->checked > 7000000);
  CHECK(check->max_ulps == 0);
  // A final infinity (1/x at 0) or NaN is no approximation.
  CHECK(std::isinf(WorstError(*ReadProgram("(/ 1.0 x)"), xs, reference).first));
  CHECK(std::isinf(CheckAtDensePoints(*ReadProgram("(/ 1.0 x)"), dense).max_rel_error));
  CHECK(std::isinf(CheckAtDensePoints(*ReadProgram("(* 0.0 (/ 1.0 x))"), dense).max_rel_error));
}

}  // namespace progsearch
