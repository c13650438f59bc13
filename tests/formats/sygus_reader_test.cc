#include <catch2/catch.hpp>

#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "tests/eval_helpers.h"
#include "tests/shared_dir.h"

namespace progsearch {

namespace {

std::string Grammars(const Task& t) {
  std::string out;
  for (const SynthFun& f : t.synth_funs) {
    if (!f.grammar) continue;
    for (const NonTerminal& nt : f.grammar->nonterminals) {
      out += nt.name + ":" + nt.type.ToString() + "=";
      for (const Production& p : nt.productions) {
        out += (p.pattern ? PrintTerm(*p.pattern) : "<" + p.type.ToString() + ">") + "|";
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every shared SyGuS benchmark parses and round-trips", "[dsl][sygus]") {
  std::vector<std::string> files = testing::SharedSygusFiles();
  // 89 strings + 151 bv + 26 hackers-delight + 44 clia.
  REQUIRE(files.size() == 310);
  size_t with_examples = 0, with_spec = 0;
  for (const std::string& file : files) {
    auto task = ReadSygusFile(file);
    INFO(file << ": " << (task.ok() ? "" : std::string(task.status().message())));
    REQUIRE(task.ok());
    REQUIRE(task->synth_funs.size() >= 1);
    CHECK((task->examples.size() + task->spec.size()) > 0);
    with_examples += !task->examples.empty();
    with_spec += !task->spec.empty();

    // print -> read gives the same task.
    std::string written = WriteSygus(*task);
    auto again = ParseSygus(written, file + " (rewritten)");
    INFO(written.substr(0, 2000));
    REQUIRE(again.ok());
    CHECK(again->logic == task->logic);
    CHECK(again->examples.size() == task->examples.size());
    for (size_t i = 0; i < task->examples.size() && i < again->examples.size(); ++i) {
      CHECK(again->examples[i].inputs == task->examples[i].inputs);
      CHECK(again->examples[i].output == task->examples[i].output);
    }
    REQUIRE(again->spec.size() == task->spec.size());
    for (size_t i = 0; i < task->spec.size(); ++i) CHECK(PrintTerm(*again->spec[i]) == PrintTerm(*task->spec[i]));
    CHECK(Grammars(*again) == Grammars(*task));
    CHECK(WriteSygus(*again) == written);
  }
  // The PBE tracks are all examples; the general and CLIA tracks are all specs.
  CHECK(with_examples == 240);
  CHECK(with_spec == 70);
}

TEST_CASE("SyGuS v1 grammars and define-sort are read", "[dsl][sygus]") {
  auto task = ParseSygus(R"(
    (set-logic BV)
    (define-sort BV8 (_ BitVec 8))
    (synth-fun f ((x BV8)) BV8
      ((Start BV8 (x #x01 (bvadd Start Start) (Constant BV8) (Variable BV8)))))
    (constraint (= (f #x01) #x02)))",
                         "v1.sl");
  REQUIRE(task.ok());
  REQUIRE(task->synth_funs[0].grammar);
  const NonTerminal& start = task->synth_funs[0].grammar->nonterminals[0];
  CHECK(start.type == *Type::BitVec(8));
  REQUIRE(start.productions.size() == 5);
  CHECK(start.productions[3].kind == Production::Kind::kAnyConstant);
  CHECK(start.productions[4].kind == Production::Kind::kAnyVariable);
  REQUIRE(task->examples.size() == 1);
  CHECK(task->examples[0].output.ToString() == "#x02");
}

TEST_CASE("example constraints become columns, other constraints stay spec", "[dsl][sygus]") {
  auto task = ParseSygus(R"(
    (set-logic SLIA)
    (synth-fun f ((a String) (n Int)) String)
    (declare-var s String)
    (constraint (= (f "ab" 1) "b"))
    (constraint (= "c" (f "abc" (- 3 1))))
    (constraint (= (f s 0) (f s 0))))",
                         "mixed.sl");
  REQUIRE(task.ok());
  REQUIRE(task->examples.size() == 2);
  CHECK(task->examples[1].inputs[1] == Value::Int(2));  // ground arguments are evaluated
  CHECK(task->examples[1].output == Value::String("c"));
  CHECK(task->spec.size() == 1);
  auto inputs = task->InputColumns();
  REQUIRE(inputs.size() == 2);
  CHECK(inputs[0].string_at(1) == "abc");
  CHECK(task->OutputColumn().string_at(0) == "b");
}

TEST_CASE("a known solution passes every example of a shared task", "[dsl][sygus]") {
  auto task = ReadSygusFile(testing::SharedDir() + "/benchmarks/sygus/strings/dr-name.sl");
  REQUIRE(task.ok());
  ProgramReader reader(*task->registry, task->synth_funs[0].params, "<solution>");
  auto program = reader.ReadText("(str.++ \"Dr.\" (str.++ \" \" (str.substr name 0 (str.indexof name \" \" 0))))");
  REQUIRE(program.ok());
  auto out = Interpreter().Evaluate(**program, task->InputColumns(), task->examples.size());
  REQUIRE(out.ok());
  CHECK(*out == task->OutputColumn());
}

}  // namespace progsearch
