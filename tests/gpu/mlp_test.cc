#include <random>
#include <vector>

#include "catch2/catch.hpp"
#include "gpu/mlp.h"
#include "guide/model.h"
#include "guide/signature.h"
#include "tests/guide/model_helpers.h"

namespace progsearch::gpu {
namespace {

std::vector<uint8_t> RandomCodes(size_t n, std::mt19937_64& rng) {
  std::vector<uint8_t> codes(n);
  for (uint8_t& c : codes) c = static_cast<uint8_t>(rng() % kCategories);
  return codes;
}

}  // namespace

TEST_CASE("exact inference follows the floating-point model", "[gpu][mlp]") {
  const proto::GuideModel model = guide::testing::RandomModel(7);
  REQUIRE(guide::ValidateModel(model).ok());
  QuantizedMlp mlp(model);
  std::mt19937_64 rng(3);
  const std::vector<uint8_t> task = RandomCodes(guide::TaskFeatureCount(), rng);
  const Eigen::VectorXd bias = mlp.TaskBias(task.data());
  const size_t n = 50;
  const std::vector<uint8_t> values = RandomCodes(n * guide::ValueFeatureCount(), rng);
  std::vector<int64_t> logits(n);
  mlp.Logits(bias, values.data(), n, logits.data());
  for (size_t i = 0; i < n; ++i) {
    std::vector<uint8_t> row = task;
    row.insert(row.end(), values.begin() + i * guide::ValueFeatureCount(), values.begin() + (i + 1) * guide::ValueFeatureCount());
    CHECK(double(logits[i]) / kSumScale == Approx(guide::testing::ReferenceLogit(model, row)).margin(0.02));
  }
}

TEST_CASE("a value's logit does not depend on its batch", "[gpu][mlp]") {
  QuantizedMlp mlp(guide::testing::RandomModel(11, 64));
  std::mt19937_64 rng(5);
  const std::vector<uint8_t> task = RandomCodes(guide::TaskFeatureCount(), rng);
  const Eigen::VectorXd bias = mlp.TaskBias(task.data());
  const size_t n = 300;
  const std::vector<uint8_t> values = RandomCodes(n * guide::ValueFeatureCount(), rng);
  std::vector<int64_t> all(n), one(1);
  mlp.Logits(bias, values.data(), n, all.data());
  for (size_t i = 0; i < n; i += 37) {
    mlp.Logits(bias, values.data() + i * guide::ValueFeatureCount(), 1, one.data());
    CHECK(one[0] == all[i]);
  }
}

TEST_CASE("skipping last-category rows gives the full table sum's logits, bit for bit", "[gpu][mlp]") {
  // The device sums every feature's row as it stands; the CPU skips rows at the last category. Both
  // must give the same integers, also for values whose features mostly sit there, as real ones do.
  QuantizedMlp mlp(guide::testing::RandomModel(13, 64));
  std::mt19937_64 rng(9);
  const std::vector<uint8_t> task = RandomCodes(guide::TaskFeatureCount(), rng);
  const Eigen::VectorXd bias = mlp.TaskBias(task.data());
  const size_t n = 200, features = guide::ValueFeatureCount();
  std::vector<uint8_t> values = RandomCodes(n * features, rng);
  for (size_t i = 0; i < values.size(); ++i) {
    if (rng() % 3 != 0) values[i] = kCategories - 1;
  }
  std::vector<int64_t> logits(n);
  mlp.Logits(bias, values.data(), n, logits.data());
  for (size_t i = 0; i < n; ++i) {
    Eigen::VectorXd h1 = bias;
    for (size_t f = 0; f < features; ++f) h1 += mlp.value_table().row(f * kCategories + values[i * features + f]).transpose();
    Eigen::VectorXd a1 = (h1.array() * kShiftDown).floor().max(0.0).min(kActivationLimit).matrix();
    Eigen::VectorXd h2 = mlp.w2() * a1 + mlp.b2();
    Eigen::VectorXd a2 = (h2.array() * kShiftDown).floor().max(0.0).min(kActivationLimit).matrix();
    CHECK(logits[i] == static_cast<int64_t>(a2.dot(mlp.w3()) + mlp.b3()));
  }
}

TEST_CASE("probabilities map to logits on the integer scale", "[gpu][mlp]") {
  CHECK(QuantizedMlp::LogitOf(0.5) == 0);
  CHECK(QuantizedMlp::LogitOf(0.1) < QuantizedMlp::LogitOf(0.2));
  CHECK(double(QuantizedMlp::LogitOf(0.9)) / kSumScale == Approx(std::log(9.0)).epsilon(1e-6));
}

}  // namespace progsearch::gpu
