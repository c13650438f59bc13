#include "gpu/mlp.h"

#include <algorithm>
#include <cmath>

#include "gpu/feature_codes.h"

namespace progsearch::gpu {
namespace {

double Round(double x, double scale, double limit) { return std::clamp(std::nearbyint(x * scale), -limit, limit); }

// A layer's exact sums, brought back to activation scale: ReLU, shift, clamp.
template <typename Derived>
void Activate(Eigen::ArrayBase<Derived>&& sums) {
  sums = (sums * kShiftDown).floor().max(0.0).min(kActivationLimit);
}

}  // namespace

QuantizedMlp::QuantizedMlp(const proto::GuideModel& m)
    : hidden_(static_cast<int>(m.hidden())),
      task_features_(static_cast<int>(m.task_features())),
      value_features_(static_cast<int>(m.value_features())) {
  const int dim = static_cast<int>(m.embedding_dim());
  const int features = task_features_ + value_features_;
  const int inputs = features * dim;
  // Folds embedding and first layer, in double, then rounds each entry once.
  RowMatrix table(static_cast<Eigen::Index>(features) * kCategories, hidden_);
  for (int f = 0; f < features; ++f) {
    for (int c = 0; c < kCategories; ++c) {
      for (int j = 0; j < hidden_; ++j) {
        double sum = 0;
        for (int d = 0; d < dim; ++d) {
          sum += double(m.w1(j * inputs + f * dim + d)) * double(m.embedding((f * kCategories + c) * dim + d));
        }
        table(f * kCategories + c, j) = Round(sum, kSumScale, kTableLimit);
      }
    }
  }
  task_table_ = table.topRows(static_cast<Eigen::Index>(task_features_) * kCategories);
  value_table_ = table.bottomRows(static_cast<Eigen::Index>(value_features_) * kCategories);
  value_delta_ = value_table_;
  last_category_sum_ = Eigen::VectorXd::Zero(hidden_);
  for (int f = 0; f < value_features_; ++f) {
    const Eigen::Index last = f * kCategories + kCategories - 1;
    last_category_sum_ += value_table_.row(last).transpose();
    for (int c = 0; c < kCategories; ++c) value_delta_.row(f * kCategories + c) -= value_table_.row(last);
  }
  b1_.resize(hidden_);
  b2_.resize(hidden_);
  w3_.resize(hidden_);
  w2_.resize(hidden_, hidden_);
  for (int j = 0; j < hidden_; ++j) {
    b1_(j) = Round(m.b1(j), kSumScale, kTableLimit);
    b2_(j) = Round(m.b2(j), kSumScale, kTableLimit);
    w3_(j) = Round(m.w3(j), 1 << kWeightBits, kWeightLimit);
    for (int k = 0; k < hidden_; ++k) w2_(j, k) = Round(m.w2(j * hidden_ + k), 1 << kWeightBits, kWeightLimit);
  }
  b3_ = Round(m.b3(), kSumScale, kTableLimit);
}

Eigen::VectorXd QuantizedMlp::TaskBias(const uint8_t* task_codes) const {
  Eigen::VectorXd bias = b1_;
  for (int f = 0; f < task_features_; ++f) bias += task_table_.row(f * kCategories + task_codes[f]).transpose();
  return bias;
}

void QuantizedMlp::Logits(const Eigen::VectorXd& task_bias, const uint8_t* codes, size_t n, int64_t* logits) const {
  const Eigen::Index rows = static_cast<Eigen::Index>(n);
  // Every feature at the last category, then each feature's difference from it: the same integers
  // summed (so the same exact result), but most of a value's features sit at the last category (the
  // guide's "not applicable": the blocks of the other types), and those rows are skipped.
  const Eigen::VectorXd start = task_bias + last_category_sum_;
  RowMatrix h1 = start.transpose().replicate(rows, 1);
  const size_t width = static_cast<size_t>(hidden_);
  for (Eigen::Index i = 0; i < rows; ++i) {
    const uint8_t* row = codes + i * value_features_;
    double* h = h1.row(i).data();
    for (int f = 0; f < value_features_; ++f) {
      if (row[f] == kCategories - 1) continue;
      const double* d = value_delta_.row(f * kCategories + row[f]).data();
      for (size_t j = 0; j < width; ++j) h[j] += d[j];
    }
  }
  Activate(h1.array());
  RowMatrix h2 = h1 * w2_.transpose();
  h2.rowwise() += b2_.transpose();
  Activate(h2.array());
  Eigen::VectorXd out = h2 * w3_;
  for (Eigen::Index i = 0; i < rows; ++i) logits[i] = static_cast<int64_t>(out(i) + b3_);
}

int64_t QuantizedMlp::LogitOf(double probability) {
  const double p = std::clamp(probability, 1e-9, 1 - 1e-9);
  return static_cast<int64_t>(std::nearbyint(std::log(p / (1 - p)) * kSumScale));
}

}  // namespace progsearch::gpu
