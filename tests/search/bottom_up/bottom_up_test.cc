#include <atomic>
#include <catch2/catch.hpp>

#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "search/bottom_up/bottom_up_search.h"
#include "search/bottom_up/value_scorer.h"
#include "tests/shared_dir.h"
#include "tests/parse_task.h"
#include "tests/initials_task.h"

namespace progsearch {

namespace {

using ::progsearch::testing::ParseTask;

// x, 1 and + over two examples: small enough to count by hand.
const char* kTiny = R"(
  (set-logic LIA)
  (synth-fun f ((x Int)) Int ((Start Int (x 1 (+ Start Start)))))
  (constraint (= (f 5) OUT5))
  (constraint (= (f 7) OUT7)))";

std::string Tiny(const std::string& out5, const std::string& out7) {
  std::string s = kTiny;
  s.replace(s.find("OUT5"), 4, out5);
  s.replace(s.find("OUT7"), 4, out7);
  return s;
}

void ExpectSolves(const Task& task, const BottomUpResult& r) {
  REQUIRE(r.reason == StopReason::kSolved);
  REQUIRE(r.program != nullptr);
  auto out = Interpreter().Evaluate(*r.program, task.InputColumns(), task.examples.size());
  REQUIRE(out.ok());
  CHECK(*out == task.OutputColumn());
}

}  // namespace

TEST_CASE("distinct values per cost level match a hand count", "[search][bottom_up]") {
  // Unreachable outputs, so the search runs to its cost limit.
  Task task = ParseTask(Tiny("1000", "(- 1)"));
  BottomUpConfig config;
  config.set_max_cost(5);
  auto search = BottomUpSearch::Create(task, config);
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  CHECK(r.reason == StopReason::kExhausted);
  // cost 1: x, 1.  cost 3: x+x, x+1, 1+1 (1+x is x+1 again).
  // cost 5: x+(x+x), x+(x+1), x+(1+1), 1+(1+1); everything else repeats a value.
  CHECK((*search)->ValuesAt(0, 1) == 2);
  CHECK((*search)->ValuesAt(0, 2) == 0);
  CHECK((*search)->ValuesAt(0, 3) == 3);
  CHECK((*search)->ValuesAt(0, 4) == 0);
  CHECK((*search)->ValuesAt(0, 5) == 4);
  CHECK(r.stats.distinct_values == 9);
  // Evaluated: 2 leaves, 2x2 at cost 3, 2x3 + 3x2 at cost 5.
  CHECK(r.stats.candidates == 18);
  CHECK(r.stats.cache.hits == 9);
}

TEST_CASE("the answer is a cheapest program", "[search][bottom_up]") {
  Task task = ParseTask(Tiny("11", "15"));  // 2x + 1
  auto search = BottomUpSearch::Create(task, {});
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  ExpectSolves(task, r);
  CHECK(r.program->size() == 5);
  CHECK(PrintTerm(*r.program) == "(+ x (+ x 1))");
}

TEST_CASE("an accept predicate replaces the examples' outputs as the goal", "[search][bottom_up]") {
  // Outputs 0 and 0 are placeholders: the goal is the first program whose value at x = 5 exceeds 12.
  Task task = ParseTask(Tiny("0", "0"));
  BottomUpConfig config;
  BottomUpHooks hooks;
  int asked = 0;
  hooks.accept = [&](const TermPtr& program) {
    ++asked;
    std::vector<ValueColumn> in = {ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(5)})};
    auto out = Interpreter().Evaluate(*program, in, 1);
    return out.ok() && out->Get(0).as_int() > 12;
  };
  auto search = BottomUpSearch::Create(task, config, hooks);
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  REQUIRE(r.reason == StopReason::kSolved);
  CHECK(PrintTerm(*r.program) == "(+ x (+ x x))");  // 15, the cheapest value above 12 (x + x is 10)
  CHECK(asked > 3);
}

