#include "formats/json_task.h"

#include <catch2/catch.hpp>

#include "core/utf8.h"
#include "dsl/example_constants.h"
#include "formats/json.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"

namespace progsearch {

TEST_CASE("JSON values keep their locations", "[dsl][json]") {
  auto doc = ParseJson("{\n  \"a\": [1, -2.5e3, \"x\\u0041\\n\"],\n  \"b\": {\"c\": true, \"d\": null}\n}", "t.json");
  REQUIRE(doc.ok());
  const JsonValue* a = doc->Find("a");
  REQUIRE(a != nullptr);
  REQUIRE(a->items.size() == 3);
  CHECK(a->items[1].text == "-2.5e3");
  CHECK(a->items[2].text == "xA\n");
  CHECK(a->loc.line == 2);
  CHECK(a->loc.column == 8);
  CHECK(doc->Find("b")->Find("c")->boolean);
  for (const char* bad : {"{\"a\": }", "[1, 2", "{\"a\" 1}", "\"open", "[1] 2", "{\"a\": tru}", "[\"\\q\"]"}) {
    auto r = ParseJson(bad, "bad.json");
    INFO(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(std::string(r.status().message()).rfind("bad.json:1:", 0) == 0);
  }
}

TEST_CASE("a JSON task becomes examples, held-out tests and a domain grammar", "[dsl][json]") {
  auto task = ParseJsonTask(R"({
    "domain": "spreadsheet",
    "inputs": ["first", {"name": "n", "type": "Int"}],
    "train": [{"inputs": ["Ada", 2], "output": "Ad-"}, {"inputs": ["Alan", 1], "output": "A-"}],
    "test": [{"inputs": ["Grace", 3], "output": "Gra-"}],
    "constants": ["#", 7]
  })",
                            "t.json");
  INFO((task.ok() ? "" : std::string(task.status().message())));
  REQUIRE(task.ok());
  REQUIRE(task->synth_funs.size() == 1);
  CHECK(task->synth_funs[0].params[1].type == Type::Int());
  CHECK(task->examples.size() == 2);
  REQUIRE(task->test_examples.size() == 1);
  CHECK(task->test_examples[0].output == Value::String("Gra-"));
  const Grammar& g = *task->synth_funs[0].grammar;
  std::string productions;
  for (const NonTerminal& nt : g.nonterminals) {
    for (const Production& p : nt.productions) productions += PrintTerm(*p.pattern) + " ";
  }
  CHECK(productions.find("(CONCATENATE S S)") != std::string::npos);
  CHECK(productions.find("\"#\"") != std::string::npos);  // the user's constant
  CHECK(productions.find("\"-\"") != std::string::npos);  // punctuation seen in the outputs
  CHECK(productions.find(" 7 ") != std::string::npos);
  CHECK(productions.find(" n ") != std::string::npos);  // the Int input is an I leaf
}

TEST_CASE("malformed JSON tasks are located", "[dsl][json]") {
  struct Case {
    const char* text;
    const char* needle;
    int line, column;
  };
  for (const Case& c : {
           Case{"{\"inputs\": [\"x\"]}", "\"train\" examples are required", 1, 1},
           Case{"{\"inputs\": [\"x\"], \"train\": [{\"inputs\": [1], \"output\": \"a\"}]}", "String", 1, 41},
           Case{"{\"inputs\": [\"x\"],\n \"train\": [{\"inputs\": [\"a\", \"b\"], \"output\": \"a\"}]}", "1 input", 2,
                23},
           Case{"{\"inputs\": [\"x\"], \"trian\": []}", "unknown member \"trian\"", 1, 28},
           Case{"{\"inputs\": [\"x\"], \"domain\": \"excel\", \"train\": []}", "domain", 1, 29},
           Case{"{\"inputs\": [\"x\"], \"train\": []}", "at least one", 1, 28},
           // Names SMT-LIB cannot spell, names taken by the language, and a name given twice.
           Case{"{\"inputs\": [\"nam|\"], \"train\": [{\"inputs\": [\"a\"], \"output\": \"a\"}]}", "cannot spell", 1, 13},
           Case{"{\"inputs\": [\"a\\\\b\"], \"train\": [{\"inputs\": [\"a\"], \"output\": \"a\"}]}", "cannot spell", 1, 13},
           Case{"{\"inputs\": [\"true\"], \"train\": [{\"inputs\": [\"a\"], \"output\": \"a\"}]}", "\"true\"", 1, 13},
           Case{"{\"inputs\": [\"a\", \"a\"], \"train\": [{\"inputs\": [\"a\", \"b\"], \"output\": \"a\"}]}",
                "named twice", 1, 18},
       }) {
    auto task = ParseJsonTask(c.text, "bad.json");
    INFO(c.text);
    REQUIRE_FALSE(task.ok());
    const std::string msg(task.status().message());
    INFO(msg);
    CHECK(msg.rfind("bad.json:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": ", 0) == 0);
    CHECK(msg.find(c.needle) != std::string::npos);
  }
}

TEST_CASE("inputs named like the grammar's non-terminals stay variables", "[dsl][json]") {
  // The generated grammar's non-terminals are Start, S, I, B and (spreadsheet tasks with numbers) N;
  // inputs with those names (and the first suffix) push them to fresh names instead of being read as
  // non-terminals.
  auto task = ParseJsonTask(R"({"inputs": ["S", "Start", {"name": "I", "type": "Int"}, "S_1"],
    "train": [{"inputs": ["ab", "c", 2, "d"], "output": "abab"}]})",
                            "nt.json");
  INFO(task.status().ToString());
  REQUIRE(task.ok());
  const Grammar& g = *task->synth_funs[0].grammar;
  std::vector<std::string> names;
  for (const NonTerminal& nt : g.nonterminals) names.push_back(nt.name);
  // An Int input is a number: the grammar has N too.
  CHECK(names == std::vector<std::string>{"Start_2", "S_2", "I_2", "B_2", "N_2"});
  // Every input is a leaf of its type's non-terminal.
  size_t variables = 0;
  for (const NonTerminal& nt : g.nonterminals) {
    for (const Production& p : nt.productions) {
      if (p.kind == Production::Kind::kTerm && p.pattern->kind() == TermKind::kVariable) ++variables;
    }
  }
  CHECK(variables == 4);
}

