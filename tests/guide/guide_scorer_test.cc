#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include <cstdlib>
#include <filesystem>

#include "formats/json_task.h"
#include "formats/program_reader.h"
#include "tests/parse_task.h"
#include "formats/sygus.h"
#include "guide/guide_scorer.h"
#include "guide/model.h"
#include "tests/guide/model_helpers.h"
#include "search/bottom_up/bottom_up_search.h"
#include "tests/initials_task.h"

namespace progsearch::guide {
namespace {

using ::progsearch::testing::ParseTask;

// Small tasks unguided search solves, of several shapes.
const char* kTasks[] = {
    ::progsearch::testing::kInitialsTask,
    R"((set-logic SLIA)
    (synth-fun f ((a String) (b String)) String
      ((Start String (a b " " "-" (str.++ Start Start) (str.replace Start Start Start)))))
    (constraint (= (f "New" "York") "New-York"))
    (constraint (= (f "Los" "Angeles") "Los-Angeles")))",
    R"((set-logic SLIA)
    (synth-fun f ((s String)) Int
      ((Start Int (0 1 (+ Start Start) (str.len S) (str.indexof S S Start)))
       (S String (s " " "@"))))
    (constraint (= (f "ab@cd") 2))
    (constraint (= (f "hello@x") 5)))",
    R"((set-logic BV)
    (synth-fun f ((x (_ BitVec 64))) (_ BitVec 64)
      ((Start (_ BitVec 64) (#x0000000000000001 x (bvnot Start) (bvand Start Start) (bvadd Start Start)))))
    (constraint (= (f #x0000000000000006) #x0000000000000002))
    (constraint (= (f #x0000000000000005) #x0000000000000001))
    (constraint (= (f #x00000000000000f0) #x0000000000000010)))",
};

BottomUpResult Run(const Task& task, ValueScorer* scorer, int threads) {
  BottomUpConfig config;
  config.set_threads(threads);
  config.set_max_candidates(20'000'000);
  BottomUpHooks hooks;
  hooks.scorer = scorer;
  return (*BottomUpSearch::Create(task, config, hooks))->Run();
}

}  // namespace

TEST_CASE("guided search finds what unguided search finds, with any model", "[gpu][guide]") {
  std::vector<proto::GuideModel> models = {testing::RandomModel(5), testing::RandomModel(6, 64)};
  if (auto bundled = ReadModel(FindBundledModel("strings")); bundled.ok()) models.push_back(*bundled);
  for (const char* text : kTasks) {
    const Task task = ParseTask(text);
    REQUIRE(Run(task, nullptr, 1).reason == StopReason::kSolved);
    for (const proto::GuideModel& model : models) {
      auto scorer = GuideScorer::Create(model, {});
      REQUIRE(scorer.ok());
      const BottomUpResult guided = Run(task, scorer->get(), 1);
      CHECK(guided.reason == StopReason::kSolved);
      CHECK((*scorer)->stats().values > 0);
    }
  }
}

TEST_CASE("a guided search's answer does not depend on the thread count", "[threads][gpu][guide]") {
  // The long-name task has batches of several scoring chunks.
  const Task task = ParseTask(kTasks[0]);
  const proto::GuideModel model = testing::RandomModel(8);
  std::vector<std::string> answers;
  std::vector<uint64_t> candidates;
  for (int threads : {1, 2, 4}) {
    auto scorer = GuideScorer::Create(model, proto::GuideConfig(), threads);
    const BottomUpResult r = Run(task, scorer->get(), threads);
    REQUIRE(r.reason == StopReason::kSolved);
    answers.push_back(PrintTerm(*r.program));
    candidates.push_back(r.stats.candidates);
  }
  CHECK(answers[0] == answers[1]);
  CHECK(answers[0] == answers[2]);
  CHECK(candidates[0] == candidates[2]);
}

TEST_CASE("the string heuristics keep substrings of the output at their cost", "[gpu][guide]") {
  const Task task = ParseTask(kTasks[0]);
  // Every threshold near 1: the model delays nearly everything, the heuristics keep what they know.
  proto::GuideConfig config;
  config.add_thresholds(0.99);
  config.add_thresholds(0.999);
  config.set_string_heuristics(true);
  auto with = GuideScorer::Create(testing::RandomModel(9), config);
  REQUIRE(with.ok());
  Run(task, with->get(), 1);
  CHECK((*with)->stats().heuristic_kept > 0);
  config.set_string_heuristics(false);
  auto without = GuideScorer::Create(testing::RandomModel(9), config);
  Run(task, without->get(), 1);
  CHECK((*without)->stats().heuristic_kept == 0);
}

TEST_CASE("kept leaves keep their cost, scored ones follow the model", "[gpu][guide]") {
  const Task task = ParseTask(kTasks[0]);
  const std::vector<ValueColumn> inputs = task.InputColumns();
  const ValueColumn expected = task.OutputColumn();
  // Thresholds no random model's probability reaches: every scored value waits two levels.
  proto::GuideConfig config;
  config.add_thresholds(0.999999);
  config.add_thresholds(0.9999999);
  for (bool keep : {false, true}) {
    config.set_keep_leaves(keep);
    auto scorer = GuideScorer::Create(testing::RandomModel(12), config);
    REQUIRE(scorer.ok());
    (*scorer)->Begin(inputs, expected);
    const CandidateValue values[] = {{0, 1, &inputs[0], true}, {0, 3, &inputs[0], false}};
    int extra[2] = {0, 0};
    (*scorer)->Score(values, extra);
    CHECK(extra[0] == (keep ? 0 : 2));
    CHECK(extra[1] == 2);
  }
}

TEST_CASE("guide settings no search can use are refused", "[gpu][guide]") {
  proto::GuideConfig bad;
  bad.add_thresholds(0.5);
  bad.add_thresholds(0.2);
  CHECK(GuideScorer::Create(testing::RandomModel(1), bad).status().code() == absl::StatusCode::kInvalidArgument);
  bad.clear_thresholds();
  bad.add_thresholds(0.0);
  CHECK(GuideScorer::Create(testing::RandomModel(1), bad).status().code() == absl::StatusCode::kInvalidArgument);
  proto::GuideConfig guide_off;
  guide_off.set_mode(proto::GuideConfig::OFF);
  CHECK(GuideScorer::Create(testing::RandomModel(1), guide_off).status().code() == absl::StatusCode::kInvalidArgument);
  // A LIA task: no model ships for it, so AUTO leaves the search unguided and CPU is an error.
  const Task lia = ParseTask(R"((set-logic LIA)
    (synth-fun f ((x Int)) Int ((Start Int (x 1 (+ Start Start)))))
    (constraint (= (f 1) 2)))");
  proto::GuideConfig config;
  std::string description;
  auto off = MakeGuide(lia, config, 1, &description);
  REQUIRE(off.ok());
  CHECK(*off == nullptr);
  CHECK(description.find("no model") != std::string::npos);
  config.set_mode(proto::GuideConfig::CPU);
  CHECK(MakeGuide(lia, config, 1, &description).status().code() == absl::StatusCode::kNotFound);
  config.set_mode(proto::GuideConfig::OFF);
  CHECK(*MakeGuide(lia, config, 1, &description) == nullptr);
  proto::GuideConfig::Mode mode;
  CHECK((ParseGuideMode("gpu", &mode) && mode == proto::GuideConfig::GPU));
  CHECK_FALSE(ParseGuideMode("GPU", &mode));
  CHECK_FALSE(ParseGuideMode("sometimes", &mode));
}

TEST_CASE("auto picks the model of the domain a task names, else the one its types say", "[guide]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("progsearch-models-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  REQUIRE(WriteModel(testing::RandomModel(1), (dir / "spreadsheet.guide").string()).ok());
  REQUIRE(WriteModel(testing::RandomModel(2), (dir / "strings.guide").string()).ok());
  ::setenv("PROGSEARCH_MODEL_DIR", dir.c_str(), 1);
  auto describe = [](const char* domain, const char* named_domain) {
    auto task = ParseJsonTask(std::string(R"({"domain": ")") + domain +
                                  R"(", "inputs": ["x"], "train": [{"inputs": ["a b"], "output": "a"}]})",
                              "t.json");
    REQUIRE(task.ok());
    task->domain = named_domain;
    std::string description;
    auto guide = MakeGuide(*task, proto::GuideConfig(), 1, &description);
    REQUIRE(guide.ok());
    return description;
  };
  CHECK(describe("spreadsheet", "spreadsheet").find(dir / "spreadsheet.guide") != std::string::npos);
  CHECK(describe("strings", "strings").find(dir / "strings.guide") != std::string::npos);
  // A domain without a model of its own (or none named, as in a SyGuS file) takes the one its types
  // say: strings, for a task over Strings.
  CHECK(describe("spreadsheet", "ledger").find(dir / "strings.guide") != std::string::npos);
  CHECK(describe("spreadsheet", "").find(dir / "strings.guide") != std::string::npos);
  ::unsetenv("PROGSEARCH_MODEL_DIR");
  fs::remove_all(dir);
}

}  // namespace progsearch::guide