TEST_CASE("a production's own cost overrides its node count", "[search][bottom_up]") {
  // (+ x (+ x x)) as a leaf of cost 1 beats building it from x and +.
  Task task = ParseTask(Tiny("15", "21"));
  Grammar& g = *task.synth_funs[0].grammar;
  Production leaf;
  leaf.kind = Production::Kind::kTerm;
  auto three_x = BottomUpSearch::Create(ParseTask(Tiny("15", "21")), {});
  REQUIRE(three_x.ok());
  BottomUpResult built = (*three_x)->Run();
  REQUIRE(built.reason == StopReason::kSolved);
  leaf.pattern = built.program;
  leaf.type = Type::Int();
  leaf.cost = 1;
  g.nonterminals[0].productions.push_back(leaf);
  auto search = BottomUpSearch::Create(task, {});
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  ExpectSolves(task, r);
  CHECK(r.stats.cost == 1);
  CHECK(built.stats.cost == 5);
}

TEST_CASE("non-terminals, unit productions and string tasks", "[search][bottom_up]") {
  Task task = ParseTask(R"(
    (set-logic SLIA)
    (synth-fun f ((name String)) String
      ((Start String) (S String) (I Int))
      ((Start String (S))
       (S String (name " " "." (str.++ S S) (str.at S I) (str.substr S I I)))
       (I Int (0 1 (+ I I) (str.indexof S S I)))))
    (constraint (= (f "Ada Lovelace") "A.L."))
    (constraint (= (f "Alan Turing") "A.T."))
    (constraint (= (f "Grace Hopper") "G.H.")))");
  auto search = BottomUpSearch::Create(task, {});
  REQUIRE(search.ok());
  ExpectSolves(task, (*search)->Run());
}

TEST_CASE("divide and conquer builds conditionals from partial solutions", "[search][bottom_up]") {
  // |x| with only ite, negation and comparison: no single branch-free term fits.
  Task task = ParseTask(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int
      ((Start Int) (B Bool))
      ((Start Int (x 0 (- Start) (ite B Start Start)))
       (B Bool ((< Start Start)))))
    (constraint (= (f 3) 3)) (constraint (= (f (- 4)) 4)) (constraint (= (f 0) 0))
    (constraint (= (f (- 9)) 9)) (constraint (= (f 12) 12)))");
  BottomUpConfig config;
  config.set_divide_and_conquer(true);
  auto search = BottomUpSearch::Create(task, config);
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  ExpectSolves(task, r);
  CHECK(PrintTerm(*r.program).find("ite") != std::string::npos);
}

TEST_CASE("(Constant String) draws on constants extracted from the examples", "[search][bottom_up]") {
  Task task = ParseTask(R"(
    (set-logic SLIA)
    (synth-fun f ((name String)) String
      ((Start String) (I Int))
      ((Start String (name (Constant String) (str.++ Start Start) (str.substr Start I I)))
       (I Int (0 (str.indexof Start Start I)))))
    (constraint (= (f "Ada Lovelace") "Dr. Ada"))
    (constraint (= (f "Alan Turing") "Dr. Alan"))
    (constraint (= (f "Grace Hopper") "Dr. Grace")))");
  auto search = BottomUpSearch::Create(task, {});
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  ExpectSolves(task, r);
  CHECK(PrintTerm(*r.program).find("\"Dr. \"") != std::string::npos);
}

