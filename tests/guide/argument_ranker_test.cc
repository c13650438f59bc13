#include <algorithm>
#include <cmath>

#include "catch2/catch.hpp"
#include "formats/sygus.h"
#include "gpu/mlp.h"
#include "guide/argument_ranker.h"
#include "guide/guide_scorer.h"
#include "guide/model.h"
#include "guide/trainer.h"
#include "guide/training_data.h"
#include "search/bottom_up/bottom_up_search.h"
#include "tests/guide/model_helpers.h"
#include "tests/initials_task.h"

namespace progsearch::guide {
namespace {

ValueColumn Strings(std::vector<std::string> rows) {
  std::vector<Value> values;
  for (std::string& s : rows) values.push_back(Value::String(std::move(s)));
  return ValueColumn::FromValues(Type::String(), values);
}

const std::vector<std::string> kOperators = {"CONCATENATE", "LEFT", "str.++"};

// Small spreadsheet searches, enough for rows of every kind.
DataOptions SpreadsheetData(uint32_t tasks) {
  DataOptions d;
  d.domain = "spreadsheet";
  d.tasks = tasks;
  d.candidates_per_task = 3000;
  return d;
}

}  // namespace

TEST_CASE("a slot is its operator one-hot (others share one) and its hole one-hot", "[guide][ranking]") {
  const size_t n = kOperators.size();
  REQUIRE(SlotFeatureCount(n) == static_cast<int>(n) + 1 + kMaxHoles);
  std::vector<uint8_t> codes(SlotFeatureCount(n));
  auto trues = [&] {
    std::vector<size_t> at;
    for (size_t i = 0; i < codes.size(); ++i) {
      if (codes[i] == kAllTrue) at.push_back(i);
      else CHECK(codes[i] == kAllFalse);
    }
    return at;
  };
  SlotCodes(kOperators, "LEFT", 1, codes.data());
  CHECK(trues() == std::vector<size_t>{1, n + 2});
  SlotCodes(kOperators, "MID", 0, codes.data());
  CHECK(trues() == std::vector<size_t>{n, n + 1});
  // Holes past the last share it.
  SlotCodes(kOperators, "str.++", 9, codes.data());
  CHECK(trues() == std::vector<size_t>{2, n + kMaxHoles});
}

TEST_CASE("argument data: each program node's children at their holes, against their lists", "[guide][ranking][training]") {
  DataOptions d = SpreadsheetData(6);
  d.arguments = true;
  auto data = GenerateTrainingData(d);
  REQUIRE(data.ok());
  REQUIRE(data->arguments);
  REQUIRE(data->rows() > 20);
  REQUIRE(!data->operators.empty());
  CHECK(std::is_sorted(data->operators.begin(), data->operators.end()));
  CHECK(std::adjacent_find(data->operators.begin(), data->operators.end()) == data->operators.end());
  const size_t slot_at = TaskFeatureCount(), slots = SlotFeatureCount(data->operators.size());
  REQUIRE(data->features == slot_at + slots + ValueFeatureCount());
  size_t positives = 0;
  for (size_t r = 0; r < data->rows(); ++r) {
    positives += data->labels[r] > 0.5f;
    // Exactly one operator and one hole.
    const uint8_t* slot = data->codes.data() + r * data->features + slot_at;
    CHECK(std::count(slot, slot + data->operators.size() + 1, kAllTrue) == 1);
    CHECK(std::count(slot + data->operators.size() + 1, slot + slots, kAllTrue) == 1);
  }
  CHECK(positives > 0);
  CHECK(positives < data->rows());
  auto again = GenerateTrainingData(d);
  CHECK(again->codes == data->codes);
  CHECK(again->operators == data->operators);
}

TEST_CASE("an argument model trains, and each kind of model serves only its own use", "[guide][ranking][training]") {
  DataOptions d = SpreadsheetData(30);
  d.arguments = true;
  auto data = GenerateTrainingData(d);
  REQUIRE(data.ok());
  TrainOptions t;
  t.epochs = 3;
  t.hidden = 16;
  std::vector<double> losses;
  auto model = TrainGuide(*data, "spreadsheet", t, [&](const EpochReport& r) { losses.push_back(r.train_loss); });
  REQUIRE(model.ok());
  CHECK(losses.back() < losses.front());
  CHECK(model->kind() == proto::GuideModel::ARGUMENTS);
  CHECK(std::vector<std::string>(model->operators().begin(), model->operators().end()) == data->operators);
  CHECK(ValidateModel(*model).ok());
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::CPU);
  CHECK(GuideArgumentRanker::Create(*model, config).ok());
  CHECK(GuideScorer::Create(*model, config).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(GuideArgumentRanker::Create(testing::RandomModel(1), config).status().code() ==
        absl::StatusCode::kInvalidArgument);
  // Operators out of order would be looked up wrong: refused.
  proto::GuideModel shuffled = *model;
  if (shuffled.operators_size() > 1) {
    std::swap(*shuffled.mutable_operators(0), *shuffled.mutable_operators(1));
    CHECK(ValidateModel(shuffled).code() == absl::StatusCode::kInvalidArgument);
  }
  proto::GuideConfig bad = config;
  bad.add_argument_thresholds(0.5);
  bad.add_argument_thresholds(0.2);
  CHECK(GuideArgumentRanker::Create(*model, bad).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("a value model may read the operator that built each value", "[guide][training]") {
  DataOptions d = SpreadsheetData(30);
  d.with_operator = true;
  auto data = GenerateTrainingData(d);
  REQUIRE(data.ok());
  CHECK(data->slots);
  CHECK(!data->arguments);
  REQUIRE(!data->operators.empty());
  CHECK(data->features == TaskFeatureCount() + SlotFeatureCount(data->operators.size()) + ValueFeatureCount());
  TrainOptions t;
  t.epochs = 2;
  t.hidden = 16;
  auto model = TrainGuide(*data, "spreadsheet", t);
  REQUIRE(model.ok());
  CHECK(model->kind() == proto::GuideModel::VALUES);
  CHECK(model->operators_size() == static_cast<int>(data->operators.size()));
  CHECK(ValidateModel(*model).ok());
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::CPU);
  CHECK(GuideArgumentRanker::Create(*model, config).status().code() == absl::StatusCode::kInvalidArgument);
  // The operator moves the logits: the same values, built by two operators, score differently.
  const proto::GuideModel random = testing::RandomModel(4, 16, 2, kOperators, proto::GuideModel::VALUES);
  auto scorer = GuideScorer::Create(random, config);
  REQUIRE(scorer.ok());
  const std::vector<ValueColumn> inputs = {Strings({"Ada Lovelace", "Alan Turing"})};
  const ValueColumn expected = Strings({"A.L.", "A.T."});
  (*scorer)->Begin(inputs, expected);
  const std::vector<ValueColumn> values = {Strings({"A", "A"}), Strings({"Ada", "Alan"}), Strings({"L", "T"})};
  std::vector<const ValueColumn*> pointers;
  for (const ValueColumn& v : values) pointers.push_back(&v);
  const std::vector<int64_t> left = (*scorer)->Logits(pointers, false, "LEFT");
  CHECK(left != (*scorer)->Logits(pointers, false, "str.++"));
  CHECK(left == (*scorer)->Logits(pointers, false, "LEFT"));
  // Each logit is the float model's with the operator's slot, up to rounding.
  for (size_t i = 0; i < values.size(); ++i) {
    std::vector<uint8_t> codes(random.task_features() + ValueFeatureCount());
    TaskSignature(inputs, expected, codes.data());
    SlotCodes(kOperators, "LEFT", 0, codes.data() + TaskFeatureCount());
    ValueSignature(values[i], inputs, expected, codes.data() + random.task_features());
    CHECK(std::abs(double(left[i]) / gpu::kSumScale - testing::ReferenceLogit(random, codes)) < 0.01);
  }
}

TEST_CASE("the ranker's tiers follow its exact logits, which follow the model", "[guide][ranking]") {
  const proto::GuideModel model = testing::RandomModel(3, 32, 2, kOperators);
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::CPU);
  auto ranker = GuideArgumentRanker::Create(model, config);
  REQUIRE(ranker.ok());
  REQUIRE((*ranker)->tiers() == 4);
  const std::vector<ValueColumn> inputs = {Strings({"Ada Lovelace", "Alan Turing"})};
  const ValueColumn expected = Strings({"A.L.", "A.T."});
  (*ranker)->Begin(inputs, expected);
  const std::vector<ValueColumn> values = {Strings({"A", "A"}), Strings({"Ada", "Alan"}), Strings({".", "."}),
                                           Strings({"A.", "A."}), Strings({"", ""}), Strings({"L", "T"})};
  std::vector<const ValueColumn*> pointers;
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < values.size(); ++i) {
    pointers.push_back(&values[i]);
    ids.push_back(static_cast<uint32_t>(10 + i));
  }
  for (const ArgumentSlot slot : {ArgumentSlot{"LEFT", 0, 0}, ArgumentSlot{"str.++", 1, 0}, ArgumentSlot{"MID", 2, 0}}) {
    const std::vector<int64_t> logits = (*ranker)->Logits(slot, ids, pointers, false);
    std::vector<uint8_t> tier(values.size());
    (*ranker)->Rank(slot, ids, pointers, tier);
    const std::vector<int64_t> thresholds = {gpu::QuantizedMlp::LogitOf(0.1), gpu::QuantizedMlp::LogitOf(0.3),
                                             gpu::QuantizedMlp::LogitOf(0.6)};
    for (size_t i = 0; i < values.size(); ++i) {
      int below = 0;
      for (int64_t t : thresholds) below += logits[i] < t;
      CHECK(tier[i] == below);
      // The exact logit is the model's own, up to its rounding.
      std::vector<uint8_t> codes(model.task_features() + ValueFeatureCount());
      TaskSignature(inputs, expected, codes.data());
      SlotCodes(kOperators, slot.op, slot.hole, codes.data() + TaskFeatureCount());
      ValueSignature(values[i], inputs, expected, codes.data() + model.task_features());
      CHECK(std::abs(double(logits[i]) / gpu::kSumScale - testing::ReferenceLogit(model, codes)) < 0.01);
    }
    // No GPU here: asking for the device gives the CPU's logits.
    CHECK((*ranker)->Logits(slot, ids, pointers, true) == logits);
  }
  // Each value's signature is computed once, whatever the slots.
  CHECK((*ranker)->stats().signatures == values.size());
}

