#include "formats/list_tasks.h"

#include <catch2/catch.hpp>

#include "tests/shared_dir.h"

namespace progsearch {

TEST_CASE("list task files read with their types and list values", "[dsl][list_tasks]") {
  auto tasks = ParseListTasks(R"j([{"name": "head", "type": {"input": "list-of-int", "output": "int"},
      "examples": [{"i": [3, 1], "o": 3}, {"i": [5], "o": 5}]},
    {"name": "nested", "type": {"input": "list-of-list-of-bool", "output": "list-of-int"},
      "examples": [{"i": [[true], []], "o": []}]}])j", "t.json");
  REQUIRE(tasks.ok());
  REQUIRE(tasks->size() == 2);
  CHECK((*tasks)[0].name == "head");
  CHECK((*tasks)[0].request.ToString() == "(-> (List Int) Int)");
  CHECK((*tasks)[0].examples[1].output == Value::Int(5));
  CHECK((*tasks)[1].request.ToString() == "(-> (List (List Bool)) (List Int))");
  CHECK((*tasks)[1].examples[0].inputs[0].ToString() == "(list (list true) (as nil (List Bool)))");
}

TEST_CASE("malformed list task files get located errors", "[dsl][list_tasks]") {
  auto msg = [](const char* text) { return std::string(ParseListTasks(text, "t.json").status().message()); };
  CHECK(msg(R"j({"name": 1})j") == "t.json:1:1: expected a JSON array of tasks");
  CHECK(msg(R"j([{"type": {}, "examples": []}])j") == "t.json:1:2: missing \"name\"");
  CHECK(msg(R"j([{"name": "a", "type": {"input": "float", "output": "int"}, "examples": []}])j") ==
        "t.json:1:34: unknown type 'float' (int, bool or list-of-T)");
  CHECK(msg(R"j([{"name": "a", "type": {"input": "int", "output": "int"}, "examples": [{"i": [1], "o": 2}]}])j") ==
        "t.json:1:78: expected an integer, got an array");
  CHECK(msg(R"j([{"name": "a", "type": {"input": "int", "output": "int"}, "examples": [{"i": 1}]}])j") ==
        "t.json:1:72: an example needs \"i\" and \"o\"");
  CHECK(msg(R"j([{"name": "a", "type": {"input": "int", "output": "int"}, "examples": [{"i": 1, "o": 1}]},
                 {"name": "a", "type": {"input": "int", "output": "int"}, "examples": [{"i": 1, "o": 1}]}])j") ==
        "t.json:2:18: a second task named 'a'");
}

TEST_CASE("DreamCoder's 217 list tasks read", "[dsl][list_tasks]") {
  const std::string dir = testing::SharedDir();
  auto tasks = ReadListTasksFile(dir + "/benchmarks/lists/list_tasks.json");
  REQUIRE(tasks.ok());
  CHECK(tasks->size() == 217);
  size_t examples = 0;
  for (const ListTask& t : *tasks) examples += t.examples.size();
  CHECK(examples > 217 * 5);
}

}  // namespace progsearch
