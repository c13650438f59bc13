#include "catch2/catch.hpp"
#include "guide/model.h"
#include "guide/trainer.h"
#include "guide/training_data.h"

namespace progsearch::guide {

TEST_CASE("searches on random tasks give positives and negatives of the full layout", "[gpu][training]") {
  for (const char* domain : {"strings", "spreadsheet", "bv"}) {
    DataOptions d;
    d.domain = domain;
    d.tasks = 6;
    d.candidates_per_task = 3000;
    auto data = GenerateTrainingData(d);
    REQUIRE(data.ok());
    REQUIRE(data->rows() > 20);
    size_t positives = 0;
    for (float y : data->labels) positives += y > 0.5f;
    CHECK(positives > 0);
    CHECK(positives < data->rows());
    CHECK(data->codes.size() == data->rows() * data->features);
    // The same seed gives the same data.
    auto again = GenerateTrainingData(d);
    CHECK(again->codes == data->codes);
  }
  DataOptions lists;
  lists.domain = "lists";
  CHECK(GenerateTrainingData(lists).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("training lowers the loss and is deterministic for a seed", "[gpu][training]") {
  DataOptions d;
  d.tasks = 40;
  d.candidates_per_task = 5000;
  auto data = GenerateTrainingData(d);
  REQUIRE(data.ok());
  TrainOptions t;
  t.epochs = 4;
  t.hidden = 16;
  std::vector<double> losses;
  auto model = TrainGuide(*data, "strings", t, [&](const EpochReport& r) { losses.push_back(r.train_loss); });
  REQUIRE(model.ok());
  REQUIRE(losses.size() == 4);
  CHECK(losses.back() < losses.front());
  CHECK(model->training().held_out_loss() > 0);
  CHECK(model->training().held_out_accuracy() > 0.6);
  CHECK(ValidateModel(*model).ok());
  auto again = TrainGuide(*data, "strings", t);
  CHECK(again->SerializeAsString() == model->SerializeAsString());
  TrainOptions bad = t;
  bad.hidden = 0;
  CHECK(TrainGuide(*data, "strings", bad).status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace progsearch::guide
