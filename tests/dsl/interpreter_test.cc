#include "dsl/interpreter.h"

#include <catch2/catch.hpp>
#include <thread>

#include "dsl/inline_macros.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"

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
    (constraint (= (f y) (twice y))))",
                         "inline.sl");
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
  CHECK(refuted->Get(2) == Value::Bool(true));  // 1+1 == 2*1
  CHECK(refuted->Get(0) == Value::Bool(false));
  // Without a binding the synth-fun cannot be evaluated, and says so.
  auto unbound = interpreter.Evaluate(*task->spec[0], inputs, 4);
  REQUIRE_FALSE(unbound.ok());
  CHECK(unbound.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("a body that is one of its parameters outlives the call", "[dsl][interpreter]") {
  // The argument's column lives in the call's own frame; the answer must not point into it (the
  // sanitized build caught a spec evaluated with f bound to a parameter).
  auto task = ParseSygus(R"(
    (set-logic LIA)
    (define-fun first ((a Int) (b Int)) Int a)
    (synth-fun f ((x Int) (z Int)) Int)
    (declare-var y Int)
    (constraint (= (+ (f (+ y 1) (* y 2)) (first (* y 3) (+ y 4))) (+ (* 4 y) 1))))",
                         "identity.sl");
  REQUIRE(task.ok());
  ProgramReader reader(*task->registry, task->synth_funs[0].params, "<candidate>");
  auto x = reader.ReadText("x");
  REQUIRE(x.ok());
  std::vector<Value> ys = {Value::Int(-3), Value::Int(0), Value::Int(5)};
  std::vector<ValueColumn> inputs = {ValueColumn::FromValues(Type::Int(), ys)};
  SynthBindings bindings = {{task->synth_funs[0].primitive, *x}};
  auto holds = Interpreter().Evaluate(*task->spec[0], inputs, 3, &bindings);
  REQUIRE(holds.ok());
  for (size_t i = 0; i < 3; ++i) CHECK(holds->Get(i) == Value::Bool(true));  // (y + 1) + 3y = 4y + 1
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("define-funs can be inlined into self-contained terms", "[dsl][macros]") {
  auto task = ParseSygus(R"(
    (set-logic BV)
    (define-fun shr1 ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x01))
    (define-fun shr2 ((x (_ BitVec 8))) (_ BitVec 8) (shr1 (shr1 x)))
    (synth-fun f ((y (_ BitVec 8))) (_ BitVec 8))
    (declare-var y (_ BitVec 8))
    (constraint (= (f y) (shr2 (bvadd y #x01)))))",
                         "inline.sl");
  REQUIRE(task.ok());
  const TermPtr& spec = task->spec[0];
  TermPtr inlined = InlineMacros(spec);
  CHECK(PrintTerm(*inlined) == "(= (f y) (bvlshr (bvlshr (bvadd y #x01) #x01) #x01))");
  // Both forms compute the same thing under a candidate.
  ProgramReader reader(*task->registry, task->synth_funs[0].params, "<candidate>");
  auto candidate = reader.ReadText("(bvlshr (bvadd y #x01) #x02)");
  REQUIRE(candidate.ok());
  SynthBindings bindings = {{task->synth_funs[0].primitive, *candidate}};
  std::vector<Value> ys;
  for (int v = 0; v < 256; ++v) ys.push_back(Value::BitVec(*Type::BitVec(8), v));
  std::vector<ValueColumn> inputs = {ValueColumn::FromValues(*Type::BitVec(8), ys)};
  auto a = Interpreter().Evaluate(*spec, inputs, 256, &bindings);
  auto b = Interpreter().Evaluate(*inlined, inputs, 256, &bindings);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a == *b);
  size_t holds = 0;
  for (size_t i = 0; i < 256; ++i) holds += a->Get(i).as_bool();
  CHECK(holds == 256);  // ((y+1) >> 2) is the spec
  // Terms without macros come back shared, not copied.
  CHECK(InlineMacros(*candidate) == *candidate);
}

}  // namespace progsearch
