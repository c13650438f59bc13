#include "search/cegis/oracle.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "search/cegis/technique.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// An oracle over the spec's one application of f, as the enumeration technique builds it.
struct Fixture {
  Task task;
  TermPtr call;
  std::unique_ptr<SpecOracle> oracle;

  explicit Fixture(const std::string& text) : task(ParseTask(text)) {
    auto problem = CegisProblem::Analyze(task);
    REQUIRE(problem.ok());
    REQUIRE(problem->single_invocation());
    call = problem->call();
    oracle = std::make_unique<SpecOracle>(task, call);
    const absl::Status init = oracle->Init();
    INFO(init.ToString());
    REQUIRE(init.ok());
  }
};

std::vector<Value> Ints(std::initializer_list<int64_t> values) {
  std::vector<Value> out;
  for (int64_t v : values) out.push_back(Value::Int(v));
  return out;
}

const char* kForced = R"((set-logic LIA)
(synth-fun f ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (f (+ x 1) y) (- (* 3 x) y)))
(check-synth))";

}  // namespace

TEST_CASE("the oracle's example is f's arguments at the point and the value the spec forces", "[threads][cegis][oracle]") {
  Fixture fx(kForced);
  bool unrealizable = true;  // must be cleared by a point that has an answer
  auto example = fx.oracle->ExampleAt(Ints({4, 2}), std::nullopt, unrealizable);
  REQUIRE(example.ok());
  REQUIRE(example->has_value());
  CHECK_FALSE(unrealizable);
  // f is applied to x + 1 and y, so the example's inputs are those, not the point itself.
  CHECK((*example)->inputs == Ints({5, 2}));
  CHECK((*example)->output == Value::Int(10));
  // The forced value excluded, nothing is left: unrealizable there.
  auto other = fx.oracle->ExampleAt(Ints({4, 2}), Value::Int(10), unrealizable);
  REQUIRE(other.ok());
  CHECK_FALSE(other->has_value());
  CHECK(unrealizable);
  // Excluding some other value changes nothing.
  auto again = fx.oracle->ExampleAt(Ints({-1, 7}), Value::Int(10), unrealizable);
  REQUIRE(again.ok());
  REQUIRE(again->has_value());
  CHECK_FALSE(unrealizable);
  CHECK((*again)->inputs == Ints({0, 7}));
  CHECK((*again)->output == Value::Int(-10));
}

TEST_CASE("where the spec allows several values, excluding one gives another", "[threads][cegis][oracle]") {
  Fixture fx(R"((set-logic LIA)
(synth-fun f ((a Int)) Int)
(declare-var x Int)
(constraint (>= (f x) x))
(constraint (<= (f x) (+ x 1)))
(check-synth))");
  bool unrealizable = false;
  auto first = fx.oracle->ExampleAt(Ints({5}), std::nullopt, unrealizable);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  const Value v = (*first)->output;
  CHECK((v == Value::Int(5) || v == Value::Int(6)));
  auto second = fx.oracle->ExampleAt(Ints({5}), v, unrealizable);
  REQUIRE(second.ok());
  REQUIRE(second->has_value());
  CHECK_FALSE(unrealizable);
  CHECK((*second)->output != v);
  CHECK(((*second)->output == Value::Int(5) || (*second)->output == Value::Int(6)));
}

TEST_CASE("a point that constrains nothing gives no example, and neither does an unrealizable one", "[threads][cegis][oracle]") {
  // At x = 0 f must lie strictly between 0 and 1; for x > 0 it must be x; below 0 anything goes.
  Fixture fx(R"((set-logic LIA)
(synth-fun f ((a Int)) Int)
(declare-var x Int)
(constraint (=> (> x 0) (= (f x) x)))
(constraint (=> (= x 0) (and (> (f x) 0) (< (f x) 1))))
(check-synth))");
  bool unrealizable = true;
  auto unconstrained = fx.oracle->ExampleAt(Ints({-3}), std::nullopt, unrealizable);
  REQUIRE(unconstrained.ok());
  CHECK_FALSE(unconstrained->has_value());
  CHECK_FALSE(unrealizable);  // any value will do: that is not unrealizable
  auto impossible = fx.oracle->ExampleAt(Ints({0}), std::nullopt, unrealizable);
  REQUIRE(impossible.ok());
  CHECK_FALSE(impossible->has_value());
  CHECK(unrealizable);
  auto forced = fx.oracle->ExampleAt(Ints({8}), std::nullopt, unrealizable);
  REQUIRE(forced.ok());
  REQUIRE(forced->has_value());
  CHECK_FALSE(unrealizable);
  CHECK((*forced)->output == Value::Int(8));
}

