#include "formats/program_reader.h"
#include "search/cegis/cegis.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <set>

#include "dsl/default_grammar.h"
#include "dsl/interpreter.h"
#include "formats/sygus.h"
#include "search/cegis/technique.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// `term_cover_share` 0 tests the enumerator alone.
CegisResult Solve(const Task& task, double term_cover_share = 0) {
  CegisConfig config;
  config.set_timeout_seconds(20);
  config.set_term_cover_share(term_cover_share);
  auto result = RunCegis(task, config);
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *std::move(result);
}

// max of two, by its spec: term cover and enumeration both solve it.
constexpr const char* kMaxSpec = R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (>= (f x y) x))
(constraint (>= (f x y) y))
(constraint (or (= x (f x y)) (= y (f x y))))
(check-synth))";

}  // namespace

TEST_CASE("CEGIS solves a Hacker's Delight spec and the answer is proved", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic BV)
(define-fun hd05 ((x (_ BitVec 32))) (_ BitVec 32) (bvor x (bvsub x #x00000001)))
(synth-fun f ((x (_ BitVec 32))) (_ BitVec 32)
  ((Start (_ BitVec 32) ((bvand Start Start) (bvsub Start Start) (bvor Start Start) (bvadd Start Start) x #x00000001))))
(declare-var x (_ BitVec 32))
(constraint (= (hd05 x) (f x)))
(check-synth))");
  CegisResult result = Solve(task);
  REQUIRE(result.reason == StopReason::kSolved);
  CHECK(result.rounds >= 1);
  auto proof = Prover().Prove(task, result.program);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
}

TEST_CASE("CEGIS with the default LIA grammar: max of three, a multi-case task", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun max3 ((x Int) (y Int) (z Int)) Int)
(declare-var x Int)
(declare-var y Int)
(declare-var z Int)
(constraint (>= (max3 x y z) x))
(constraint (>= (max3 x y z) y))
(constraint (>= (max3 x y z) z))
(constraint (or (= x (max3 x y z)) (or (= y (max3 x y z)) (= z (max3 x y z)))))
(check-synth))");
  CegisResult result = Solve(task);
  REQUIRE(result.reason == StopReason::kSolved);
  CHECK(result.method_name() == "enumeration");
  // Proved, so it is max everywhere; spot-check anyway.
  std::vector<ValueColumn> in;
  for (int64_t v : {7, -3, 12}) in.push_back(ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(v)}));
  CHECK(Interpreter().Evaluate(*result.program, in, 1)->Get(0) == Value::Int(12));
}

TEST_CASE("CEGIS finds points that meet a precondition random inputs miss", "[threads][search][cegis]") {
  // Only inputs with x0 < x1 < x2 < x3 constrain the answer.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun idx ((x0 Int) (x1 Int) (x2 Int) (x3 Int) (k Int)) Int)
(declare-var x0 Int)
(declare-var x1 Int)
(declare-var x2 Int)
(declare-var x3 Int)
(declare-var k Int)
(constraint (=> (and (< x0 x1) (< x1 x2) (< x2 x3) (< k x0)) (= (idx x0 x1 x2 x3 k) 0)))
(constraint (=> (and (< x0 x1) (< x1 x2) (< x2 x3) (> k x0) (< k x1)) (= (idx x0 x1 x2 x3 k) 1)))
(constraint (=> (and (< x0 x1) (< x1 x2) (< x2 x3) (> k x1) (< k x2)) (= (idx x0 x1 x2 x3 k) 2)))
(constraint (=> (and (< x0 x1) (< x1 x2) (< x2 x3) (> k x2) (< k x3)) (= (idx x0 x1 x2 x3 k) 3)))
(constraint (=> (and (< x0 x1) (< x1 x2) (< x2 x3) (> k x3)) (= (idx x0 x1 x2 x3 k) 4)))
(check-synth))");
  CegisResult result = Solve(task);
  CHECK(result.reason == StopReason::kSolved);
}

TEST_CASE("CEGIS refuses what it cannot do, saying why", "[threads][search][cegis]") {
  // Two functions bound by an inequality: no constraint defines one through the other.
  Task together = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(synth-fun g ((x Int)) Int)
(declare-var x Int)
(constraint (>= (+ (f x) (g x)) x))
(check-synth))");
  auto r = RunCegis(together, CegisConfig());
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.status().message()).find("constrains 2 synth-funs together") != std::string::npos);
  // A grammar-free String function: the term cover samples strings, and enumeration has no operator set.
  Task strings = ParseTask(R"((set-logic SLIA)
(synth-fun s ((x String)) String)
(declare-var x String)
(constraint (= (str.len (s x)) (+ (str.len x) 1)))
(check-synth))");
  auto no_strings = RunCegis(strings, CegisConfig());
  REQUIRE_FALSE(no_strings.ok());
  CHECK(std::string(no_strings.status().message()).find("default operator sets") != std::string::npos);
  Task examples_only = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(constraint (= (f 1) 2))