TEST_CASE("JSON strings are Unicode", "[dsl][json]") {
  // Raw UTF-8, \u escapes and surrogate pairs are characters; a lone surrogate stays the SMT-LIB character.
  auto doc = ParseJson("[\"Jos\xc3\xa9\", \"Jos\\u00e9\", \"\\ud83d\\ude00\", \"\\ud800x\", \"\\ud800\\u0041\"]", "u.json");
  REQUIRE(doc.ok());
  CHECK(doc->items[0].text == "Jos\u00e9");
  CHECK(doc->items[1].text == "Jos\u00e9");
  CHECK(doc->items[2].text == "\U0001F600");
  CHECK(doc->items[3].text == "\xed\xa0\x80x");
  CHECK(doc->items[4].text == "\xed\xa0\x80" "A");
  for (const char* bad : {"[\"\xff\"]", "[\"\xc3\"]", "[\"\xed\xa0\x80\"]", "[\"\\ud800\\u12\"]"}) {
    INFO(bad);
    auto r = ParseJson(bad, "bad.json");
    REQUIRE_FALSE(r.ok());
    CHECK(std::string(r.status().message()).rfind("bad.json:1:", 0) == 0);
  }
  // A task's examples are in SMT-LIB's characters, up to U+2FFFF.
  auto task = ParseJsonTask(R"({"inputs": ["name"], "train": [{"inputs": ["Jos\u00e9 Garc\u00eda"], "output": "JG\u00e9"}]})", "t.json");
  INFO((task.ok() ? "" : std::string(task.status().message())));
  REQUIRE(task.ok());
  CHECK(task->examples[0].inputs[0].as_string() == "Jos\u00e9 Garc\u00eda");
  auto beyond = ParseJsonTask(R"({"inputs": ["s"], "train": [{"inputs": ["\udb40\udc01"], "output": "x"}]})", "t.json");
  REQUIRE_FALSE(beyond.ok());
  CHECK(std::string(beyond.status().message()).find("U+E0001") != std::string::npos);
}

TEST_CASE("string constants are extracted from the examples", "[dsl][json]") {
  std::vector<Example> ex = {{{Value::String("Ada Lovelace")}, Value::String("Dr. Ada"), ""},
                             {{Value::String("Alan Turing")}, Value::String("Dr. Alan"), ""}};
  std::vector<std::string> c = ExtractStringConstants(ex);
  CHECK(std::find(c.begin(), c.end(), ".") != c.end());
  CHECK(std::find(c.begin(), c.end(), "Dr. A") != c.end());  // shared by the outputs, absent from the inputs
  // Shared text is cut at whole characters: "\u00e9" and "\u00e8" share a lead byte but no character.
  std::vector<Example> accents = {{{Value::String("x")}, Value::String("n\u00e9e"), ""},
                                  {{Value::String("y")}, Value::String("n\u00e8e"), ""}};
  for (const std::string& k : ExtractStringConstants(accents)) {
    INFO(k);
    CHECK(IsEngineString(k, false));
  }
}

