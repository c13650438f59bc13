#include "search/bottom_up/grammar_plan.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

GrammarPlan Plan(const Task& task) {
  auto plan = PlanGrammar(task, task.synth_funs[0]);
  INFO(plan.status().ToString());
  REQUIRE(plan.ok());
  return *std::move(plan);
}

// Three non-terminals, a unit production, a macro, a parameter inside a pattern, a closed pattern, a
// repeated hole, and (Variable Int) / (Constant Int) next to an explicit literal.
const char* kNames = R"(
  (set-logic SLIA)
  (define-fun twice ((s String)) String (str.++ s s))
  (synth-fun f ((name String) (k Int) (m Int)) String
    ((Start String) (S String) (I Int))
    ((Start String (S))
     (S String (name "." (str.++ S S) (str.at S I) (twice S) (str.++ name S) (str.substr S (+ I 1) I)))
     (I Int ((Variable Int) (Constant Int) 7 (str.len name) (+ I 1)))))
  (constraint (= (f "ab" 1 2) "b."))
  (constraint (= (f "xyz" 0 1) "x.")))";

// The production of `nonterminal` whose pattern prints as `text`.
const PlannedProduction& Find(const GrammarPlan& plan, int nonterminal, const std::string& text) {
  for (const PlannedProduction& p : plan.productions) {
    if (p.nonterminal == nonterminal && PrintTerm(*p.pattern) == text) return p;
  }
  FAIL("no production " << text << " of non-terminal " << nonterminal);
  return plan.productions[0];
}

ValueColumn Ints(std::vector<int64_t> values) {
  std::vector<Value> v;
  for (int64_t x : values) v.push_back(Value::Int(x));
  return ValueColumn::FromValues(Type::Int(), v);
}

using Kind = PlannedProduction::Kind;
using ArgKind = PlannedProduction::Arg::Kind;

}  // namespace

TEST_CASE("a grammar is planned into leaves, composites and unit productions with their costs",
          "[search][bottom_up][grammar_plan]") {
  Task task = ParseTask(kNames);
  GrammarPlan plan = Plan(task);
  REQUIRE(plan.nonterminals.size() == 3);
  CHECK(plan.nonterminals[0].name == "Start");
  CHECK(plan.nonterminals[1].name == "S");
  CHECK(plan.nonterminals[2].type == Type::Int());

  // Start ::= S runs whenever S gains a value, at no cost.
  REQUIRE(plan.units_from.size() == 3);
  REQUIRE(plan.units_from[1].size() == 1);
  CHECK(plan.units_from[0].empty());
  CHECK(plan.units_from[2].empty());
  const PlannedProduction& unit = plan.productions[plan.units_from[1][0]];
  CHECK(unit.kind == Kind::kUnit);
  CHECK(unit.nonterminal == 0);
  CHECK(unit.cost == 0);
  CHECK(unit.holes == std::vector<int>{1});
  int units = 0;
  for (const PlannedProduction& p : plan.productions) units += p.kind == Kind::kUnit;
  CHECK(units == 1);

  CHECK(Find(plan, 1, "name").kind == Kind::kLeaf);
  CHECK(Find(plan, 1, "name").cost == 1);
  const PlannedProduction& len = Find(plan, 2, "(str.len name)");
  CHECK(len.kind == Kind::kLeaf);  // closed: no holes, evaluated once
  CHECK(len.cost == 2);
  CHECK(len.holes.empty());

  // Holes in pre-order, cost = the pattern's other nodes.
  const PlannedProduction& at = Find(plan, 1, "(str.at S I)");
  CHECK(at.kind == Kind::kComposite);
  CHECK(at.holes == std::vector<int>{1, 2});
  CHECK(at.cost == 1);
  CHECK(Find(plan, 1, "(str.++ S S)").holes == std::vector<int>{1, 1});
  const PlannedProduction& substr = Find(plan, 1, "(str.substr S (+ I 1) I)");
  CHECK(substr.holes == std::vector<int>{1, 2, 2});
  CHECK(substr.cost == 3);  // str.substr, + and 1
  CHECK(Find(plan, 2, "(+ I 1)").cost == 2);

  // A macro prints by name in the pattern but is inlined for evaluation, so it still compiles.
  const PlannedProduction& twice = Find(plan, 1, "(twice S)");
  CHECK(twice.cost == 1);
  CHECK(PrintTerm(*twice.eval_term).find("twice") == std::string::npos);
  CHECK(twice.steps.size() == 1);
}