(check-synth))");
  CHECK_FALSE(RunCegis(examples_only, CegisConfig()).ok());
}

TEST_CASE("CEGIS enumerates against the whole spec when f is applied to several argument lists", "[threads][search][cegis]") {
  // An upper bound of x and y that is symmetric: f(x, y) and f(y, x) both appear.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (f x y) (f y x)))
(constraint (and (<= x (f x y)) (<= y (f x y))))
(check-synth))");
  CegisResult result = Solve(task);
  REQUIRE(result.reason == StopReason::kSolved);
  CHECK(result.method_name() == "whole-spec enumeration");
  REQUIRE(result.programs.size() == 1);
  auto proof = Prover().Prove(task, result.program);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  // Nested applications are evaluated with the candidate bound: f(x, y) != 0 exactly when x != y,
  // and then f(x + f, y + f) != 0 too.
  Task nested = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (or (= (f x y) 0) (= (f x y) 1)))
(constraint (= (= (f x y) 0) (= x y)))
(constraint (or (= (f x y) 0) (not (= (f (+ x (f x y)) (+ y (f x y))) 0))))
(check-synth))");
  CegisResult nested_result = Solve(nested);
  REQUIRE(nested_result.reason == StopReason::kSolved);
  std::vector<ValueColumn> in;
  for (int64_t v : {4, 9}) in.push_back(ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(v)}));
  CHECK(Interpreter().Evaluate(*nested_result.program, in, 1)->Get(0) == Value::Int(1));
}

TEST_CASE("whole-spec enumeration honours the task's examples too", "[threads][search][cegis]") {
  // (f 0) = 3 is an example; the spec alone would accept f = x.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(declare-var x Int)
(constraint (= (f (+ x 1)) (+ (f x) 1)))
(constraint (= (f 0) 3))
(check-synth))");
  REQUIRE(task.examples.size() == 1);
  CegisResult result = Solve(task);
  REQUIRE(result.reason == StopReason::kSolved);
  std::vector<ValueColumn> in = {ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(10)})};
  CHECK(Interpreter().Evaluate(*result.program, in, 1)->Get(0) == Value::Int(13));
}

TEST_CASE("CEGIS seeds the whole-spec enumeration with the spec's own terms", "[threads][search][cegis]") {
  // The answer min(100x + 1000, 100y + 1000) is out of enumeration's reach within the time limit
  // unless 100x + 1000 and 100y + 1000 are leaves.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(define-fun lin ((x Int)) Int (+ (* x 100) 1000))
(declare-var x Int)
(declare-var y Int)
(constraint (= (f x y) (f y x)))
(constraint (and (>= (lin x) (f x y)) (>= (lin y) (f x y))))
(constraint (or (= (f x y) (lin x)) (= (f x y) (lin y))))
(check-synth))");
  CegisConfig config;
  config.set_timeout_seconds(5);
  auto result = RunCegis(task, config);
  REQUIRE(result.ok());
  REQUIRE(result->reason == StopReason::kSolved);
  CHECK(result->stats.candidates < 1000000);
}

TEST_CASE("CEGIS solves several synth-funs through their definitions", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f1 ((a Int) (b Int)) Int)
(synth-fun f2 ((a Int) (b Int)) Int)
(synth-fun f3 ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (= (+ (f1 x y) (f1 x y)) (f2 x y)))
(constraint (= (- (+ (f1 x y) (f2 x y)) y) (f3 x y)))
(constraint (>= (f1 x y) (+ x y)))
(check-synth))");
  CegisResult result = Solve(task, 0.5);
  REQUIRE(result.reason == StopReason::kSolved);
  CHECK(result.method_name().find("definitions") == 0);
  REQUIRE(result.programs.size() == 3);
  auto proof = Prover().ProveBodies(task, result.programs);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
}

TEST_CASE("default grammars for grammar-free synth-funs", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (b Bool)) Int)
(synth-fun g ((x Int)) Bool)
(synth-fun h ((x (_ BitVec 8))) (_ BitVec 8))
(synth-fun s ((x String)) String)
(check-synth))");
  auto ints = DefaultGrammar(*task.registry, task.synth_funs[0], task.logic);
  REQUIRE(ints.ok());
  CHECK(ints->nonterminals[0].type == Type::Int());
  CHECK(ints->nonterminals.size() == 2);
  auto bools = DefaultGrammar(*task.registry, task.synth_funs[1], task.logic);
  REQUIRE(bools.ok());
  CHECK(bools->nonterminals[0].type == Type::Bool());  // the start symbol has the result type
  auto bv = DefaultGrammar(*task.registry, task.synth_funs[2], task.logic);
  REQUIRE(bv.ok());
  CHECK(bv->nonterminals[0].type == *Type::BitVec(8));
  CHECK(bv->nonterminals[0].productions.size() > 10);
  auto strings = DefaultGrammar(*task.registry, task.synth_funs[3], task.logic);
  CHECK(strings.status().code() == absl::StatusCode::kUnimplemented);
}

