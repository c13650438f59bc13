#include "approx/float_tape.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "approx/constant_tuning.h"
#include "tests/approx/read_program.h"

namespace progsearch {
TEST_CASE("operation counts are those of straight-line code", "[search][tape]") {
  CHECK(OperationCount(*ReadProgram("x")) == 0);
  CHECK(OperationCount(*ReadProgram("(+ x 1.0)")) == 1);
  CHECK(OperationCount(*ReadProgram("(fma x 2.0 3.0)")) == 2);  // a multiply and an add
  // The same sub-term twice is computed once: (x - 0.5)^2 is a subtraction and a multiply.
  CHECK(OperationCount(*ReadProgram("(* (- x 0.5) (- x 0.5))")) == 2);
  // ... but (x - 0.5) * (x - 0.25) is three operations.
  CHECK(OperationCount(*ReadProgram("(* (- x 0.5) (- x 0.25))")) == 3);
  // P(x)/P(-x) with shared even and odd parts: x*x, E = fma, O = x * fma, E + O, E - O, / -> 9.
  CHECK(OperationCount(*ReadProgram("(/ (+ (fma 0.1 (* x x) 1.0) (* x (fma 0.008 (* x x) 0.5)))"
                             "   (- (fma 0.1 (* x x) 1.0) (* x (fma 0.008 (* x x) 0.5))))")) == 9);
}

TEST_CASE("the tape's derivatives match finite differences, and float32 runs in float", "[threads][search][tape]") {
  TermPtr p = ReadProgram("(/ (fma (fma 0.5 x 4.0) x 15.0) (sqrt (fma (+ x (- 9.0)) x 24.0)))");
  auto tape = FloatTape::Compile(*p);
  REQUIRE(tape);
  REQUIRE(tape->num_parameters() == 5);
  std::vector<double> scratch, gradient(5);
  for (double x : {0.0, 0.3, 0.9}) {
    const double value = tape->Evaluate(x, tape->parameters(), gradient.data(), scratch);
    const double direct = std::fma(std::fma(0.5, x, 4.0), x, 15.0) / std::sqrt(std::fma(x - 9.0, x, 24.0));
    CHECK(value == direct);
    for (size_t j = 0; j < 5; ++j) {
      std::vector<double> up = tape->parameters(), down = tape->parameters();
      const double h = 1e-6 * std::max(1.0, std::fabs(up[j]));
      up[j] += h;
      down[j] -= h;
      const double numeric =
          (tape->Evaluate(x, up, nullptr, scratch) - tape->Evaluate(x, down, nullptr, scratch)) / (2 * h);
      CHECK(gradient[j] == Approx(numeric).epsilon(1e-6));
    }
    std::vector<float> fscratch;
    const float xf = static_cast<float>(x);
    const float expected = std::fma(std::fma(0.5f, xf, 4.0f), xf, 15.0f) / std::sqrt(std::fma(xf - 9.0f, xf, 24.0f));
    CHECK(tape->EvaluateFloat(xf, tape->parameters(), fscratch) == expected);
  }
  // Operations outside the tape's set are refused, not approximated.
  CHECK_FALSE(FloatTape::Compile(*ReadProgram("(exp x)")));
}

TEST_CASE("constants of a shared sub-term are tied, all others are free", "[search][tape]") {
  // The two (- x 0.5) are one node: one parameter. The two 1.0 of the Horner steps are two.
  auto shared = FloatTape::Compile(*ReadProgram("(* (- x 0.5) (- x 0.5))"));
  REQUIRE(shared);
  CHECK(shared->num_parameters() == 1);
  CHECK(shared->occurrence_parameter() == std::vector<int>{0, 0});
  auto horner = FloatTape::Compile(*ReadProgram("(fma (fma 0.5 x 1.0) x 1.0)"));
  REQUIRE(horner);
  CHECK(horner->num_parameters() == 3);
}

TEST_CASE("minimax constant fitting: Remez's answer for polynomials, and any other shape", "[search][tape]") {
  std::vector<double> xs, ref;
  for (int i = 0; i <= 128; ++i) {
    xs.push_back(i / 128.0);
    ref.push_back(std::exp(xs.back()));
  }
  auto max_error = [&](const Term& p) {
    auto tape = *FloatTape::Compile(p);
    std::vector<double> scratch;
    double worst = 0;
    for (size_t i = 0; i < xs.size(); ++i)
      worst = std::max(worst, std::fabs(tape.Evaluate(xs[i], tape.parameters(), nullptr, scratch) - ref[i]) / ref[i]);
    return worst;
  };
  // Taylor's degree-5 polynomial (6e-4 at x = 1) becomes the minimax one (Sollya: 6.7e-7).
  TermPtr taylor = ReadProgram("(fma (fma (fma (fma (fma 0.008333 x 0.041667) x 0.166667) x 0.5) x 1.0) x 1.0)");
  TuningResult fitted = TuneMinimax(taylor, xs, ref, 200);
  CHECK(fitted.error == Approx(max_error(*fitted.program)));
  CHECK(fitted.error < 6.8e-7);
  CHECK(fitted.error > 6.0e-7);  // the minimax error cannot be beaten by a degree-5 polynomial
  CHECK(OperationCount(*fitted.program) == 10);
  // A (3, 2) rational from rough Padé-like numbers fits ten times better in the same ten operations.
  TermPtr rational = ReadProgram("(/ (fma (fma (fma 0.0555 x 0.6) x 4.0) x 6.7) (fma (+ x (- 3.0)) x 6.7))");
  TuningResult r = TuneMinimax(rational, xs, ref, 400);
  CHECK(r.error < 1e-7);
  CHECK(OperationCount(*r.program) == 10);
  // Shared sub-terms stay shared: the operation count does not change.
  TermPtr symmetric = ReadProgram(
      "(/ (+ (fma 0.1 (* x x) 1.0) (* x (fma 0.008 (* x x) 0.5)))"
      "   (- (fma 0.1 (* x x) 1.0) (* x (fma 0.008 (* x x) 0.5))))");
  TuningResult s = TuneMinimax(symmetric, xs, ref, 400);
  CHECK(OperationCount(*s.program) == 9);
  CHECK(s.error < 2e-7);
}

}  // namespace progsearch
