#include "approx/c_printer.h"

#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

TermPtr Read(const char* text, std::vector<Declaration> variables = {{"x", Type::Float()}}) {
  ProgramReader reader(BuiltinRegistry(), std::move(variables), "<c-printer-test>");
  auto t = reader.ReadText(text);
  INFO(text << ": " << t.status().ToString());
  REQUIRE(t.ok());
  return *t;
}

uint64_t Bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

}  // namespace

TEST_CASE("Float constants print as hexadecimal literals that read back to the same double", "[approx][c]") {
  // Values a short decimal would round: thirds, subnormals, the extremes, and the sign of zero.
  for (double d : {0.1, -1.0 / 3, 2.0 / 3, 1e-310, DBL_MIN, DBL_MAX, -DBL_MAX, std::nextafter(1.0, 2.0), -0.0, 0.0, 1.0,
                   1234.5678e-9}) {
    auto c = ProgramToC(*Term::Constant(Value::Float(d)), "x");
    REQUIRE(c.ok());
    INFO(*c);
    // One parenthesized literal, so a leading minus can never merge with an operator before it.
    REQUIRE(c->size() > 2);
    CHECK(c->front() == '(');
    CHECK(c->back() == ')');
    const std::string literal = c->substr(1, c->size() - 2);
    CHECK(literal.find(std::signbit(d) ? "-0x" : "0x") == 0);
    char* end = nullptr;
    const double back = std::strtod(literal.c_str(), &end);
    CHECK(*end == '\0');
    CHECK(Bits(back) == Bits(d));
  }
}

TEST_CASE("infinities and NaN print as <math.h>'s macros, which C has instead of literals", "[approx][c]") {
  CHECK(*ProgramToC(*Term::Constant(Value::Float(INFINITY)), "x") == "(INFINITY)");
  CHECK(*ProgramToC(*Term::Constant(Value::Float(-INFINITY)), "x") == "(-INFINITY)");
  CHECK(*ProgramToC(*Term::Constant(Value::Float(std::nan(""))), "x") == "(NAN)");
  CHECK(*ProgramToC(*Read("(fmin x (/ 1.0 0.0))"), "x") == "fmin(x, ((0x1p+0) / (0x0p+0)))");
}

TEST_CASE("a Float program prints with every operation parenthesized", "[approx][c]") {
  // Nesting decides evaluation order in C exactly as in the term: x - (y - z) must not lose its brackets.
  const std::vector<Declaration> xyz = {{"x", Type::Float()}, {"y", Type::Float()}, {"z", Type::Float()}};
  const std::vector<std::string> names = {"a", "b[1]", "c"};
  auto sub = ProgramToC(*Read("(- x (- y z))", xyz), names);
  REQUIRE(sub.ok());
  CHECK(*sub == "(a - (b[1] - c))");
  auto mixed = ProgramToC(*Read("(fma (- x) (sqrt y) (/ z 2.0))", xyz), names);
  REQUIRE(mixed.ok());
  CHECK(*mixed == "fma((-a), sqrt(b[1]), (c / (0x1p+1)))");
  // A negated negative constant keeps both signs apart: "--" would be C's decrement.
  auto negated = ProgramToC(*Read("(- (* x (- 0.5)))"), "t");
  REQUIRE(negated.ok());
  CHECK(*negated == "(-(t * (-0x1p-1)))");
}

TEST_CASE("in float arithmetic constants are the floats the float32 tape uses, with an f suffix", "[threads][approx][c]") {
  // Doubles that are not floats round to nearest, as static_cast<float> does; floats print exactly.
  for (double d : {0.1, -1.0 / 3, 1.5, 1e-40, -0.0, 3.4e38, 1e39}) {
    auto c = ProgramToC(*Term::Constant(Value::Float(d)), "x", CArithmetic::kFloat);
    REQUIRE(c.ok());
    INFO(d << ": " << *c);
    const float want = static_cast<float>(d);
    if (std::isinf(want)) {
      CHECK(*c == (want > 0 ? "(INFINITY)" : "(-INFINITY)"));
      continue;
    }
    REQUIRE(c->size() > 3);
    CHECK(c->substr(c->size() - 2) == "f)");
    const std::string literal = c->substr(1, c->size() - 3);
    char* end = nullptr;
    const float back = std::strtof(literal.c_str(), &end);
    CHECK(*end == '\0');
    CHECK(std::memcmp(&back, &want, sizeof back) == 0);
  }
}