TEST_CASE("a value f must return beyond 64 bits is OutOfRange", "[threads][cegis][oracle]") {
  Fixture fx(R"((set-logic LIA)
(synth-fun f ((a Int)) Int)
(declare-var x Int)
(constraint (= (f x) (* x x)))
(check-synth))");
  bool unrealizable = false;
  auto small = fx.oracle->ExampleAt(Ints({3000000000}), std::nullopt, unrealizable);  // 9e18 still fits
  REQUIRE(small.ok());
  REQUIRE(small->has_value());
  CHECK((*small)->output == Value::Int(9000000000000000000));
  auto big = fx.oracle->ExampleAt(Ints({int64_t{1} << 33}), std::nullopt, unrealizable);
  CHECK(big.status().code() == absl::StatusCode::kOutOfRange);
}

TEST_CASE("the oracle answers for String functions too", "[threads][cegis][oracle]") {
  Fixture fx(R"((set-logic SLIA)
(synth-fun f ((s String)) String)
(declare-var w String)
(constraint (= (f w) (str.++ w "!")))
(check-synth))");
  bool unrealizable = false;
  auto example = fx.oracle->ExampleAt({Value::String("ab")}, std::nullopt, unrealizable);
  REQUIRE(example.ok());
  REQUIRE(example->has_value());
  CHECK((*example)->inputs == std::vector<Value>{Value::String("ab")});
  CHECK((*example)->output == Value::String("ab!"));
}

TEST_CASE("constraining points avoid the points given, until none is left", "[threads][cegis][oracle]") {
  // Only (0, 2) and (1, 2) constrain f.
  Fixture fx(R"((set-logic LIA)
(synth-fun f ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (=> (and (>= x 0) (<= x 1) (= y 2)) (= (f x y) (+ x y))))
(check-synth))");
  std::vector<std::vector<Value>> avoid;
  std::set<int64_t> xs;
  for (int k = 0; k < 2; ++k) {
    auto point = fx.oracle->ConstrainingPoint(avoid);
    REQUIRE(point.ok());
    REQUIRE(point->has_value());
    const std::vector<Value>& p = **point;
    REQUIRE(p.size() == 2);
    CHECK(p[1] == Value::Int(2));
    xs.insert(p[0].as_int());
    // Each is a point where the oracle has an example to give.
    bool unrealizable = false;
    auto example = fx.oracle->ExampleAt(p, std::nullopt, unrealizable);
    REQUIRE(example.ok());
    CHECK(example->has_value());
    avoid.push_back(p);
  }
  CHECK(xs == std::set<int64_t>{0, 1});
  auto none = fx.oracle->ConstrainingPoint(avoid);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  // Avoiding a point that differs in y only does not avoid (0, 2).
  auto near = fx.oracle->ConstrainingPoint({Ints({0, 3}), Ints({1, 2})});
  REQUIRE(near.ok());
  REQUIRE(near->has_value());
  CHECK(**near == Ints({0, 2}));
}

TEST_CASE("a spec every f satisfies has no constraining point", "[threads][cegis][oracle]") {
  Fixture fx(R"((set-logic LIA)
(synth-fun f ((a Int)) Int)
(declare-var x Int)
(constraint (or (>= (f x) x) (< (f x) x)))
(check-synth))");
  auto point = fx.oracle->ConstrainingPoint({});
  REQUIRE(point.ok());
  CHECK_FALSE(point->has_value());
}

TEST_CASE("a candidate's value at a point is the spec's call evaluated with the candidate", "[threads][cegis][oracle]") {
  Fixture fx(kForced);
  ProgramReader reader(*fx.task.registry, fx.task.synth_funs[0].params, "<candidate>");
  // (- a b) at f's arguments (x + 1, y) = (5, 2).
  CHECK(fx.oracle->CandidateAt(Ints({4, 2}), *reader.ReadText("(- a b)")) == Value::Int(3));
  CHECK(fx.oracle->CandidateAt(Ints({4, 2}), *reader.ReadText("(* a 7)")) == Value::Int(35));
  // A candidate that overflows there has no value.
  CHECK_FALSE(fx.oracle->CandidateAt(Ints({3999999999, 0}), *reader.ReadText("(* a a)")).has_value());
}

}  // namespace progsearch