TEST_CASE("a refutation can carry several distinct counterexamples", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(declare-var x Int)
(constraint (= (f x) (+ x x)))
(check-synth))");
  TermPtr wrong = Term::Variable(0, "x", Type::Int());
  auto proof = Prover().Prove(task, wrong, 5);
  REQUIRE(proof.ok());
  REQUIRE(proof->verdict == Verdict::kRefuted);
  CHECK(proof->counterexamples.size() == 5);
  std::set<int64_t> distinct;
  for (const auto& point : proof->counterexamples) {
    CHECK(point[0].as_int() != 0);  // x = 2x only at 0
    distinct.insert(point[0].as_int());
  }
  CHECK(distinct.size() == 5);
}

}  // namespace progsearch

namespace progsearch {
namespace {

// A caller's technique: proposes the synth-fun's first parameter as its body and asks Z3 to prove it.
// It passes the task on when the proof fails, and counts its runs.
class FirstParameter : public CegisTechnique {
 public:
  explicit FirstParameter(int* runs) : runs_(runs) {}
  CegisMethod method() const override { return CegisMethod::kExternal; }
  bool CanTake(const CegisProblem& problem, const CegisConfig&) const override {
    const SynthFun& f = problem.task().synth_funs[0];
    return problem.single_invocation() && !f.params.empty() && f.params[0].type == f.result;
  }
  absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config, CegisClock::time_point start,
                              const CegisRunner&, CegisResult& result, std::string& pass_note) const override {
    ++*runs_;
    const SynthFun& f = problem.task().synth_funs[0];
    TermPtr x = Term::Variable(0, f.params[0].name, f.params[0].type);
    auto proof = ThreadProver(LimitsLeft(config, start)).Prove(problem.task(), x);
    if (!proof.ok()) return proof.status();
    if (proof->verdict != Verdict::kProved) {
      pass_note = "the first parameter does not satisfy the spec";
      return Outcome::kPassOn;
    }
    result.reason = StopReason::kSolved;
    result.program = x;
    result.methods = {CegisMethod::kExternal};
    return Outcome::kFinal;
  }

 private:
  int* runs_;
};

}  // namespace

TEST_CASE("CEGIS techniques are tried in order, and a caller may add one", "[threads][search][cegis]") {
  const char* identity_spec = R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (>= (f x y) x))
(constraint (<= (f x y) x))
(check-synth))";
  CegisConfig config;
  config.set_timeout_seconds(20);
  int runs = 0;
  std::vector<std::unique_ptr<CegisTechnique>> techniques;
  techniques.push_back(std::make_unique<FirstParameter>(&runs));
  for (auto& t : DefaultTechniques()) techniques.push_back(std::move(t));
  const CegisRunner runner(std::move(techniques));
  // First in line and right: it answers, and nothing else runs.
  auto identity = runner.Run(ParseTask(identity_spec), config);
  REQUIRE(identity.ok());
  CHECK(identity->reason == StopReason::kSolved);
  CHECK(identity->method_name() == "external");
  CHECK(PrintTerm(*identity->program) == "x");
  CHECK(runs == 1);
  // Wrong for max: it passes the task on, and the built-in techniques solve it.
  auto max = runner.Run(ParseTask(kMaxSpec), config);
  REQUIRE(max.ok());
  CHECK(max->reason == StopReason::kSolved);
  CHECK(max->method_name() != "external");
  CHECK(runs == 2);
  // A runner none of whose techniques takes the spec says so.
  std::vector<std::unique_ptr<CegisTechnique>> whole_spec_only;
  whole_spec_only.push_back(MakeWholeSpecEnumeration());
  auto refused = CegisRunner(std::move(whole_spec_only)).Run(ParseTask(kMaxSpec), config);
  REQUIRE_FALSE(refused.ok());
  CHECK(absl::IsUnimplemented(refused.status()));
}

TEST_CASE("an interrupt ends CEGIS at its next check, before or between rounds", "[threads][search][cegis]") {
  Task task = ParseTask(kMaxSpec);
  CegisConfig config;
  config.set_timeout_seconds(1e10);  // no time limit in practice: the flag alone ends it
  for (double share : {0.0, 0.5}) {
    INFO("term cover share " << share);
    config.set_term_cover_share(share);
    std::atomic<bool> stop{true};
    auto stopped = RunCegis(task, config, &stop);
    REQUIRE(stopped.ok());
    CHECK(stopped->reason == StopReason::kInterrupted);
    CHECK(stopped->program == nullptr);
    stop = false;
    auto solved = RunCegis(task, config, &stop);
    REQUIRE(solved.ok());
    CHECK(solved->reason == StopReason::kSolved);
  }
}

}  // namespace progsearch
