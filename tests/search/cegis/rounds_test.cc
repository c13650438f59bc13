#include "search/cegis/rounds.h"

#include <catch2/catch.hpp>
#include <string>

#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// f(x) = 2x over x, 1 and +: (+ x x) is the answer, x and 1 are cheaper wrong ones.
const char* kDouble = R"((set-logic LIA)
(synth-fun f ((x Int)) Int ((Start Int (x 1 (+ Start Start)))))
(declare-var x Int)
(constraint (= (f x) (+ x x)))
(check-synth))";

// `task` with examples f(in) = out added, as the enumeration technique builds its PBE task.
Task WithExamples(const Task& task, std::vector<std::pair<int64_t, int64_t>> examples) {
  Task pbe = task;
  for (auto [in, out] : examples) pbe.examples.push_back({{Value::Int(in)}, Value::Int(out), ""});
  return pbe;
}

CegisConfig Config() {
  CegisConfig config;
  config.set_timeout_seconds(20);
  return config;
}

using Counterexamples = std::optional<std::vector<std::vector<Value>>>;

}  // namespace

TEST_CASE("a run whose budget is spent stops before searching, out of time", "[threads][cegis][rounds]") {
  Task task = ParseTask(kDouble);
  Task pbe = WithExamples(task, {{1, 2}, {3, 6}});
  CegisConfig config = Config();
  config.set_timeout_seconds(1);
  CegisResult result;
  auto out =
      SearchAndProve(task, pbe, config.search(), {}, config, CegisClock::now() - std::chrono::seconds(2), result);
  REQUIRE(out.ok());
  CHECK_FALSE(out->has_value());
  CHECK(result.reason == StopReason::kTimeout);
  CHECK(result.rounds == 0);
  CHECK(result.program == nullptr);
  CHECK(result.stats.candidates == 0);  // no search ran
}

TEST_CASE("a run at its round limit stops before searching, exhausted, saying so", "[threads][cegis][rounds]") {
  Task task = ParseTask(kDouble);
  Task pbe = WithExamples(task, {{1, 2}, {3, 6}});
  CegisConfig config = Config();
  config.set_max_rounds(3);
  CegisResult result;
  result.rounds = 3;
  auto out = SearchAndProve(task, pbe, config.search(), {}, config, CegisClock::now(), result);
  REQUIRE(out.ok());
  CHECK_FALSE(out->has_value());
  CHECK(result.reason == StopReason::kExhausted);
  CHECK(result.note.find("3 rounds") != std::string::npos);
  CHECK(result.rounds == 3);
  CHECK(result.stats.candidates == 0);
  // One round short of the limit, the round runs.
  result = {};
  result.rounds = 2;
  auto ran = SearchAndProve(task, pbe, config.search(), {}, config, CegisClock::now(), result);
  REQUIRE(ran.ok());
  CHECK(result.reason == StopReason::kSolved);
  CHECK(result.rounds == 3);
}

TEST_CASE("a refuted candidate returns its counterexamples, and a proved one ends the run solved", "[threads][cegis][rounds]") {
  Task task = ParseTask(kDouble);
  CegisConfig config = Config();
  config.set_counterexamples_per_round(3);
  const auto start = CegisClock::now();
  CegisResult result;
  // f(0) = 0 alone: x, the first program that fits, is wrong wherever x != 0.
  Task pbe = WithExamples(task, {{0, 0}});
  auto first = SearchAndProve(task, pbe, config.search(), {}, config, start, result);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  const std::vector<std::vector<Value>>& points = **first;
  CHECK(points.size() >= 1);
  CHECK(points.size() <= 3);
  for (const auto& p : points) {
    REQUIRE(p.size() == 1);
    CHECK(p[0].as_int() != 0);
  }
  CHECK(result.rounds == 1);
  REQUIRE(result.program != nullptr);
  CHECK(PrintTerm(*result.program) == "x");
  CHECK(result.reason != StopReason::kSolved);
  const uint64_t first_candidates = result.stats.candidates;
  CHECK(first_candidates > 0);

  // The counterexamples as examples: now only (+ x x) fits, and it is proved.
  for (const auto& p : points) pbe.examples.push_back({p, Value::Int(2 * p[0].as_int()), ""});
  auto second = SearchAndProve(task, pbe, config.search(), {}, config, start, result);
  REQUIRE(second.ok());
  CHECK_FALSE(second->has_value());
  CHECK(result.reason == StopReason::kSolved);
  CHECK(result.rounds == 2);
  CHECK(PrintTerm(*result.program) == "(+ x x)");
  // Statistics add up over rounds.
  CHECK(result.stats.candidates > first_candidates);
  CHECK(result.stats.cost == 3);
}

