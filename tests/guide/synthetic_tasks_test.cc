#include "guide/synthetic_tasks.h"

#include "catch2/catch.hpp"
#include "formats/program_reader.h"
#include "guide/spreadsheet_columns.h"

namespace progsearch::guide {

TEST_CASE("spreadsheet training tasks: columns people keep, the real grammar, outputs no program makes",
          "[guide][training]") {
  std::mt19937_64 rng(7), again(7);
  for (int k = 0; k < 20; ++k) {
    auto task = RandomTask("spreadsheet", 4, rng);
    REQUIRE(task.ok());
    CHECK(task->domain == "spreadsheet");
    REQUIRE(task->examples.size() == 4);
    const auto& params = task->synth_funs[0].params;
    CHECK((params.size() >= 1 && params.size() <= 3));
    for (const Example& e : task->examples) {
      CHECK(e.output.error() == CellError::kNA);  // no spreadsheet function shows #N/A
      for (const Value& in : e.inputs) CHECK(in.type() == Type::String());
    }
    std::string productions;
    for (const NonTerminal& nt : task->synth_funs[0].grammar->nonterminals) {
      for (const Production& p : nt.productions) {
        if (p.pattern) productions += PrintTerm(*p.pattern) + " ";
      }
    }
    CHECK(productions.find("(CONCATENATE S S)") != std::string::npos);
    // The same seed draws the same tasks.
    auto twin = RandomTask("spreadsheet", 4, again);
    REQUIRE(twin.ok());
    for (size_t i = 0; i < 4; ++i) CHECK(twin->examples[i].inputs == task->examples[i].inputs);
  }
}

TEST_CASE("every column kind and format writes non-empty cells", "[guide][training]") {
  std::mt19937_64 rng(3);
  for (int k = 0; k < 2000; ++k) {
    const ColumnStyle style = RandomStyle(rng);
    const std::string cell = RandomCell(style, rng);
    INFO(static_cast<int>(style.kind) << "/" << style.format);
    CHECK_FALSE(cell.empty());
  }
}

}  // namespace progsearch::guide