TEST_CASE("in float arithmetic <math.h> calls are the float functions, elementary ones computed in double",
          "[approx][c]") {
  auto c = ProgramToC(*Read("(fma (fabs x) (sqrt x) (fmax (exp2 x) (fmin x 2.0)))"), "x", CArithmetic::kFloat);
  REQUIRE(c.ok());
  CHECK(*c == "fmaf(fabsf(x), sqrtf(x), fmaxf(((float)exp2((double)x)), fminf(x, (0x1p+1f))))");
  CHECK(std::string(CTypeName(CArithmetic::kFloat)) == "float");
  CHECK(std::string(CTypeName(CArithmetic::kDouble)) == "double");
}

TEST_CASE("the one-name form prints every variable with that name", "[approx][c]") {
  const std::vector<Declaration> xy = {{"x", Type::Float()}, {"y", Type::Float()}};
  auto c = ProgramToC(*Read("(+ x (* y x))", xy), "u");
  REQUIRE(c.ok());
  CHECK(*c == "(u + (u * u))");
}

TEST_CASE("a variable past the names is InvalidArgument, however deep it sits", "[approx][c]") {
  const std::vector<Declaration> xyz = {{"x", Type::Float()}, {"y", Type::Float()}, {"z", Type::Float()}};
  const TermPtr program = Read("(+ x (fmin 1.0 (exp z)))", xyz);
  const std::vector<std::string> three = {"x", "y", "z"};
  auto fine = ProgramToC(*program, three);
  REQUIRE(fine.ok());
  CHECK(*fine == "(x + fmin((0x1p+0), exp(z)))");
  const std::vector<std::string> two = {"x", "y"};
  auto short_names = ProgramToC(*program, two);
  REQUIRE_FALSE(short_names.ok());
  CHECK(absl::IsInvalidArgument(short_names.status()));
  CHECK(std::string(short_names.status().message()).find("#2") != std::string::npos);
  // No names at all: even a lone variable fails.
  auto none = ProgramToC(*Read("x"), std::span<const std::string>());
  CHECK(absl::IsInvalidArgument(none.status()));
}

TEST_CASE("comparisons and non-Float terms have no C form", "[approx][c]") {
  // Comparisons are Bool-valued; the message names the operator.
  auto compared = ProgramToC(*Read("(<= x 0.5)"), "x");
  CHECK(absl::IsUnimplemented(compared.status()));
  CHECK(std::string(compared.status().message()).find("'<='") != std::string::npos);
  // ite is a core operator, not a Float one, even where its branches are Float.
  auto guarded = ProgramToC(*Read("(ite (< x 0.0) (- x) x)"), "x");
  CHECK(absl::IsUnimplemented(guarded.status()));
  // Int and Bool programs and constants are not Float arithmetic, even where C could spell them.
  const std::vector<Declaration> n = {{"n", Type::Int()}};
  CHECK(absl::IsUnimplemented(ProgramToC(*Read("(+ n 1)", n), "n").status()));
  CHECK(absl::IsUnimplemented(ProgramToC(*Term::Constant(Value::Int(3)), "x").status()));
  CHECK(absl::IsUnimplemented(ProgramToC(*Term::Constant(Value::Bool(true)), "x").status()));
  // An Int constant inside a Float program is caught where it sits, not printed as an integer.
  const TermPtr mul = Read("(* x 2.0)");
  const TermPtr with_int = Term::Apply(mul->op(), Type::Float(), {mul->args()[0], Term::Constant(Value::Int(2))});
  CHECK(absl::IsUnimplemented(ProgramToC(*with_int, "x").status()));
  // A grammar hole is not a program.
  CHECK(absl::IsUnimplemented(ProgramToC(*Term::Hole(0, "Start", Type::Float()), "x").status()));
}

}  // namespace progsearch