TEST_CASE("a lists task reads list types and values but builds no grammar", "[dsl][json_task]") {
  const char* text = R"j({"domain": "lists", "inputs": [{"name": "xs", "type": "(List (List Int))"}],
    "output_type": "(List Bool)", "train": [{"inputs": [[[1], []]], "output": [true, false]}]})j";
  auto spec = ParseExampleTaskSpec(text, "l.json");
  REQUIRE(spec.ok());
  CHECK(spec->domain == "lists");
  CHECK(spec->inputs[0].type.ToString() == "(List (List Int))");
  CHECK(spec->output.ToString() == "(List Bool)");
  CHECK(spec->train[0].inputs[0].ToString() == "(list (list 1) (as nil (List Int)))");
  CHECK(ParseJsonTask(text, "l.json").status().message() ==
        "l.json: a \"lists\" task has no grammar: `progsearch synth` solves it with the lambda search");
  CHECK(ParseExampleTaskSpec(R"j({"domain": "lists", "inputs": [{"name": "xs", "type": "(List Int)"}],
    "output_type": "Int", "train": [{"inputs": [[1, "a"]], "output": 1}]})j", "l.json").status().message() ==
        "l.json:2:53: expected a value of type Int, got a string");
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("spreadsheet tasks take Numbers, truth values and cell errors", "[dsl][json][errors]") {
  auto task = ParseJsonTask(R"({
    "inputs": [{"name": "a", "type": "Number"}, {"name": "b", "type": "Number"}],
    "output_type": "Number",
    "train": [{"inputs": [6, 3], "output": 2}, {"inputs": [1, 0], "output": {"error": "#DIV/0!"}},
              {"inputs": [2.5, 0.5], "output": 5}],
    "test": [{"inputs": [1, 0], "output": {"error": "#DIV/0!"}}],
    "constants": [1.5]
  })",
                            "n.json");
  INFO((task.ok() ? "" : std::string(task.status().message())));
  REQUIRE(task.ok());
  CHECK(task->synth_funs[0].params[0].type == Type::Float());
  REQUIRE(task->examples.size() == 3);
  CHECK(task->examples[0].output == Value::Float(2));
  CHECK(task->examples[1].output == Value::Error(Type::Float(), CellError::kDivZero));
  CHECK(task->test_examples[0].output.ToString() == "#DIV/0!");
  std::string productions;
  for (const NonTerminal& nt : task->synth_funs[0].grammar->nonterminals) {
    for (const Production& p : nt.productions) productions += PrintTerm(*p.pattern) + " ";
  }
  CHECK(productions.find("(DIVIDE N N)") != std::string::npos);
  CHECK(productions.find(" 1.5 ") != std::string::npos);
  // DIVIDE fits every example, the error row included; MULTIPLY gives a number where an error is expected.
  const std::vector<ValueColumn> inputs = task->InputColumns();
  ProgramReader reader(*task->registry, task->synth_funs[0].params, "<test>");
  auto eval = [&](const char* text) { return *Interpreter().Evaluate(**reader.ReadText(text), inputs, 3); };
  const ValueColumn expected = task->OutputColumn();
  CHECK(eval("(DIVIDE a b)") == expected);
  CHECK_FALSE(eval("(MULTIPLY a b)") == expected);
  const ValueColumn divided = eval("(DIVIDE a b)");
  CHECK(divided.error_at(0) == CellError::kNone);
  CHECK(divided.error_at(1) == CellError::kDivZero);
  CHECK(divided.Get(2) == Value::Float(5));

  auto flags = ParseJsonTask(R"({"inputs": ["email"], "output_type": "Bool",
    "train": [{"inputs": ["a@gmail.com"], "output": true}, {"inputs": ["b@aol.com"], "output": false}]})",
                             "b.json");
  REQUIRE(flags.ok());
  CHECK(flags->examples[0].output == Value::Bool(true));
}

TEST_CASE("cell errors and Numbers are refused where they do not belong", "[dsl][json][errors]") {
  struct Case {
    const char* text;
    const char* needle;
  };
  for (const Case& c : {
           Case{R"({"inputs": ["x"], "train": [{"inputs": ["a"], "output": {"error": "#OOPS"}}]})", "#DIV/0!"},
           Case{R"({"inputs": [{"name": "x", "type": "Number"}], "train": [{"inputs": ["a"], "output": "a"}]})",
                "expected a value of type Number"},
           Case{R"({"domain": "strings", "inputs": ["x"], "train": [{"inputs": ["a"], "output": {"error": "#N/A"}}]})",
                "spreadsheet domain"},
           Case{R"({"domain": "strings", "inputs": [{"name": "x", "type": "Number"}], "train": [{"inputs": [1], "output": "a"}]})",
                "String, Int or Bool"},
       }) {
    INFO(c.text);
    auto task = ParseJsonTask(c.text, "bad.json");
    REQUIRE_FALSE(task.ok());
    INFO(task.status().message());
    CHECK(std::string(task.status().message()).find(c.needle) != std::string::npos);
  }
}

}  // namespace progsearch
