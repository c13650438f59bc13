#include "search/library/corpus.h"
#include "search/library/compression.h"

#include <catch2/catch.hpp>

#include "tests/shared_dir.h"

namespace progsearch::library {
namespace {

TEST_CASE("corpus: a JSON array makes one task per program") {
  auto corpus = ParseCorpus(R"j(["(a a a)", "(b b b)"])j", "c.json");
  REQUIRE(corpus.ok());
  CHECK(corpus->tasks.size() == 2);
  CHECK(CorpusCost(corpus->pool, corpus->tasks) == 604);
}

TEST_CASE("corpus: a DreamCoder request costs each task its cheapest program") {
  auto corpus = ParseCorpus(R"j({"arity": 2, "frontiers": [
      {"task": "t0", "programs": [{"program": "(a a a)", "logLikelihood": 0.0}, {"program": "(a a)"}]},
      {"task": "unsolved", "programs": []},
      {"task": "t1", "programs": [{"program": "(lambda (b $0))"}]}]})j",
                            "r.json");
  REQUIRE(corpus.ok());
  REQUIRE(corpus->tasks.size() == 2);
  CHECK(corpus->task_names == std::vector<std::string>{"t0", "t1"});
  CHECK(CorpusCost(corpus->pool, corpus->tasks) == 201 + 202);
}

TEST_CASE("corpus: malformed corpora are located errors") {
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"[\"(a a\"]", "r.json:1:2: program: column 5: missing ')'"},
           {"[1]", "r.json:1:2: expected a program as a string"},
           {"{\"programs\": []}", "r.json:1:1: expected a JSON array of programs or a DreamCoder"},
           {"{\"frontiers\": [{\"programs\": [{\"prog\": \"a\"}]}]}", "r.json:1:30: a frontier's program must be"},
           {"[\"(f #0)\"]", "#i marks an abstraction's argument"},
           {"[]", "the corpus has no programs"},
           {"[\"a\",", "r.json:1:6"},
       }) {
    auto corpus = ParseCorpus(text, "r.json");
    INFO(text);
    REQUIRE_FALSE(corpus.ok());
    CHECK(corpus.status().message().find(message) != std::string::npos);
  }
}

TEST_CASE("corpus: the shared corpora read") {
  const std::string dir = testing::SharedDir() + "/benchmarks/compression/corpora/";
  auto nuts = ReadCorpusFile(dir + "nuts-bolts.json");
  REQUIRE(nuts.ok());
  CHECK(CorpusCost(nuts->pool, nuts->tasks) == 1919558);  // Stitch's original_cost
  auto logo = ReadCorpusFile(dir + "logo_iteration_1.json");
  REQUIRE(logo.ok());
  CHECK(logo->tasks.size() == 80);
}

}  // namespace
}  // namespace progsearch::library
