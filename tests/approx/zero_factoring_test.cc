// Relative error where the target vanishes: its simple zeros are factored out of every classical fit,
// so targets such as sin on [0, 1] get baselines and seeds.
#include <catch2/catch.hpp>
#include <cmath>

#include "approx/discover.h"
#include "approx/error_measure.h"
#include "approx/polynomial_baselines.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

MathTarget Target(const std::string& text, double low, double high) {
  auto t = ParseMathTarget(text, low, high);
  REQUIRE(t.ok());
  return *t;
}

}  // namespace

TEST_CASE("the simple zeros a double holds are found: at an end or inside", "[approx][zeros]") {
  CHECK(SimpleZeros(Target("sin", 0, 1)) == std::vector<double>{0.0});
  CHECK(SimpleZeros(Target("(log (+ 1.0 x))", 0, 1)) == std::vector<double>{0.0});
  CHECK(SimpleZeros(Target("log2", 0.7, 1.4)) == std::vector<double>{1.0});
  CHECK(SimpleZeros(Target("(- x 0.25)", -1, 1)) == std::vector<double>{0.25});
  CHECK(SimpleZeros(Target("exp", 0, 1)).empty());  // none
  CHECK(SimpleZeros(Target("(* x x)", -1, 1)).empty());  // a double zero: not simple
  CHECK(SimpleZeros(Target("sin", 3, 4)).empty());  // pi: no double holds it
}

TEST_CASE("fits with the zero factored out have bounded relative error, zero included", "[approx][zeros]") {
  const MathTarget sin01 = Target("sin", 0, 1);
  CHECK_FALSE(MinimaxPolynomial(sin01, 3));  // the plain fit is undefined there
  TermPtr p = MinimaxPolynomialProgram(sin01, 4, SimpleZeros(sin01));
  REQUIRE(p != nullptr);
  CHECK(PrintTerm(*p).rfind("(* x ", 0) == 0);
  const double e = MaxRelativeError(*p, sin01, 4097);
  CHECK(e < 1e-4);
  CHECK(e > 0);
  // log2 on [0.7, 1.4]: (* (- x 1.0) q), exact at 1.
  const MathTarget log2 = Target("log2", 0.7, 1.4);
  TermPtr q = MinimaxPolynomialProgram(log2, 5, {1.0});
  REQUIRE(q != nullptr);
  CHECK(PrintTerm(*q).rfind("(* (- x 1.0) ", 0) == 0);
  CHECK(MaxRelativeError(*q, log2, 4097) < 1e-4);
  TermPtr r = MinimaxRational(log2, 2, 2, 257, {1.0});
  REQUIRE(r != nullptr);
  CHECK(MaxRelativeError(*r, log2, 4097) < MaxRelativeError(*q, log2, 4097));
}

TEST_CASE("discover gives such targets baselines, and refuses an undefined one", "[approx][zeros]") {
  for (const char* target : {"sin", "(log (+ 1.0 x))"}) {
    INFO(target);
    DiscoverConfig config;
    config.set_target(target);
    config.set_dense_points(0);
    config.mutable_approximation()->set_max_cycles(50);
    config.mutable_approximation()->mutable_search()->set_max_ops(8);
    config.mutable_approximation()->mutable_search()->set_population(20);
    auto report = Discover(config);
    REQUIRE(report.ok());
    CHECK(report->baselines.minimax.size() >= 3);
    CHECK_FALSE(report->baselines.rational.empty());
    for (const BaselinePoint& b : report->baselines.minimax) CHECK(std::isfinite(b.max_rel_error));
    REQUIRE(report->result.classical.has_value());  // the search was seeded with them
    CHECK_FALSE(report->result.classical->polynomials.empty());
  }
  DiscoverConfig undefined;
  undefined.set_target("log");
  undefined.set_low(-1);
  undefined.set_high(0);
  auto refused = Discover(undefined);
  REQUIRE_FALSE(refused.ok());
  CHECK(absl::IsInvalidArgument(refused.status()));
  CHECK(std::string(refused.status().message()).find("log is undefined (NaN) at x = -1 ") == 0);
}

}  // namespace progsearch
