#include "search/lambda/lambda_search.h"

#include <catch2/catch.hpp>

#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "tests/search/lambda/list_helpers.h"

namespace progsearch::lambda {
namespace {

using testing::IL;
using testing::kInt;
using testing::kIntList;
using testing::Solves;

// A task from a function on int lists, over a few fixed inputs.
ListTask MakeTask(const std::string& name, const Type& output, Value (*f)(const std::vector<int64_t>&)) {
  return testing::IntListTask(name, output, {{3, 1, 4}, {1, 5}, {9, 2, 6, 5}, {7}, {2, 7, 1, 8, 2}}, f);
}

SearchOptions Quick() {
  SearchOptions o;
  o.deadline = Deadline::In(std::chrono::seconds(60));  // generous: sanitizer builds are slow
  return o;
}

}  // namespace

TEST_CASE("the search builds lambdas for map and fold", "[search][lambda]") {
  const ListTask inc = MakeTask("add 2", kIntList, [](const std::vector<int64_t>& xs) {
    std::vector<int64_t> ys;
    for (int64_t x : xs) ys.push_back(x + 2);
    return IL(ys);
  });
  SearchResult r = SolveListTask(inc, {}, ListRegistry(), Quick());
  REQUIRE(r.solved);
  CHECK(Solves(r.program, inc));
  CHECK(r.program == "(lambda (map (lambda (+ $0 (+ 1 1))) $0))");
  CHECK(r.cost == 7);

  const ListTask sum = MakeTask("sum", kInt, [](const std::vector<int64_t>& xs) {
    int64_t s = 0;
    for (int64_t x : xs) s += x;
    return Value::Int(s);
  });
  SearchResult s = SolveListTask(sum, {}, ListRegistry(), Quick());
  REQUIRE(s.solved);
  CHECK(Solves(s.program, sum));
  CHECK(s.cost == 6);
}

TEST_CASE("equivalent programs are kept once", "[search][lambda]") {
  // No program computes this within cost 5: the search enumerates every class up to there.
  const ListTask none = MakeTask("impossible", kInt, [](const std::vector<int64_t>& xs) { return Value::Int(xs.size() * 1000 + 17); });
  SearchOptions o = Quick();
  o.max_cost = 5;
  SearchResult r = SolveListTask(none, {}, ListRegistry(), o);
  CHECK_FALSE(r.solved);
  CHECK(r.stop_reason == "cost limit");
  CHECK(r.max_cost_done == 5);
  CHECK(r.kept < r.candidates / 2);
}

TEST_CASE("an abstraction is one production costing 1", "[search][lambda]") {
  auto inv = MakeInvention("#(lambda (lambda (map (lambda (+ $0 $2)) $0)))", ListRegistry());
  REQUIRE(inv.ok());
  CHECK(inv->arity == 2);
  CHECK(inv->type.ToString() == "(-> Int (List Int) (List Int))");
  const ListTask add2 = MakeTask("add 2", kIntList, [](const std::vector<int64_t>& xs) {
    std::vector<int64_t> ys;
    for (int64_t x : xs) ys.push_back(x + 2);
    return IL(ys);
  });
  SearchResult without = SolveListTask(add2, {}, ListRegistry(), Quick());
  SearchResult with = SolveListTask(add2, {*inv}, ListRegistry(), Quick());
  REQUIRE(without.solved);
  REQUIRE(with.solved);
  CHECK(without.cost == 7);
  CHECK(with.cost == 5);
  CHECK(with.program.find("#(lambda (lambda (map (lambda (+ $0 $2)) $0)))") != std::string::npos);
  CHECK(Solves(with.program, add2));
  CHECK_FALSE(MakeInvention("#(lambda (car $0 $0))", ListRegistry()).ok());

  // An abstraction with a function parameter it applies: the sum of f over a list.
  auto sum_of = MakeInvention("#(lambda (lambda (fold $0 0 (lambda (lambda (+ ($3 $1) $0))))))", ListRegistry());
  REQUIRE(sum_of.ok());
  CHECK(sum_of->type.ToString() == "(-> (-> t0 Int) (List t0) Int)");
  const ListTask squares = MakeTask("sum of squares", kInt, [](const std::vector<int64_t>& xs) {
    int64_t s = 0;
    for (int64_t x : xs) s += x * x;
    return Value::Int(s);
  });
  SearchResult sq = SolveListTask(squares, {*sum_of}, ListRegistry(), Quick());
  REQUIRE(sq.solved);
  CHECK(sq.program == "(lambda (#(lambda (lambda (fold $0 0 (lambda (lambda (+ ($3 $1) $0)))))) (lambda (* $0 $0)) $0))");
  CHECK(sq.cost == 5);
  CHECK(Solves(sq.program, squares));
}

TEST_CASE("an eta-reduced abstraction takes its missing argument last", "[search][lambda]") {
  // DreamCoder's curried form: (cons (car $0)) is the function consing the list's head onto its argument.
  auto inv = MakeInvention("#(lambda (cons (car $0)))", ListRegistry());
  REQUIRE(inv.ok());
  CHECK(inv->arity == 2);
  CHECK(inv->type.ToString() == "(-> (List t0) (List t0) (List t0))");
  CHECK(inv->text == "#(lambda (cons (car $0)))");  // programs name it as the sleep learned it
  const ListTask head_twice = MakeTask("head twice", kIntList, [](const std::vector<int64_t>& xs) {
    std::vector<int64_t> ys = {xs[0]};
    ys.insert(ys.end(), xs.begin(), xs.end());
    return IL(ys);
  });
  SearchResult with = SolveListTask(head_twice, {*inv}, ListRegistry(), Quick());
  REQUIRE(with.solved);
  CHECK(with.program == "(lambda (#(lambda (cons (car $0))) $0 $0))");
  CHECK(Solves(with.program, head_twice));
}

TEST_CASE("the search stops at its deadline", "[search][lambda]") {
  const ListTask none = MakeTask("impossible", kInt, [](const std::vector<int64_t>& xs) { return Value::Int(xs.size() * 1000 + 17); });
  SearchOptions o;
  o.deadline = Deadline::In(std::chrono::milliseconds(300));
  o.max_cost = 40;
  SearchResult r = SolveListTask(none, {}, ListRegistry(), o);
  CHECK_FALSE(r.solved);
  CHECK((r.stop_reason == "deadline" || r.stop_reason == "program limit"));
}

}  // namespace progsearch::lambda
