// The public API's search spaces and programs, used through include/progsearch/ only.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "progsearch/progsearch.h"

namespace progsearch {

TEST_CASE("a space of built-in and user operators reads, prints and evaluates programs", "[threads][api][space]") {
  SearchSpace space = SearchSpace::Arithmetic({"x", "y"});
  space.AddFloatOperator("softplus", 1, [](const double* a) { return std::log1p(std::exp(a[0])); });
  space.AddBuiltin("fma", {ValueKind::kFloat, ValueKind::kFloat, ValueKind::kFloat});
  const Program p = space.Parse("(+ (softplus x) (fma x y 1.0))");
  CHECK(p.ToString() == "(+ (softplus x) (fma x y 1.0))");
  CHECK(p.Size() == 7);
  CHECK(p.result_kind() == ValueKind::kFloat);
  const double want = std::log1p(std::exp(0.5)) + (0.5 * 2.0 + 1.0);
  CHECK(std::get<double>(p({0.5, 2.0})) == Approx(want).epsilon(1e-15));
  const std::vector<double> many = p.EvaluateFloats({{0.5, -1.0}, {2.0, 3.0}});
  REQUIRE(many.size() == 2);
  CHECK(many[0] == Approx(want).epsilon(1e-15));
  CHECK(many[1] == Approx(std::log1p(std::exp(-1.0)) + (-3.0 + 1.0)).epsilon(1e-15));
  // A user operator has no C form; the built-in ones do.
  CHECK_THROWS_AS(p.ToC(), Error);
  CHECK(space.Parse("(* x (+ y 0.5))").ToC() == "(x * (y + (0x1p-1)))");
  const std::vector<std::string> described = space.Describe();
  REQUIRE(described.size() == 6);
  CHECK(described[4] == "softplus: (Float) -> Float (user)");
}

TEST_CASE("your operator declares its C spelling", "[threads][api][space]") {
  SearchSpace space = SearchSpace::Arithmetic({"x", "y"});
  space.AddFloatOperator("softplus", 1, [](const double* a) { return std::log1p(std::exp(a[0])); });
  space.AddFloatOperator("mix", 3, [](const double* a) { return a[0] * a[2] + a[1] * (1 - a[2]); });
  const Program p = space.Parse("(+ (softplus x) (mix x y 0.5))");
  CHECK_THROWS_WITH(p.ToC(), Catch::Contains("'softplus' has no C form"));
  space.SetCForm("softplus", "log1p(exp({0}))");
  space.SetCForm("mix", [](const std::vector<std::string>& a) { return a[0] + " * " + a[2] + " + " + a[1] + " * (1 - " + a[2] + ")"; });
  CHECK(p.ToC() == "((log1p(exp(x))) + (x * (0x1p-1) + y * (1 - (0x1p-1))))");
  // A format is checked against the operator's arity; only your own operators take one.
  CHECK_THROWS_WITH(space.SetCForm("mix", "f({3})"), Catch::Contains("must use {0} to {2} for the 3 arguments"));
  CHECK_THROWS_WITH(space.SetCForm("mix", "f({0)"), Catch::Contains("must use {0} to {2}"));
  CHECK_THROWS_WITH(space.SetCForm("mix", "f({0})}"), Catch::Contains("'}' without its '{'"));
  CHECK_THROWS_WITH(space.SetCForm("+", "add({0}, {1})"), Catch::Contains("not an operator added to this space"));
  CHECK_THROWS_WITH(space.SetCForm("nothing", "f()"), Catch::Contains("not an operator added to this space"));
}

TEST_CASE("a Float column operator gets whole columns", "[threads][api][space]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  size_t calls = 0;
  space.AddFloatColumnOperator("halve", 1, [&calls](const std::vector<const double*>& args, size_t rows, double* out) {
    ++calls;
    for (size_t i = 0; i < rows; ++i) out[i] = args[0][i] / 2;
  });
  const std::vector<double> got = space.Parse("(+ (halve x) 1.0)").EvaluateFloats({{2.0, 4.0, 6.0}});
  CHECK(got == std::vector<double>{2.0, 3.0, 4.0});
  CHECK(calls == 1);
}

TEST_CASE("column operators of any kind, and their failures", "[threads][api][space]") {
  SearchSpace space({{"s", ValueKind::kString}, {"n", ValueKind::kInt}}, ValueKind::kString);
  space.AddColumnOperator("repeat", {ValueKind::kString, ValueKind::kInt}, ValueKind::kString,
                          [](const std::vector<const std::vector<Scalar>*>& args, std::vector<Scalar>& out) {
                            for (size_t i = 0; i < out.size(); ++i) {
                              const int64_t times = std::get<int64_t>((*args[1])[i]);
                              if (times < 0) throw std::invalid_argument("negative count");
                              std::string r;
                              for (int64_t k = 0; k < times; ++k) r += std::get<std::string>((*args[0])[i]);
                              out[i] = r;
                            }
                          });
  space.AddBuiltin("str.++", {ValueKind::kString, ValueKind::kString});
  const Program p = space.Parse("(str.++ (repeat s n) \"!\")");
  const std::vector<Scalar> out = p.Evaluate({{std::string("ab"), std::string("c")}, {int64_t{2}, int64_t{3}}});
  CHECK(std::get<std::string>(out[0]) == "abab!");
  CHECK(std::get<std::string>(out[1]) == "ccc!");
  // A throw inside the operator is an evaluation error of the program, reported as Error.
  CHECK_THROWS_AS(p({std::string("x"), int64_t{-1}}), Error);
}

TEST_CASE("built-in domains give their operators at the space's kinds", "[threads][api][space]") {
  const SearchSpace strings = SearchSpace::Domain("strings", {{"s", ValueKind::kString}}, ValueKind::kString);
  CHECK(std::get<std::string>(strings.Parse("(str.substr s 0 (str.indexof s \" \" 0))")({std::string("ab cd")})) ==
        "ab");
  CHECK(strings.Describe().size() == 17);
  const SearchSpace lia = SearchSpace::Domain("lia", {{"x", ValueKind::kInt}, {"y", ValueKind::kInt}}, ValueKind::kInt);
  CHECK(std::get<int64_t>(lia.Parse("(ite (< x y) y (mod x 7))")({int64_t{10}, int64_t{3}})) == 3);
  const SearchSpace floats = SearchSpace::Domain("float", {{"x", ValueKind::kFloat}}, ValueKind::kFloat);
  CHECK(std::get<double>(floats.Parse("(fma x x (sqrt x))")({4.0})) == 18.0);
  CHECK_THROWS_WITH(SearchSpace::Domain("bv", {}, ValueKind::kInt), Catch::Contains("unknown domain"));
  // A domain's space evolves like any other.
  EvolveOptions options;
  options.max_cycles = 50;
  const EvolveResult r = Evolve(lia, {{int64_t{1}, int64_t{5}}, {int64_t{2}, int64_t{3}}},
                                [](const Program& p) { return static_cast<double>(p.Size()); }, options);
  CHECK(r.best.result_kind() == ValueKind::kInt);
}

TEST_CASE("mistakes in a space are refused with what is wrong", "[threads][api][space]") {
  SearchSpace space = SearchSpace::Arithmetic({"x"});
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message([&] { space.AddBuiltin("frobnicate", {ValueKind::kFloat}); }).find("unknown operator") !=
        std::string::npos);
  CHECK(message([&] { space.AddBuiltin("str.len", {ValueKind::kFloat}); }).find("str.len") != std::string::npos);
  CHECK(message([&] { space.AddFloatOperator("+", 2, [](const double* a) { return a[0]; }); })
            .find("already defined") != std::string::npos);
  CHECK(message([&] { space.AddFloatOperator("2x", 1, [](const double* a) { return a[0]; }); })
            .find("not a simple SMT-LIB symbol") != std::string::npos);
  CHECK(message([&] { space.Parse("(+ x"); }).find("<program>:1:1") != std::string::npos);
  CHECK(message([&] { SearchSpace({{"x", ValueKind::kInt}, {"x", ValueKind::kInt}}, ValueKind::kInt); })
            .find("twice") != std::string::npos);
  CHECK(message([&] { space.Parse("(+ x 1.0)")({std::string("a")}); }).find("expected a Float") != std::string::npos);
}

}  // namespace progsearch
