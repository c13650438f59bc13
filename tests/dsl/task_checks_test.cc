// What is refused or recognized about a task before any search: contradictory examples, JSON under any
// name, files with nothing to synthesize.
#include <catch2/catch.hpp>
#include <string>

#include "formats/json_task.h"
#include "formats/sygus.h"
#include "dsl/task.h"

namespace progsearch {
namespace {

Example StringExample(const char* in, const char* out, std::string where = "") {
  return Example{{Value::String(in)}, Value::String(out), std::move(where)};
}

}  // namespace

TEST_CASE("examples giving the same inputs two outputs are refused, both named", "[dsl][task]") {
  CHECK(CheckExamplesAgree({StringExample("a", "x"), StringExample("b", "x"), StringExample("a", "x")}).ok());
  absl::Status named = CheckExamplesAgree(
      {StringExample("a", "x", "t.json:2:13"), StringExample("b", "y", "t.json:3:13"),
       StringExample("a", "y", "t.json:4:13")});
  CHECK(absl::IsInvalidArgument(named));
  CHECK(std::string(named.message()) ==
        "t.json:2:13 and t.json:4:13: the same inputs (\"a\") with different outputs, \"x\" and \"y\": no function "
        "fits both");
  absl::Status counted = CheckExamplesAgree({StringExample("a", "x"), StringExample("a", "y")}, "training example");
  CHECK(std::string(counted.message()).rfind("training example 1 and training example 2: ", 0) == 0);
  // Inputs differ in the second argument only: no contradiction.
  CHECK(CheckExamplesAgree({Example{{Value::Int(1), Value::Int(2)}, Value::Int(3), ""},
                            Example{{Value::Int(1), Value::Int(4)}, Value::Int(5), ""}})
            .ok());
}

TEST_CASE("readers say where each example is written", "[dsl][task]") {
  auto sygus = ParseSygus("(set-logic SLIA)\n(synth-fun f ((x String)) String)\n(constraint (= (f \"a\") \"x\"))\n", "t.sl");
  REQUIRE(sygus.ok());
  REQUIRE(sygus->examples.size() == 1);
  CHECK(sygus->examples[0].where == "t.sl:3:1");
  auto json = ParseJsonTask("{\"inputs\": [\"x\"],\n \"train\": [{\"inputs\": [\"a\"], \"output\": \"b\"}]}", "t.json");
  REQUIRE(json.ok());
  CHECK(json->examples[0].where == "t.json:2:12");
}

TEST_CASE("a task file is JSON by its name or its first character", "[dsl][task]") {
  CHECK(LooksLikeJson("task.json", "whatever"));
  CHECK(LooksLikeJson("task.txt", "  \n\t{\"inputs\": []}"));
  CHECK_FALSE(LooksLikeJson("task.txt", "(set-logic SLIA)"));
  CHECK_FALSE(LooksLikeJson("task.sl", "; a comment\n(set-logic LIA)"));
  CHECK_FALSE(LooksLikeJson("task", ""));
}

TEST_CASE("a SyGuS file with nothing to synthesize is refused, named", "[dsl][task]") {
  auto empty = ParseSygus("", "empty.sl");
  REQUIRE_FALSE(empty.ok());
  CHECK(std::string(empty.status().message()) == "empty.sl:1:1: the file has no SyGuS commands (is it empty?)");
  auto none = ParseSygus("(set-logic LIA)\n(declare-var x Int)\n", "none.sl");
  REQUIRE_FALSE(none.ok());
  CHECK(std::string(none.status().message()) == "none.sl:1:1: no synth-fun: nothing to synthesize");
}

}  // namespace progsearch
