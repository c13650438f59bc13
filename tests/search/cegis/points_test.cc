#include "search/cegis/points.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "formats/program_reader.h"
#include "dsl/random_term.h"
#include "formats/sygus.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

bool SmallString(const Value& v) {
  const std::string& s = v.as_string();
  if (s.size() > 4) return false;
  for (char c : s) {
    if (c < 'a' || c > 'c') return false;
  }
  return true;
}

const Type kBv8 = *Type::BitVec(8);

}  // namespace

TEST_CASE("initial points start with the edge values, each variable rotated by its position", "[cegis][points]") {
  const std::vector<Declaration> vars = {
      {"x", Type::Int()}, {"y", Type::Int()}, {"b", Type::Bool()}, {"s", Type::String()}, {"v", kBv8}};
  const auto points = InitialPoints(vars, 20, 3);
  REQUIRE(points.size() == 20);
  const std::vector<Value> ints = EdgeValues(Type::Int());
  const std::vector<Value> bvs = EdgeValues(kBv8);
  REQUIRE(ints.size() == 7);
  REQUIRE(bvs.size() == 7);
  for (size_t k = 0; k < points.size(); ++k) {
    INFO("point " << k);
    REQUIRE(points[k].size() == vars.size());
    for (size_t v = 0; v < vars.size(); ++v) CHECK(points[k][v].type() == vars[v].type);
    if (k < 7) {
      CHECK(points[k][0] == ints[k]);
      CHECK(points[k][1] == ints[(k + 1) % 7]);
      CHECK(points[k][4] == bvs[(k + 4) % 7]);
      // Rotated, two variables of one sort never sit on the same edge value (x = y would hide x - y bugs).
      CHECK(points[k][0] != points[k][1]);
    } else {
      // Then small values: shift amounts for bit-vectors, [-10, 10] for Ints.
      CHECK(std::abs(points[k][0].as_int()) <= 10);
      CHECK(std::abs(points[k][1].as_int()) <= 10);
      CHECK(points[k][4].as_bits() <= 16);
    }
    CHECK(SmallString(points[k][3]));
  }
  CHECK(points[0][2] == Value::Bool(false));
  CHECK(points[1][2] == Value::Bool(true));
  CHECK(points[0][3] == Value::String(""));
  CHECK(points[1][3] == Value::String("a"));
  CHECK(points[2][3] == Value::String("ab"));
}

TEST_CASE("initial points are determined by the seed, which changes only what follows the edges", "[cegis][points]") {
  const std::vector<Declaration> vars = {{"x", Type::Int()}, {"s", Type::String()}, {"v", kBv8}};
  const auto a = InitialPoints(vars, 40, 11);
  CHECK(InitialPoints(vars, 40, 11) == a);
  const auto b = InitialPoints(vars, 40, 12);
  REQUIRE(b.size() == a.size());
  for (size_t k = 0; k < 3; ++k) CHECK(b[k] == a[k]);  // every variable still on its edge values
  CHECK(b != a);
  // A prefix: asking for fewer points gives the first of the longer sequence.
  const auto few = InitialPoints(vars, 9, 11);
  CHECK(std::vector<std::vector<Value>>(a.begin(), a.begin() + 9) == few);
  CHECK(InitialPoints(vars, 0, 11).empty());
  // Without variables, still `count` (empty) points.
  const auto none = InitialPoints({}, 3, 11);
  REQUIRE(none.size() == 3);
  CHECK(none[0].empty());
}