TEST_CASE("argument ranking is off, on or automatic as asked", "[guide][ranking]") {
  auto lia = ParseSygus(R"((set-logic LIA) (synth-fun f ((x Int)) Int)
    (constraint (= (f 1) 2)) (constraint (= (f 2) 3)))", "lia.sl");
  REQUIRE(lia.ok());
  std::string description;
  proto::GuideConfig config;
  // No bundled argument model serves LIA: automatic ranking is off, asked-for ranking an error.
  auto automatic = MakeArgumentRanker(*lia, config, &description);
  REQUIRE(automatic.ok());
  CHECK(*automatic == nullptr);
  CHECK(description.find("off") == 0);
  config.set_argument_ranking(proto::GuideConfig::RANK_ON);
  CHECK(MakeArgumentRanker(*lia, config, &description).status().code() == absl::StatusCode::kNotFound);
  config.set_argument_ranking(proto::GuideConfig::RANK_OFF);
  REQUIRE(MakeArgumentRanker(*lia, config, &description).ok());
  CHECK(description == "off");
  // A model file given is used whatever the domain.
  const std::string path = "argument_ranker_test.args.guide";
  REQUIRE(WriteModel(testing::RandomModel(5, 16, 2, kOperators), path).ok());
  config.set_argument_ranking(proto::GuideConfig::RANK_AUTO);
  config.set_argument_model(path);
  config.set_mode(proto::GuideConfig::CPU);
  auto given = MakeArgumentRanker(*lia, config, &description);
  REQUIRE(given.ok());
  CHECK(*given != nullptr);
  CHECK(description == "cpu: " + path);
  // The guide off turns ranking off too.
  config.set_mode(proto::GuideConfig::OFF);
  CHECK(*MakeArgumentRanker(*lia, config, &description) == nullptr);
  std::remove(path.c_str());
}

TEST_CASE("a search ranked by a trained argument model still finds the answer", "[guide][ranking]") {
  auto task = ParseSygus(::progsearch::testing::kInitialsTask, "initials.sl");
  REQUIRE(task.ok());
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::CPU);
  auto ranker = GuideArgumentRanker::Create(testing::RandomModel(7, 16, 2, {"str.++", "str.at", "str.substr"}), config);
  REQUIRE(ranker.ok());
  BottomUpConfig search;
  search.set_ranking_payoff(0);
  BottomUpHooks hooks;
  hooks.ranker = ranker->get();
  const BottomUpResult ranked = (*BottomUpSearch::Create(*task, search, hooks))->Run();
  const BottomUpResult plain = (*BottomUpSearch::Create(*task, search))->Run();
  REQUIRE(ranked.reason == StopReason::kSolved);
  CHECK(ranked.program->size() == plain.program->size());
  CHECK((*ranker)->stats().ranked > 0);
}

}  // namespace progsearch::guide
