#include "formats/program_reader.h"

#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "dsl/random_term.h"

namespace progsearch {

TEST_CASE("programs print and read back to the same term", "[dsl][reader]") {
  std::vector<Declaration> vars = {{"x", Type::Int()}, {"s", Type::String()}, {"b", *Type::BitVec(8)}};
  ProgramReader reader(BuiltinRegistry(), vars, "<test>");
  for (const char* text : {"(str.++ s \" \")", "(+ x (- 5) (str.len s))", "(ite (= x 0) s (str.from_int x))",
                           "(bvadd b #x0f)", "(str.substr s 0 (str.indexof s \".\" 0))", "(- 9223372036854775808)",
                           "\"a\"\"b\"", "(bvashr b #b00000001)", "(fma 1.5 2.0 (- 0.5))"}) {
    auto t = reader.ReadText(text);
    INFO(text << ": " << (t.ok() ? "" : std::string(t.status().message())));
    REQUIRE(t.ok());
    std::string printed = PrintTerm(**t);
    auto again = reader.ReadText(printed);
    REQUIRE(again.ok());
    CHECK(SameTerm(**t, **again));
    CHECK(PrintTerm(**again) == printed);
  }
}

TEST_CASE("subnormal and huge float literals read back exactly", "[dsl][reader]") {
  ProgramReader reader(BuiltinRegistry(), {}, "<test>");
  for (double v : {std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::denorm_min(),
                   std::numeric_limits<double>::min() / 3, std::numeric_limits<double>::max()}) {
    const std::string printed = PrintTerm(*Term::Constant(Value::Float(v)));
    INFO(printed);
    auto t = reader.ReadText(printed);
    REQUIRE(t.ok());
    REQUIRE((*t)->kind() == TermKind::kConstant);
    CHECK((*t)->value().as_float() == v);
  }
}

TEST_CASE("inputs the fuzzer found read back after printing", "[dsl][reader]") {
  const std::vector<Declaration> vars = {{"x", Type::Int()}, {"f", Type::Float()}};
  ProgramReader reader(BuiltinRegistry(), vars, "<test>");
  for (const char* text : {"-7881e11111111111911111110.77C88", "-1e999.5", "(- 1000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000.5)", "(/ f 0.0)"}) {
    auto t = reader.ReadText(text);
    if (!t.ok()) continue;  // refusing is fine; reading one thing and printing another is not
    const std::string printed = PrintTerm(**t);
    auto again = reader.ReadText(printed);
    INFO(text << " printed as " << printed << ": " << (again.ok() ? PrintTerm(**again) : again.status().ToString()));
    REQUIRE(again.ok());
    CHECK(PrintTerm(**again) == printed);
  }
}

TEST_CASE("the Float values without decimals read as the printer writes them", "[dsl][reader]") {
  ProgramReader reader(BuiltinRegistry(), {}, "<test>");
  for (double v : {INFINITY, -INFINITY, NAN}) {
    const std::string printed = PrintTerm(*Term::Constant(Value::Float(v)));
    auto t = reader.ReadText(printed);
    INFO(printed);
    REQUIRE(t.ok());
    CHECK(PrintTerm(**t) == printed);
  }
  // A minus sign glued to something that is not a number is no number.
  CHECK_FALSE(reader.ReadText("-7881e11.5").ok());
  CHECK_FALSE(reader.ReadText("-1.").ok());
  CHECK((*reader.ReadText("-1.5"))->value().as_float() == -1.5);
}

TEST_CASE("random terms of every domain round-trip through the printer", "[dsl][reader]") {
  const PrimitiveRegistry& r = BuiltinRegistry();
  std::vector<const Primitive*> ops;
  const Type i = Type::Int(), s = Type::String(), b = Type::Bool(), f = Type::Float(), bv = *Type::BitVec(12);
  auto add = [&](const char* name, std::vector<Type> args) { ops.push_back(*r.Resolve(name, args)); };
  add("+", {i, i});
  add("-", {i});
  add("str.++", {s, s});
  add("str.substr", {s, i, i});
  add("str.len", {s});
  add("ite", {b, s, s});
  add("str.contains", {s, s});
  add("bvxor", {bv, bv});
  add("bvult", {bv, bv});
  add("fma", {f, f, f});
  add("<", {f, f});
  std::vector<Declaration> vars = {{"x", i}, {"s", s}};
  RandomTermGenerator gen(ops, vars);
  ProgramReader reader(r, vars, "<random>");
  std::mt19937_64 rng(7);
  Interpreter interpreter;
  std::vector<Value> xs = {Value::Int(0), Value::Int(3), Value::Int(-2)};
  std::vector<Value> ss = {Value::String(""), Value::String("a.b"), Value::String("12")};
  std::vector<ValueColumn> inputs = {ValueColumn::FromValues(i, xs), ValueColumn::FromValues(s, ss)};
  int checked = 0;
  for (int k = 0; k < 2000; ++k) {
    for (const Type& t : {i, s, b, f, bv}) {
      TermPtr term = gen.Generate(t, 5, rng);
      REQUIRE(term != nullptr);
      auto back = reader.ReadText(PrintTerm(*term));
      INFO(PrintTerm(*term));
      REQUIRE(back.ok());
      // (- 5) applied to a literal reads back as the constant -5: after one reading the text is a fixed point,
      // and the term read back computes what the original computes.
      auto again = reader.ReadText(PrintTerm(**back));
      REQUIRE(again.ok());
      CHECK(SameTerm(**back, **again));
      CHECK(PrintTerm(**again) == PrintTerm(**back));
      auto want = interpreter.Evaluate(*term, inputs, 3);
      auto got = interpreter.Evaluate(**back, inputs, 3);
      CHECK(want.ok() == got.ok());
      if (want.ok() && got.ok()) CHECK(*want == *got);
      ++checked;
    }
  }
  CHECK(checked == 10000);
}

TEST_CASE("lambdas read with de Bruijn indices and print back", "[dsl][reader]") {
  ProgramReader reader(BuiltinRegistry(), {{"k", Type::Int()}}, "<test>");
  auto t = reader.ReadText("(lambda ((a Int) (b Int)) (+ a (lambda ((c Int)) (+ c b k))))");
  // The inner lambda is not an Int, so the outer + is ill-typed: a located error.
  REQUIRE_FALSE(t.ok());
  auto ok = reader.ReadText("(lambda ((a Int) (b Int)) (- a b k))");
  REQUIRE(ok.ok());
  const Term& body = *(*ok)->body();
  CHECK(body.args()[0]->kind() == TermKind::kBoundVar);
  CHECK(body.args()[0]->index() == 1);  // a: one binder further out than b
  CHECK(body.args()[1]->index() == 0);
  CHECK(body.args()[2]->kind() == TermKind::kVariable);
  auto again = reader.ReadText(PrintTerm(**ok));
  REQUIRE(again.ok());
  CHECK(SameTerm(**ok, **again));
}

TEST_CASE("let bindings are substituted", "[dsl][reader]") {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Int()}}, "<test>");
  auto t = reader.ReadText("(let ((y (+ x 1))) (* y y))");
  REQUIRE(t.ok());
  CHECK(PrintTerm(**t) == "(* (+ x 1) (+ x 1))");
}

TEST_CASE("type errors name the operator and the types", "[dsl][reader]") {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Int()}}, "in.txt");
  auto t = reader.ReadText("(str.len x)");
  REQUIRE_FALSE(t.ok());
  std::string msg(t.status().message());
  CHECK(msg.rfind("in.txt:1:1:", 0) == 0);
  CHECK(msg.find("str.len") != std::string::npos);
  CHECK(msg.find("(String)") != std::string::npos);
  auto unknown = reader.ReadText("(+ x (frobnicate 1))");
  REQUIRE_FALSE(unknown.ok());
  CHECK(std::string(unknown.status().message()).rfind("in.txt:1:7:", 0) == 0);
}

}  // namespace progsearch