TEST_CASE("sampled points stay in the small ranges, reach both ends, and repeat for a seed", "[cegis][points]") {
  const std::vector<Declaration> vars = {
      {"i", Type::Int()}, {"f", Type::Float()}, {"s", Type::String()}, {"b", Type::Bool()}, {"v", kBv8}};
  const auto points = SamplePoints(vars, 3000, 5);
  REQUIRE(points.size() == 3000);
  std::set<int64_t> ints;
  std::set<double> floats;
  std::set<std::string> strings;
  std::set<bool> bools;
  for (const auto& p : points) {
    REQUIRE(p.size() == vars.size());
    ints.insert(p[0].as_int());
    const double f = p[1].as_float();
    floats.insert(f);
    CHECK(f * 4 == std::round(f * 4));  // quarter-integers: exact in binary, no rounding in sums
    CHECK(SmallString(p[2]));
    strings.insert(p[2].as_string());
    bools.insert(p[3].as_bool());
    CHECK(p[4].type() == kBv8);
  }
  CHECK(*ints.begin() == -30);
  CHECK(*ints.rbegin() == 30);
  CHECK(ints.size() == 61);
  CHECK(*floats.begin() == -7.5);
  CHECK(*floats.rbegin() == 7.5);
  CHECK(floats.size() == 61);
  CHECK(strings.count("") == 1);
  CHECK(strings.size() > 50);
  CHECK(bools.size() == 2);
  CHECK(SamplePoints(vars, 3000, 5) == points);
  CHECK(SamplePoints(vars, 10, 6) != SamplePoints(vars, 10, 5));
}

TEST_CASE("point columns hold one column per variable and one row per point", "[cegis][points]") {
  const std::vector<Declaration> vars = {{"x", Type::Int()}, {"s", Type::String()}};
  const std::vector<std::vector<Value>> points = {
      {Value::Int(4), Value::String("ab")}, {Value::Int(-2), Value::String("")}, {Value::Int(9), Value::String("c")}};
  const auto columns = PointColumns(vars, points);
  REQUIRE(columns.size() == 2);
  CHECK(columns[0].type() == Type::Int());
  CHECK(columns[1].type() == Type::String());
  for (size_t v = 0; v < 2; ++v) {
    REQUIRE(columns[v].size() == 3);
    for (size_t p = 0; p < 3; ++p) CHECK(columns[v].Get(p) == points[p][v]);
  }
  const auto empty = PointColumns(vars, {});
  REQUIRE(empty.size() == 2);
  CHECK(empty[1].size() == 0);
  CHECK(empty[1].type() == Type::String());
}

TEST_CASE("the spec is judged per term and point with the synth-fun replaced by the term", "[cegis][points]") {
  // mx is a define-fun: the spec is evaluated through it. f's arguments are swapped, which must not matter:
  // a term stands for f's value at the point, over the declared variables.
  Task task = ParseTask(R"((set-logic LIA)
(define-fun mx ((a Int) (b Int)) Int (ite (>= a b) a b))
(synth-fun f ((a Int) (b Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (>= (f y x) (mx x y)))
(constraint (<= (f y x) (+ (mx x y) 1)))
(check-synth))");
  ProgramReader reader(*task.registry, task.declared_vars, "<terms>");
  std::vector<TermPtr> terms;
  for (const char* text : {"x", "y", "(+ x 1)", "(* x x)"}) terms.push_back(*reader.ReadText(text));
  const std::vector<std::vector<Value>> points = {
      {Value::Int(3), Value::Int(5)}, {Value::Int(7), Value::Int(2)}, {Value::Int(4000000000), Value::Int(1)}};
  const auto inputs = PointColumns(task.declared_vars, points);
  for (bool unknown : {true, false}) {
    INFO("unknown " << unknown);
    const auto holds = SpecHoldsWith(task, task.spec, terms, inputs, points.size(), unknown);
    REQUIRE(holds.size() == terms.size());
    for (const auto& row : holds) REQUIRE(row.size() == points.size());
    CHECK(holds[0] == std::vector<bool>{false, true, true});  // x is the max only where x >= y
    CHECK(holds[1] == std::vector<bool>{true, false, false});
    CHECK(holds[2] == std::vector<bool>{false, true, true});  // max + 1 is still within the bound
    // x * x overflows at x = 4e9: that point is `unknown`, whichever way the caller wants it read.
    CHECK(holds[3][2] == unknown);
  }
  // Only the constraints passed count: the upper bound alone accepts y everywhere.
  const std::vector<TermPtr> upper = {task.spec[1]};
  CHECK(SpecHoldsWith(task, upper, terms, inputs, points.size(), true)[1] == std::vector<bool>{true, true, true});
}

}  // namespace progsearch
