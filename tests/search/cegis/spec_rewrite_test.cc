#include "search/cegis/spec_rewrite.h"

#include <catch2/catch.hpp>

#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// `text` read over the declared variables x and y (Int) and u (Float).
TermPtr Read(const Task& task, const char* text) {
  ProgramReader reader(*task.registry, task.declared_vars, "<test>");
  auto t = reader.ReadText(text);
  INFO(text << ": " << (t.ok() ? "" : std::string(t.status().message())));
  REQUIRE(t.ok());
  return *t;
}

std::string Simplified(const Task& task, const char* text) {
  return PrintTerm(*Simplify(Read(task, text), *task.registry));
}

const char* kTask = R"((set-logic ALL)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(declare-var u Float64)
(constraint (and (=> (> x 3) (= (f x y) 2)) (or (= (f x y) y) (>= (f x y) (f x y)))))
(check-synth))";

}  // namespace

TEST_CASE("spec rewrites: simplification folds what substitution leaves", "[search][cegis]") {
  Task task = ParseTask(kTask);
  const Primitive* f = task.synth_funs[0].primitive;
  TermPtr two = Term::Constant(Value::Int(2));
  // f := 2: (= 2 2) is true, the implication is true, (>= 2 2) is true.
  CHECK(PrintTerm(*Simplify(ReplaceCalls(task.spec[0], f, two), *task.registry)) == "true");
  // f := 3: (=> (> x 3) false) is (not (> x 3)); the disjunction is true by (>= 3 3).
  CHECK(PrintTerm(*Simplify(ReplaceCalls(task.spec[0], f, Term::Constant(Value::Int(3))), *task.registry)) ==
        "(not (> x 3))");
  CHECK(Mentions(*task.spec[0], f));
  CHECK_FALSE(Mentions(*ReplaceCalls(task.spec[0], f, two)));
  // The Int sub-terms without f: x, 3, y, 2; smallest first.
  CHECK(SubtermsOfType(task.spec, Type::Int()).size() == 4);
}

TEST_CASE("spec rewrites: identities and what they must not touch", "[search][cegis]") {
  Task task = ParseTask(kTask);
  CHECK(Simplified(task, "(+ (- x 0) (* 1 y))") == "(+ x y)");
  CHECK(Simplified(task, "(ite (< x x) y (+ 2 3))") == "5");
  CHECK(Simplified(task, "(and (<= y y) (or false (> x 1)))") == "(> x 1)");
  CHECK(Simplified(task, "(not (not (= x y)))") == "(= x y)");
  CHECK(Simplified(task, "(ite (> x 1) y y)") == "y");
  // Float's <= is false on NaN: (fp <= u u) is not true for every u. Float = is identity.
  CHECK(Simplified(task, "(<= u u)") == "(<= u u)");
  CHECK(Simplified(task, "(= u u)") == "true");
  // A closed term that overflows stays as it is.
  CHECK(Simplified(task, "(+ 9223372036854775807 1)") == "(+ 9223372036854775807 1)");
}

TEST_CASE("spec rewrites: inlining a body binds each application's own arguments", "[search][cegis]") {
  Task task = ParseTask(kTask);
  const Primitive* f = task.synth_funs[0].primitive;
  // f(a, b) := a - b, inlined into (f (f x y) y): the inner application first.
  const TermPtr body = Read(task, "(- x y)");  // Variable(0) and Variable(1) are f's parameters here
  const TermPtr nested =
      Term::Apply(f, Type::Int(), {Term::Apply(f, Type::Int(), {Read(task, "x"), Read(task, "y")}), Read(task, "y")});
  CHECK(PrintTerm(*InlineCalls(nested, f, body)) == "(- (- x y) y)");
  // ReplaceCalls replaces the application whatever its arguments.
  CHECK(PrintTerm(*ReplaceCalls(nested, f, Read(task, "7"))) == "7");
}

}  // namespace progsearch