TEST_CASE("macros in productions are evaluated and printed by name", "[search][bottom_up]") {
  Task task = ParseTask(R"(
    (set-logic BV)
    (define-fun shr1 ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x01))
    (synth-fun f ((x (_ BitVec 8))) (_ BitVec 8)
      ((Start (_ BitVec 8) (x #x01 (shr1 Start) (bvadd Start Start)))))
    (constraint (= (f #x10) #x05)) (constraint (= (f #x20) #x09)) (constraint (= (f #x40) #x11)))");
  auto search = BottomUpSearch::Create(task, {});
  REQUIRE(search.ok());
  BottomUpResult r = (*search)->Run();
  ExpectSolves(task, r);
  CHECK(PrintTerm(*r.program).find("shr1") != std::string::npos);
}

TEST_CASE("budgets end the search with their reason", "[search][bottom_up]") {
  Task task = ParseTask(Tiny("1000", "(- 1)"));
  BottomUpConfig config;
  config.set_max_candidates(5000);
  BottomUpResult r = (*BottomUpSearch::Create(task, config))->Run();
  CHECK(r.reason == StopReason::kCandidates);
  CHECK(r.stats.candidates >= 5000);
  CHECK(r.stats.candidates <= 5000 + 4096);  // budgets are checked between batches of 4096

  // A grammar whose values keep growing, so only the clock stops it.
  Task wide = ParseTask(R"(
    (set-logic LIA)
    (synth-fun f ((x Int) (y Int)) Int ((Start Int (x y 1 (+ Start Start) (- Start Start) (* Start Start)))))
    (constraint (= (f 5 2) 1000)) (constraint (= (f 7 3) (- 1))))");
  config = {};
  config.set_timeout_seconds(0.2);
  r = (*BottomUpSearch::Create(wide, config))->Run();
  CHECK(r.reason == StopReason::kTimeout);
  CHECK(r.stats.seconds < 1.0);

  config = {};
  config.set_max_memory_bytes(1 << 20);
  r = (*BottomUpSearch::Create(wide, config))->Run();
  CHECK(r.reason == StopReason::kMemory);
  CHECK(r.stats.memory_bytes >= (1 << 20));
}

TEST_CASE("the answer and the bank do not depend on the thread count", "[search][bottom_up][threads]") {
  const std::string root = testing::SharedDir() + "/benchmarks/sygus/";
  for (const char* name : {"strings/phone-5.sl", "strings/bikes.sl", "bv/PRE_103_100.sl"}) {
    auto task = ReadSygusFile(root + name);
    REQUIRE(task.ok());
    std::vector<BottomUpResult> runs;
    for (int threads : {1, 2, 3, 0}) {  // 0: every core
      BottomUpConfig config;
      config.set_threads(threads);
      runs.push_back((*BottomUpSearch::Create(*task, config))->Run());
    }
    INFO(name);
    ExpectSolves(*task, runs[0]);
    for (size_t i = 1; i < runs.size(); ++i) {
      CHECK(PrintTerm(*runs[i].program) == PrintTerm(*runs[0].program));
      CHECK(runs[i].stats.candidates == runs[0].stats.candidates);
      CHECK(runs[i].stats.distinct_values == runs[0].stats.distinct_values);
    }
  }
  // A run cut by a candidate budget keeps the same bank too.
  Task task = ParseTask(R"(
    (set-logic LIA)
    (synth-fun f ((x Int) (y Int)) Int ((Start Int (x y 1 (+ Start Start) (- Start Start) (* Start Start)))))
    (constraint (= (f 5 2) 1000)) (constraint (= (f 7 3) (- 1))))");
  std::vector<uint64_t> distinct;
  for (int threads : {1, 2}) {
    BottomUpConfig config;
    config.set_threads(threads);
    config.set_max_candidates(300000);
    BottomUpResult r = (*BottomUpSearch::Create(task, config))->Run();
    CHECK(r.reason == StopReason::kCandidates);
    distinct.push_back(r.stats.distinct_values);
  }
  CHECK(distinct[0] == distinct[1]);
}

namespace {

// A caller's scorer: counts the values it sees and adds `extra` to each, or, with `substrings`, adds 2
// to string values not all of whose outputs occur in the expected output (BUSTLE's substring property).
struct TestScorer : ValueScorer {
  int extra = 0;
  bool substrings = false;
  const ValueColumn* expected = nullptr;
  uint64_t seen = 0;
  std::vector<std::string> order;  // every value seen, printed, in the order seen

  void Begin(std::span<const ValueColumn>, const ValueColumn& want) override { expected = &want; }
  void Score(std::span<const CandidateValue> batch, std::span<int> extra_cost) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      ++seen;
      order.push_back(batch[i].outputs->Get(0).ToString());
      extra_cost[i] = extra;
      if (!substrings || batch[i].outputs->type() != Type::String()) continue;
      for (size_t e = 0; e < batch[i].outputs->size(); ++e) {
        if (expected->string_at(e).find(batch[i].outputs->string_at(e)) == std::string_view::npos) {
          extra_cost[i] = 2;
          break;
        }
      }
    }
  }
};

BottomUpHooks Scored(ValueScorer* scorer) {
  BottomUpHooks hooks;
  hooks.scorer = scorer;
  return hooks;
}

using ::progsearch::testing::kInitialsTask;

}  // namespace

TEST_CASE("a value scorer delays values and the search follows it", "[threads][search][bottom_up][scorer]") {
  Task task = ParseTask(kInitialsTask);
  BottomUpResult plain = (*BottomUpSearch::Create(task, {}))->Run();
  ExpectSolves(task, plain);
  // Scores of 0 change nothing, and every kept value was scored.
  TestScorer zero;
  BottomUpConfig config;
  BottomUpResult same = (*BottomUpSearch::Create(task, config, Scored(&zero)))->Run();
  CHECK(PrintTerm(*same.program) == PrintTerm(*plain.program));
  CHECK(same.stats.candidates == plain.stats.candidates);
  CHECK(same.stats.distinct_values == plain.stats.distinct_values);
  CHECK(zero.seen >= same.stats.distinct_values);
  // Delaying values that cannot be part of the output string guides the search: fewer candidates.
  TestScorer guide;
  guide.substrings = true;
  BottomUpResult guided = (*BottomUpSearch::Create(task, config, Scored(&guide)))->Run();
  ExpectSolves(task, guided);
  CHECK(guided.stats.candidates < plain.stats.candidates / 2);
  // The same scores give the same run on any number of threads, the scorer called in the same order.
  TestScorer guide3;
  guide3.substrings = true;
  config.set_threads(3);
  BottomUpResult threaded = (*BottomUpSearch::Create(task, config, Scored(&guide3)))->Run();
  CHECK(PrintTerm(*threaded.program) == PrintTerm(*guided.program));
  CHECK(threaded.stats.candidates == guided.stats.candidates);
  CHECK(guide3.order == guide.order);
}

TEST_CASE("a value delayed past the largest cost is still the answer, but nothing builds on it",
          "[search][bottom_up][scorer]") {
  Task task = ParseTask(Tiny("5", "7"));  // f(x) = x
  TestScorer far;
  far.extra = 1000;
  BottomUpConfig config;
  config.set_max_cost(9);
  BottomUpResult r = (*BottomUpSearch::Create(task, config, Scored(&far)))->Run();
  ExpectSolves(task, r);
  CHECK(PrintTerm(*r.program) == "x");
  Task unreachable = ParseTask(Tiny("1000", "(- 1)"));
  auto search = BottomUpSearch::Create(unreachable, config, Scored(&far));
  BottomUpResult none = (*search)->Run();
  CHECK(none.reason == StopReason::kExhausted);
  CHECK(none.stats.candidates == 2);  // the two leaves; every sum would build on a delayed value
  CHECK((*search)->ValuesAt(0, 1) == 0);
}

TEST_CASE("settings no search can use are refused, naming the setting", "[search][bottom_up]") {
  Task task = ParseTask(Tiny("5", "7"));
  BottomUpConfig config;
  config.set_max_cost(0);
  auto none = BottomUpSearch::Create(task, config);
  REQUIRE(absl::IsInvalidArgument(none.status()));
  CHECK(std::string(none.status().message()).find("max_cost is 0") != std::string::npos);
  config.set_max_cost(5);
  config.set_threads(-1);
  CHECK(absl::IsInvalidArgument(BottomUpSearch::Create(task, config).status()));
  config.set_threads(0);  // every core
  CHECK(BottomUpSearch::Create(task, config).ok());
  config.set_threads(1);
  config.set_timeout_seconds(-1);
  CHECK(absl::IsInvalidArgument(BottomUpSearch::Create(task, config).status()));
  config.set_timeout_seconds(1);
  CHECK(BottomUpSearch::Create(task, config).ok());
}

TEST_CASE("tasks the search cannot take are refused clearly", "[search][bottom_up]") {
  Task spec_only = ParseTask("(set-logic LIA) (synth-fun f ((x Int)) Int) (declare-var y Int) (constraint (> (f y) y))");
  auto s = BottomUpSearch::Create(spec_only, {});
  REQUIRE_FALSE(s.ok());
  CHECK(std::string(s.status().message()).find("examples") != std::string::npos);
  // Grammar-free tasks search the logic's default operator set where there is one (Int, Bool, BV) ...
  Task no_grammar =
      ParseTask("(set-logic LIA) (synth-fun f ((x Int)) Int) (constraint (= (f 1) 3)) (constraint (= (f 2) 5))");
  auto g = BottomUpSearch::Create(no_grammar, {});
  REQUIRE(g.ok());
  BottomUpResult solved = (*g)->Run();
  REQUIRE(solved.reason == StopReason::kSolved);
  CHECK(PrintTerm(*solved.program).find("x") != std::string::npos);
  // ... and are refused, saying why, where there is none.
  Task strings = ParseTask("(set-logic SLIA) (synth-fun f ((x String)) String) (constraint (= (f \"a\") \"b\"))");
  auto refused = BottomUpSearch::Create(strings, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(std::string(refused.status().message()).find("grammar") != std::string::npos);
}

TEST_CASE("shared SyGuS tasks are solved within a short budget", "[search][bottom_up][sygus]") {
  const std::string root = testing::SharedDir() + "/benchmarks/sygus/";
  for (const char* name :
       {"strings/dr-name.sl", "strings/firstname.sl", "strings/bikes.sl", "bv/PRE_100_10.sl", "bv/PRE_101_1000.sl"}) {
    auto task = ReadSygusFile(root + name);
    REQUIRE(task.ok());
    BottomUpConfig config;
    config.set_timeout_seconds(20);
    auto search = BottomUpSearch::Create(*task, config);
    REQUIRE(search.ok());
    INFO(name);
    ExpectSolves(*task, (*search)->Run());
  }
}

TEST_CASE("an interrupt flag ends the search at its next check, as interrupted", "[search][bottom_up]") {
  // Unsolvable (every program of x, 1 and + is positive at 5): only the budget or the flag ends it.
  const Task task = ParseTask(Tiny("(- 3)", "(- 4)"));
  BottomUpConfig config;
  config.set_timeout_seconds(1e10);  // any finite limit is at most that long: this one never passes here
  config.set_max_cost(1000);
  std::atomic<bool> stop{true};
  BottomUpHooks hooks;
  hooks.interrupt = &stop;
  auto search = BottomUpSearch::Create(task, config, hooks);
  REQUIRE(search.ok());
  const BottomUpResult r = (*search)->Run();
  CHECK(r.reason == StopReason::kInterrupted);
  CHECK(r.program == nullptr);
  // Unset, the same search runs on (here to its candidate budget).
  stop = false;
  config.set_max_candidates(20000);
  auto again = BottomUpSearch::Create(task, config, hooks);
  REQUIRE(again.ok());
  CHECK((*again)->Run().reason == StopReason::kCandidates);
}

}  // namespace progsearch
