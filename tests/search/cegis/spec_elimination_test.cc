#include "search/cegis/spec_elimination.h"

#include <catch2/catch.hpp>

#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "search/cegis/cegis.h"
#include "verify/prover.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

int64_t Run(const TermPtr& program, int64_t x, int64_t y) {
  std::vector<ValueColumn> in;
  for (int64_t v : {x, y}) in.push_back(ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(v)}));
  auto out = Interpreter().Evaluate(*program, in, 1);
  REQUIRE(out.ok());
  return out->Get(0).as_int();
}

}  // namespace

TEST_CASE("elimination: a chain of definitions leaves one free function and no constraint", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f1 ((p Int) (q Int)) Int)
(synth-fun f2 ((p Int) (q Int)) Int)
(synth-fun f3 ((p Int) (q Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (+ (f1 x y) (f1 x y)) (f2 x y)))
(constraint (= (- (+ (f1 x y) (f2 x y)) y) (f3 x y)))
(check-synth))");
  const Elimination e = EliminateDefinitions(task);
  CHECK(e.eliminated == 2);
  REQUIRE(e.free.size() == 1);
  CHECK(e.reduced.spec.empty());
  // Whatever f1 is, the composed bodies satisfy the spec; take f1 := p + 3.
  const TermPtr f1 = Term::Apply(*task.registry->Resolve("+", std::vector<Type>{Type::Int(), Type::Int()}), Type::Int(),
                                 {Term::Variable(0, "p", Type::Int()), Term::Constant(Value::Int(3))});
  const TermPtr free_bodies[] = {f1};
  auto composed = ComposeBodies(task, e, free_bodies);
  REQUIRE(composed.ok());
  const std::vector<TermPtr>& bodies = *composed;
  REQUIRE(bodies.size() == 3);
  CHECK(Run(bodies[0], 5, 7) == 8);
  CHECK(Run(bodies[1], 5, 7) == 16);
  CHECK(Run(bodies[2], 5, 7) == 8 + 16 - 7);
  auto proof = Prover().ProveBodies(task, bodies);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  // A wrong body for a defined function is refuted.
  std::vector<TermPtr> wrong = bodies;
  wrong[1] = f1;
  auto refuted = Prover().ProveBodies(task, wrong);
  REQUIRE(refuted.ok());
  CHECK(refuted->verdict == Verdict::kRefuted);
}

TEST_CASE("elimination: an application is isolated through + and -, arguments swapped", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun g ((a Int) (b Int)) Int)
(synth-fun h ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (+ (g x y) (h y x)) (- x y)))
(check-synth))");
  const Elimination e = EliminateDefinitions(task);
  CHECK(e.eliminated == 1);
  REQUIRE(e.free == std::vector<int>{1});
  // h := a (its first parameter): g(x, y) = (x - y) - h(y, x) = x - 2y.
  const TermPtr free_bodies[] = {Term::Variable(0, "a", Type::Int())};
  auto bodies = ComposeBodies(task, e, free_bodies);
  REQUIRE(bodies.ok());
  CHECK(Run((*bodies)[0], 10, 3) == 7 - 3);
  auto proof = Prover().ProveBodies(task, *bodies);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  // One body per free function, or an error.
  CHECK_FALSE(ComposeBodies(task, e, {}).ok());
}

TEST_CASE("elimination: the subtrahend of a difference is isolated too", "[threads][search][cegis]") {
  // (- (+ x 7) (g x)) = x gives g := (x + 7) - x.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun g ((a Int)) Int)
(synth-fun h ((a Int)) Int)
(declare-var x Int)
(constraint (= (- (+ x 7) (g x)) (+ x (h x))))
(check-synth))");
  const Elimination e = EliminateDefinitions(task);
  REQUIRE(e.eliminated == 1);
  const TermPtr free_bodies[] = {Term::Constant(Value::Int(2))};
  auto bodies = ComposeBodies(task, e, free_bodies);
  REQUIRE(bodies.ok());
  auto proof = Prover().ProveBodies(task, *bodies);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
}

TEST_CASE("elimination: constraints left without functions go to the final proof only", "[threads][search][cegis]") {
  // Once f := x + y, the second constraint reads (= (+ y x) (+ x y)): no function is left to solve.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (f x y) (+ x y)))
(constraint (= (f y x) (+ x y)))
(check-synth))");
  const Elimination e = EliminateDefinitions(task);
  CHECK(e.eliminated == 1);
  CHECK(e.free.empty());
  CHECK(e.reduced.spec.empty());
  CegisConfig config;
  config.set_timeout_seconds(10);
  auto result = RunCegis(task, config);
  REQUIRE(result.ok());
  CHECK(result->reason == StopReason::kSolved);
  CHECK(result->method_name() == "definitions");
}

TEST_CASE("elimination: a free function's examples are searched", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((a Int)) Int)
(synth-fun g ((a Int)) Int)
(declare-var x Int)
(constraint (= (f 1) 5))
(constraint (= (f 2) 6))
(constraint (= (g x) (+ (f x) 1)))
(check-synth))");
  CegisConfig config;
  config.set_timeout_seconds(10);
  auto result = RunCegis(task, config);
  REQUIRE(result.ok());
  REQUIRE(result->reason == StopReason::kSolved);
  REQUIRE(result->programs.size() == 2);
  CHECK(Run(result->programs[0], 1, 0) == 5);
  CHECK(Run(result->programs[1], 2, 0) == 7);
}

TEST_CASE("elimination: what is not a definition stays a constraint", "[threads][search][cegis]") {
  // f applies itself on the other side; g's defining side reads y, which is not among g's arguments.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((a Int) (b Int)) Int)
(synth-fun g ((a Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (f x y) (f y x)))
(constraint (= (g x) (+ x y)))
(check-synth))");
  const Elimination e = EliminateDefinitions(task);
  CHECK(e.eliminated == 0);
  CHECK(e.reduced.spec.size() == 2);
  CHECK(e.free.size() == 2);
}

}  // namespace progsearch