TEST_CASE("(Variable T) and (Constant T) expand to the parameters and literals of that sort",
          "[search][bottom_up][grammar_plan]") {
  GrammarPlan plan = Plan(ParseTask(kNames));
  std::vector<std::string> int_leaves;
  for (const PlannedProduction& p : plan.productions) {
    if (p.nonterminal == 2 && p.kind == Kind::kLeaf) int_leaves.push_back(PrintTerm(*p.pattern));
  }
  // k and m but not name; the grammar's 1 and 7 with the usual 0 and 1, each once; then 7 itself and
  // (str.len name).
  CHECK(std::multiset<std::string>(int_leaves.begin(), int_leaves.end()) ==
        std::multiset<std::string>{"k", "m", "0", "1", "7", "7", "(str.len name)"});

  // Bit-vectors add all-ones; Bool parameters are not bit-vector variables.
  GrammarPlan bv = Plan(ParseTask(R"(
    (set-logic BV)
    (synth-fun g ((x (_ BitVec 4)) (b Bool) (y (_ BitVec 4))) (_ BitVec 4)
      ((Start (_ BitVec 4) ((Constant (_ BitVec 4)) (Variable (_ BitVec 4)) (bvadd Start #x3)))))
    (constraint (= (g #x1 true #x2) #x2)))"));
  std::set<std::string> leaves;
  for (const PlannedProduction& p : bv.productions) {
    if (p.kind == Kind::kLeaf) leaves.insert(PrintTerm(*p.pattern));
  }
  CHECK(leaves == std::set<std::string>{"#x0", "#x1", "#xf", "#x3", "x", "y"});

  // Literals of the logical spec count too.
  GrammarPlan spec = Plan(ParseTask(R"(
    (set-logic LIA)
    (synth-fun h ((x Int)) Int ((Start Int ((Constant Int) x (+ Start Start)))))
    (declare-var y Int)
    (constraint (>= (h y) (+ y 42))))"));
  std::set<std::string> constants;
  for (const PlannedProduction& p : spec.productions) {
    if (p.kind == Kind::kLeaf && p.pattern->kind() == TermKind::kConstant) constants.insert(PrintTerm(*p.pattern));
  }
  CHECK(constants == std::set<std::string>{"0", "1", "42"});
}

TEST_CASE("compiled steps read holes, fixed columns and earlier steps, and agree with the interpreter",
          "[search][bottom_up][grammar_plan]") {
  Task task = ParseTask(kNames);
  GrammarPlan plan = Plan(task);
  const std::vector<ValueColumn> inputs = task.InputColumns();
  const size_t n = task.examples.size();

  // (str.substr S (+ I 1) I): (+ hole1 1) first, with 1 as a fixed column; then substr of its result.
  const PlannedProduction& substr = Find(plan, 1, "(str.substr S (+ I 1) I)");
  REQUIRE(substr.steps.size() == 2);
  REQUIRE(substr.fixed.size() == 1);
  CHECK(substr.fixed[0] == Ints({1, 1}));
  const auto& plus = substr.steps[0].args;
  REQUIRE(plus.size() == 2);
  CHECK((plus[0].kind == ArgKind::kHole && plus[0].index == 1));
  CHECK((plus[1].kind == ArgKind::kFixed && plus[1].index == 0));
  const auto& outer = substr.steps[1].args;
  REQUIRE(outer.size() == 3);
  CHECK((outer[0].kind == ArgKind::kHole && outer[0].index == 0));
  CHECK((outer[1].kind == ArgKind::kStep && outer[1].index == 0));
  CHECK((outer[2].kind == ArgKind::kHole && outer[2].index == 2));
  // A parameter is a fixed column: the example inputs themselves.
  const PlannedProduction& prefixed = Find(plan, 1, "(str.++ name S)");
  REQUIRE(prefixed.fixed.size() == 1);
  CHECK(prefixed.fixed[0] == inputs[0]);

  // The same values through the steps and through the interpreter.
  const std::vector<ValueColumn> holes_data = {inputs[0], Ints({0, 1}), Ints({2, 1})};
  const std::vector<const ValueColumn*> holes = {&holes_data[0], &holes_data[1], &holes_data[2]};
  const Interpreter interpreter;
  std::vector<ValueColumn> temps;
  ValueColumn interpreted;
  EvalContext ctx;
  for (const char* text : {"(str.substr S (+ I 1) I)", "(str.at S I)", "(twice S)", "(str.++ name S)"}) {
    INFO(text);
    const PlannedProduction& p = Find(plan, 1, text);
    REQUIRE_FALSE(p.steps.empty());
    // Each of these reads S first, then its Is: a prefix of `holes`.
    const auto own = std::span(holes).first(p.holes.size());
    PlannedProduction uncompiled = p;
    uncompiled.steps.clear();
    uncompiled.fixed.clear();
    const ValueColumn* fast = EvaluatePlanned(p, *p.eval_term, inputs, own, n, interpreter, temps, interpreted, ctx);
    REQUIRE(fast != nullptr);
    CHECK(fast != &interpreted);  // through the steps, not the interpreter
    const ValueColumn fast_value = *fast;
    const ValueColumn* slow =
        EvaluatePlanned(uncompiled, *p.eval_term, inputs, own, n, interpreter, temps, interpreted, ctx);
    REQUIRE(slow != nullptr);
    CHECK(fast_value == *slow);
    CHECK(slow == &interpreted);
  }
  // "ab" from 1 for 2 is "b"; "xyz" from 2 for 1 is "z".
  const PlannedProduction& s = Find(plan, 1, "(str.substr S (+ I 1) I)");
  const ValueColumn* value = RunSteps(s, holes, n, temps, ctx);
  REQUIRE(value != nullptr);
  CHECK(value->string_at(0) == "b");
  CHECK(value->string_at(1) == "z");
}

TEST_CASE("a failing kernel gives no value and leaves the context clean for the next one",
          "[search][bottom_up][grammar_plan]") {
  Task task = ParseTask(kNames);
  GrammarPlan plan = Plan(task);
  const PlannedProduction& plus = Find(plan, 2, "(+ I 1)");
  std::vector<ValueColumn> temps;
  EvalContext ctx;
  const ValueColumn overflow = Ints({INT64_MAX, 0});
  const std::vector<const ValueColumn*> bad = {&overflow};
  CHECK(RunSteps(plus, bad, 2, temps, ctx) == nullptr);
  CHECK_FALSE(ctx.int_overflow);
  const ValueColumn fine = Ints({1, -5});
  const std::vector<const ValueColumn*> good = {&fine};
  const ValueColumn* value = RunSteps(plus, good, 2, temps, ctx);
  REQUIRE(value != nullptr);
  CHECK(*value == Ints({2, -4}));

  // The interpreter's string limit binds the compiled steps too: "xyz" doubled is 6 characters.
  const PlannedProduction& concat = Find(plan, 1, "(str.++ S S)");
  const std::vector<ValueColumn> inputs = task.InputColumns();
  const std::vector<const ValueColumn*> names = {&inputs[0], &inputs[0]};
  ValueColumn interpreted;
  EvalLimits tight;
  tight.max_string_length = 5;
  CHECK(EvaluatePlanned(concat, *concat.eval_term, inputs, names, 2, Interpreter(tight), temps, interpreted, ctx) ==
        nullptr);
  PlannedProduction uncompiled = concat;
  uncompiled.steps.clear();
  CHECK(EvaluatePlanned(uncompiled, *concat.eval_term, inputs, names, 2, Interpreter(tight), temps, interpreted, ctx) ==
        nullptr);
  tight.max_string_length = 6;
  const ValueColumn* doubled =
      EvaluatePlanned(concat, *concat.eval_term, inputs, names, 2, Interpreter(tight), temps, interpreted, ctx);
  REQUIRE(doubled != nullptr);
  CHECK(doubled->string_at(1) == "xyzxyz");
}

TEST_CASE("only terms whose value is a kernel step compile", "[search][bottom_up][grammar_plan]") {
  Task task = ParseTask(kNames);
  const std::vector<ValueColumn> inputs = task.InputColumns();
  const size_t params = 3, n = 2;
  ProgramReader reader(*task.registry,
                       {{"name", Type::String()}, {"k", Type::Int()}, {"m", Type::Int()}, {"h", Type::String()}},
                       "<steps>");
  PlannedProduction p;
  CHECK(CompileSteps(**reader.ReadText("(str.++ name h)"), params, inputs, n, p));
  CHECK(p.steps.size() == 1);
  // A bare hole is a unit production, a closed term a leaf: neither is a step.
  PlannedProduction hole;
  CHECK_FALSE(CompileSteps(**reader.ReadText("h"), params, inputs, n, hole));
  CHECK(hole.steps.empty());
  PlannedProduction closed;
  CHECK_FALSE(CompileSteps(**reader.ReadText("(str.len name)"), params, inputs, n, closed));
  CHECK(closed.fixed.empty());
  // A macro needs the interpreter; what was compiled before it (name, a fixed column) is dropped.
  PlannedProduction macro;
  CHECK_FALSE(CompileSteps(**reader.ReadText("(str.++ name (twice h))"), params, inputs, n, macro));
  CHECK(macro.steps.empty());
  CHECK(macro.fixed.empty());
}

TEST_CASE("holes are filled in pre-order, macros kept by name", "[search][bottom_up][grammar_plan]") {
  Task task = ParseTask(kNames);
  GrammarPlan plan = Plan(task);
  ProgramReader reader(*task.registry, task.synth_funs[0].params, "<children>");
  const std::vector<TermPtr> children = {*reader.ReadText("(str.++ name \".\")"), *reader.ReadText("k"),
                                         *reader.ReadText("(+ m 2)")};
  const PlannedProduction& substr = Find(plan, 1, "(str.substr S (+ I 1) I)");
  CHECK(PrintTerm(*FillHoles(substr.pattern, children)) == "(str.substr (str.++ name \".\") (+ k 1) (+ m 2))");
  const PlannedProduction& twice = Find(plan, 1, "(twice S)");
  const TermPtr filled = FillHoles(twice.pattern, std::span(children).first(1));
  CHECK(PrintTerm(*filled) == "(twice (str.++ name \".\"))");
  // The filled program evaluates like the production: "ab." doubled.
  auto out = Interpreter().Evaluate(*filled, task.InputColumns(), task.examples.size());
  REQUIRE(out.ok());
  CHECK(out->string_at(0) == "ab.ab.");
}

}  // namespace progsearch
