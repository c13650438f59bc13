#include "approx/certify.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "approx/dense_check.h"
#include "tests/approx/read_program.h"

namespace progsearch {
namespace {

MathTarget Target(const char* name, double low, double high) {
  auto t = ParseMathTarget(name, low, high);
  REQUIRE(t.ok());
  return *t;
}

// The 10^6-point MPFR check of a program: the sampled figure a certificate must not undercut.
double Sampled(const Term& program, const MathTarget& target) {
  auto reference = MakeDenseReference(target, 1000000, 2);
  REQUIRE(reference.ok());
  return CheckAtDensePoints(program, *reference).max_rel_error;
}

}  // namespace

TEST_CASE("certify: a bound at least the sampled error and within 2x of it", "[certify][threads]") {
  struct Case {
    const char* target;
    double low, high;
    const char* program;
  };
  const Case cases[] = {
      // The 9-operation exp core of issue 29, with c/x terms that IEEE absorbs at x = 0.
      {"exp", -0.34657359027997264, 0.34657359027997264,
       "(+ (/ 40.03005319084194 (+ (+ (/ 40.03005319085349 x) (- 20.015026595421038)) (+ (/ 93.50370996296711 "
       "(fma x 0.9527892795617297 (/ 40.03005319085349 x))) x))) 0.9999999999999999)"},
      // Taylor of degree 5 for exp on [0, 1], and a degree-3 fit of log(1 + x) with the zero at 0 factored.
      {"exp", 0, 1,
       "(fma (fma (fma (fma (fma 0.008333333333333333 x 0.041666666666666664) x 0.16666666666666666) x 0.5) x 1.0) x 1.0)"},
      {"(log (+ 1.0 x))", -0.0039, 0.0039, "(* x (fma x (fma x 0.3333248571120229 (- 0.5000028393139319)) 1.0))"},
      // An 8-operation exp2 program of discover --centre: its c/t poles sit at x = 1/2, inside.
      {"exp2", 0, 1,
       "(+ 1.4142135623730951 (/ 88.60497260359637 (- (- (- (- x 0.5) (/ (- 90.38942773602334) (- x 0.5))) "
       "(/ (- 236.72890105061248) (- (- x 0.5) (/ (- 90.38942773602334) (- x 0.5))))) 31.326588487425735)))"},
  };
  for (const Case& c : cases) {
    INFO(c.program);
    const MathTarget target = Target(c.target, c.low, c.high);
    const TermPtr program = ReadProgram(c.program);
    auto certificate = CertifyRelativeError(*program, target);
    REQUIRE(certificate.ok());
    INFO(certificate->reason << " after " << certificate->pieces << " pieces, " << certificate->seconds << " s");
    REQUIRE(certificate->certified);
    const double sampled = Sampled(*program, target);
    INFO("bound " << certificate->bound << " sampled " << sampled << " pieces " << certificate->pieces);
    CHECK(certificate->bound >= sampled);
    if (sampled > 1e-13) CHECK(certificate->bound <= 2 * sampled);
    CHECK(certificate->lower <= certificate->bound);
    CHECK(certificate->subnormals_excluded == (std::string(c.target) == "(log (+ 1.0 x))"));
  }
}

TEST_CASE("certify: a claimed error below the truth is refuted", "[certify]") {
  // Taylor of degree 3 for exp on [0, 1]: its error at 1 is about 1.9e-2 / e = 7e-3.
  const MathTarget target = Target("exp", 0, 1);
  const TermPtr cubic = ReadProgram("(fma (fma (fma 0.16666666666666666 x 0.5) x 1.0) x 1.0)");
  auto certificate = CertifyRelativeError(*cubic, target);
  REQUIRE(certificate.ok());
  REQUIRE(certificate->certified);
  const double claimed = 1e-3;
  // The certificate's own lower bound, an exact error at some x, is above the claim: refuted.
  CHECK(certificate->lower > claimed);
  CHECK(certificate->bound >= certificate->lower);
  CHECK(certificate->bound == Approx(std::exp(-1.0) * (std::exp(1.0) - 1 - 1 - 0.5 - 1.0 / 6)).epsilon(0.15));
}

TEST_CASE("certify: a program at the rounding floor is certified within the piece budget", "[certify]") {
  // exp2 on [0, 1], 10 operations from a discover run under fma counting 1: the exact error is far below
  // the double rounding, so the rounding analysis sets the bound. Pieces once split here until the
  // budget ran out (minutes, no certificate).
  const MathTarget target = Target("exp2", 0, 1);
  const TermPtr program = ReadProgram(
      "(fma x (* (fma x (fma x (fma x (fma (fma (fma x (fma (fma x (- 0.0000000011644324707160614) (- 0.000"
      "00002912060299225765)) x (- 0.0000005293786336822655)) (- 0.000009756580988457435)) x (- 0.000164740"
      "09322266345)) x (- 0.002166103188140336)) (- 0.02083350896992502)) (- 0.14427072034635033)) (- 0.832"
      "554611157704)) (fma x (fma x (fma x (fma (fma (fma x (fma (fma x (- 0.0000000011644324707160614) (- "
      "0.00000002912060299225765)) x (- 0.0000005293786336822655)) (- 0.000009756580988457435)) x (- 0.0001"
      "6474009322266345)) x (- 0.002166103188140336)) (- 0.02083350896992502)) (- 0.14427072034635033)) (- "
      "0.832554611157704))) 0.9999999999999999)");
  auto certificate = CertifyRelativeError(*program, target);
  REQUIRE(certificate.ok());
  INFO(certificate->reason << " after " << certificate->pieces << " pieces");
  REQUIRE(certificate->certified);
  CHECK(certificate->pieces < 100000);
  CHECK(certificate->bound >= Sampled(*program, target));
  CHECK(certificate->bound < 1e-15);
}

// Sollya's supnorm encloses the sup of |p/f - 1| for a polynomial p: the approximation part of the
// certificate (computed with a tight acceptance) must lie inside it, up to that acceptance.
TEST_CASE("certify: the approximation part agrees with Sollya's supnorm", "[certify]") {
  if (std::system("command -v sollya >/dev/null 2>&1") != 0) {
    WARN("sollya is not installed (scripts/install-deps sollya): skipped");
    return;
  }
  const MathTarget target = Target("exp", 0, 1);
  const double c[] = {0.008333333333333333, 0.041666666666666664, 0.16666666666666666, 0.5};
  const TermPtr p = ReadProgram(
      "(fma (fma (fma (fma (fma 0.008333333333333333 x 0.041666666666666664) x 0.16666666666666666) x 0.5) x 1.0) x 1.0)");
  CertifyOptions tight;
  tight.tightness = 1e-6;
  auto certificate = CertifyRelativeError(*p, target, tight);
  REQUIRE(certificate.ok());
  REQUIRE(certificate->certified);
  char script[] = "/tmp/progsearch-sollya-XXXXXX";
  const int fd = mkstemp(script);
  REQUIRE(fd >= 0);
  close(fd);
  {
    std::ofstream out(script);
    out << "prec=200;\n";
    char poly[512];
    std::snprintf(poly, sizeof poly, "p = 1 + x*(1 + x*(D(%.17g) + x*(D(%.17g) + x*(D(%.17g) + x*D(%.17g)))));\n", c[3],
                  c[2], c[1], c[0]);
    out << poly << "s = supnorm(p, exp(x), [0;1], relative, 2^-40);\nprint(inf(s));\nprint(sup(s));\n";
  }
  FILE* run = popen((std::string("sollya --warnonstderr < ") + script + " 2>/dev/null").c_str(), "r");
  REQUIRE(run != nullptr);
  std::vector<double> numbers;
  char line[512];
  while (std::fgets(line, sizeof line, run)) {
    char* end = nullptr;
    const double v = std::strtod(line, &end);
    if (end != line && v > 0) numbers.push_back(v);
  }
  pclose(run);
  std::remove(script);
  REQUIRE(numbers.size() >= 2);
  const double low = numbers[numbers.size() - 2], high = numbers.back();
  INFO("sollya [" << low << ", " << high << "], ours " << certificate->approximation);
  CHECK(certificate->approximation >= low);
  CHECK(certificate->approximation <= high * (1 + 2e-6));
  // The rounding part comes on top: a few units in 2^-53.
  CHECK(certificate->rounding > 0);
  CHECK(certificate->rounding < 1e-15);
}

TEST_CASE("certify: programs whose double rounding is unspecified are refused", "[certify]") {
  const MathTarget target = Target("exp", 0, 1);
  auto refused = CertifyRelativeError(*ReadProgram("(exp x)"), target);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == absl::StatusCode::kUnimplemented);
}

TEST_CASE("certify: a target zero the program misses is no certificate", "[certify]") {
  // log(1 + x) vanishes at 0; 0.5 + x does not.
  const MathTarget target = Target("(log (+ 1.0 x))", -0.1, 0.1);
  auto certificate = CertifyRelativeError(*ReadProgram("(+ x 0.5)"), target);
  REQUIRE(certificate.ok());
  CHECK_FALSE(certificate->certified);
  CHECK(std::isinf(certificate->bound));
}

}  // namespace progsearch
