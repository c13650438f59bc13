#include "dsl/interpreter.h"

#include <catch2/catch.hpp>
#include <thread>

#include "dsl/primitive_registry.h"
#include "dsl/program_reader.h"
#include "dsl/sygus.h"

namespace progsearch {

TEST_CASE("a program is evaluated on every example at once", "[dsl][interpreter]") {
  std::vector<Declaration> vars = {{"s", Type::String()}, {"n", Type::Int()}};
  ProgramReader reader(BuiltinRegistry(), vars, "<test>");
  auto t = reader.ReadText("(str.++ (str.substr s 0 n) \"!\")");
  REQUIRE(t.ok());
  std::vector<ValueColumn> inputs;
  std::vector<Value> strs = {Value::String("hello"), Value::String("ab"), Value::String("")};
  std::vector<Value> ns = {Value::Int(2), Value::Int(5), Value::Int(1)};
  inputs.push_back(ValueColumn::FromValues(Type::String(), strs));
  inputs.push_back(ValueColumn::FromValues(Type::Int(), ns));
  auto out = Interpreter().Evaluate(**t, inputs, 3);
  REQUIRE(out.ok());
  CHECK(out->Get(0) == Value::String("he!"));
  CHECK(out->Get(1) == Value::String("ab!"));
  CHECK(out->Get(2) == Value::String("!"));
}

TEST_CASE("the string length limit stops runaway programs", "[dsl][interpreter]") {
  ProgramReader reader(BuiltinRegistry(), {{"s", Type::String()}}, "<test>");
  auto t = reader.ReadText("(str.++ s s s s)");
  REQUIRE(t.ok());
  std::vector<ValueColumn> inputs = {ValueColumn::Broadcast(Value::String("0123456789"), 4)};
  EvalLimits limits;
  limits.max_string_length = 39;
  auto out = Interpreter(limits).Evaluate(**t, inputs, 4);
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().code() == absl::StatusCode::kResourceExhausted);
  limits.max_string_length = 40;
  CHECK(Interpreter(limits).Evaluate(**t, inputs, 4).ok());
}

TEST_CASE("an expired deadline ends evaluation", "[dsl][interpreter]") {
  ProgramReader reader(BuiltinRegistry(), {}, "<test>");
  auto t = reader.ReadText("(+ 1 2)");
  REQUIRE(t.ok());
  EvalLimits limits;
  limits.deadline = Deadline::In(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto out = Interpreter(limits).Evaluate(**t, {}, 1);
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().code() == absl::StatusCode::kDeadlineExceeded);
}

TEST_CASE("define-fun macros and synth-fun bindings evaluate", "[dsl][interpreter]") {
  auto task = ParseSygus(R"(
    (set-logic LIA)
    (define-fun twice ((a Int)) Int (+ a a))
    (synth-fun f ((x Int)) Int)
    (declare-var y Int)
    (constraint (= (f y) (twice y))))", "inline.sl");
  REQUIRE(task.ok());
  REQUIRE(task->spec.size() == 1);
  ProgramReader reader(*task->registry, task->synth_funs[0].params, "<candidate>");
  auto good = reader.ReadText("(* 2 x)");
  auto bad = reader.ReadText("(+ x 1)");
  REQUIRE(good.ok());
  REQUIRE(bad.ok());
  std::vector<Value> ys = {Value::Int(-3), Value::Int(0), Value::Int(1), Value::Int(10)};
  std::vector<ValueColumn> inputs = {ValueColumn::FromValues(Type::Int(), ys)};
  Interpreter interpreter;
  SynthBindings bindings = {{task->synth_funs[0].primitive, *good}};
  auto ok = interpreter.Evaluate(*task->spec[0], inputs, 4, &bindings);
  REQUIRE(ok.ok());
  for (size_t i = 0; i < 4; ++i) CHECK(ok->Get(i) == Value::Bool(true));
  bindings[task->synth_funs[0].primitive] = *bad;
  auto refuted = interpreter.Evaluate(*task->spec[0], inputs, 4, &bindings);
  REQUIRE(refuted.ok());
  CHECK(refuted->Get(2) == Value::Bool(true));   // 1+1 == 2*1
  CHECK(refuted->Get(0) == Value::Bool(false));
  // Without a binding the synth-fun cannot be evaluated, and says so.
  auto unbound = interpreter.Evaluate(*task->spec[0], inputs, 4);
  REQUIRE_FALSE(unbound.ok());
  CHECK(unbound.status().code() == absl::StatusCode::kFailedPrecondition);
}

}  // namespace progsearch