TEST_CASE("a round in which no program fits the points ends the run with the search's reason", "[threads][cegis][rounds]") {
  Task task = ParseTask(kDouble);
  Task pbe = WithExamples(task, {{1, -5}});  // nothing built from x, 1 and + is negative at x = 1
  CegisConfig config = Config();
  config.mutable_search()->set_max_cost(7);
  CegisResult result;
  result.examples = 1;
  auto out = SearchAndProve(task, pbe, config.search(), {}, config, CegisClock::now(), result);
  REQUIRE(out.ok());
  CHECK_FALSE(out->has_value());
  CHECK(result.reason == StopReason::kExhausted);
  CHECK(result.note == "no program fits the 1 points");
  CHECK(result.rounds == 0);  // no candidate went to Z3
  CHECK(result.stats.candidates > 0);
}

TEST_CASE("a round's search is cut at what is left of the run's budget", "[threads][cegis][rounds]") {
  // Values keep growing, so only a clock stops the search; the memory cap is a backstop that would
  // report kMemory instead if the round's time were not capped.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int ((Start Int (x y 1 (+ Start Start) (- Start Start) (* Start Start)))))
(declare-var x Int)
(declare-var y Int)
(constraint (= (f x y) (+ x y)))
(check-synth))");
  Task pbe = task;
  pbe.examples.push_back({{Value::Int(5), Value::Int(2)}, Value::Int(1000), ""});
  pbe.examples.push_back({{Value::Int(7), Value::Int(3)}, Value::Int(-1), ""});
  for (double round_timeout : {0.0, 100.0}) {
    INFO("search timeout " << round_timeout);
    CegisConfig config;
    config.set_timeout_seconds(0.3);
    config.mutable_search()->set_timeout_seconds(round_timeout);
    config.mutable_search()->set_max_memory_bytes(size_t{1} << 30);
    CegisResult result;
    const auto start = CegisClock::now();
    auto out = SearchAndProve(task, pbe, config.search(), {}, config, start, result);
    REQUIRE(out.ok());
    CHECK_FALSE(out->has_value());
    CHECK(result.reason == StopReason::kTimeout);
    CHECK(SecondsSince(start) < 2.0);
  }
  // A round timeout shorter than what is left is kept.
  CegisConfig config;
  config.set_timeout_seconds(60);
  config.mutable_search()->set_timeout_seconds(0.2);
  config.mutable_search()->set_max_memory_bytes(size_t{1} << 30);
  CegisResult result;
  const auto start = CegisClock::now();
  REQUIRE(SearchAndProve(task, pbe, config.search(), {}, config, start, result).ok());
  CHECK(result.reason == StopReason::kTimeout);
  CHECK(SecondsSince(start) < 2.0);
}

TEST_CASE("a counterexample outside 64-bit Ints ends the run, exhausted, saying so", "[threads][cegis][rounds]") {
  // Only beyond the largest int64 must f be 0: x is refuted where the interpreter cannot go.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int ((Start Int (x 0 1 (+ Start Start)))))
(declare-var x Int)
(constraint (or (<= x 9223372036854775807) (= (f x) 0)))
(check-synth))");
  Task pbe = WithExamples(task, {{1, 1}, {2, 2}});
  CegisConfig config = Config();
  CegisResult result;
  auto out = SearchAndProve(task, pbe, config.search(), {}, config, CegisClock::now(), result);
  REQUIRE(out.ok());
  CHECK_FALSE(out->has_value());
  CHECK(result.reason == StopReason::kExhausted);
  CHECK(result.note.find("does not fit the interpreter") != std::string::npos);
  CHECK(result.rounds == 1);
  CHECK(PrintTerm(*result.program) == "x");
}

TEST_CASE("proof limits take what is left of the run and rounds add up", "[threads][cegis][rounds]") {
  CegisConfig config;
  config.set_timeout_seconds(10);
  config.set_proof_timeout_ms(500);
  config.set_proof_rlimit(12345);
  const auto now = CegisClock::now();
  ProofLimits fresh = LimitsLeft(config, now);
  CHECK(fresh.timeout_ms == 500);
  CHECK(fresh.rlimit == 12345);
  // 9.9 s spent: at most the 100 ms left.
  ProofLimits late = LimitsLeft(config, now - std::chrono::milliseconds(9900));
  CHECK(late.timeout_ms <= 100);
  CHECK(late.timeout_ms >= 50);
  // Past the budget: 1 ms, never 0 (which Z3 would read as no limit).
  CHECK(LimitsLeft(config, now - std::chrono::seconds(30)).timeout_ms == 1);
  CHECK(SecondsSince(now - std::chrono::seconds(3)) >= 3.0);

  CegisResult result;
  BottomUpResult round;
  round.stats.candidates = 10;
  round.stats.distinct_values = 4;
  round.stats.cost = 5;
  round.stats.memory_bytes = 1000;
  AddRound(result, round);
  round.stats.candidates = 7;
  round.stats.distinct_values = 2;
  round.stats.cost = 3;
  round.stats.memory_bytes = 600;
  AddRound(result, round);
  CHECK(result.stats.candidates == 17);
  CHECK(result.stats.distinct_values == 6);
  CHECK(result.stats.cost == 3);             // the last round's
  CHECK(result.stats.memory_bytes == 1000);  // the largest bank, not the sum
}

}  // namespace progsearch
