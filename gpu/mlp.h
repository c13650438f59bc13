// Inference of a guide model in exact integer arithmetic, the same on the CPU and on a GPU.
//
// The weights are rounded once to integers at fixed power-of-two scales, and every activation is an
// integer held in a double, bounded so that every product and every partial sum stays below 2^53. Each
// sum is then exact whatever order it is added in (Eigen's blocking, a CUDA reduction, fused multiply-
// adds), so a logit is bitwise the same on every path and thread count, and so is every cost decision
// taken from it. The rounding moves a logit by about 1e-3, far less than the model's own error.
//
// The first layer is folded into tables: embedding then linear is, per feature and category, a fixed
// vector of `hidden` numbers, so a value's first layer is the sum of one table row per feature. The
// task's features are the same for every value of a search and are summed once (TaskBias).
#pragma once

#include <cstdint>

#include "Eigen/Core"
#include "proto/guide.pb.h"

namespace progsearch::gpu {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Activations carry 10 fractional bits and weights 16; a layer's sums carry both (26), and are brought
// back to 10 by an exact shift. Bounds: activations below 2^23 (8192.0), second- and third-layer
// weights below 2^22 in magnitude (64.0), at most 128 hidden units: 2^23 * 2^22 * 128 = 2^52.
inline constexpr int kActivationBits = 10;
inline constexpr int kWeightBits = 16;
inline constexpr double kActivationLimit = double(1 << 23) - 1;
inline constexpr double kWeightLimit = double(1 << 22) - 1;
inline constexpr double kSumScale = double(uint64_t{1} << (kActivationBits + kWeightBits));
inline constexpr double kShiftDown = 1.0 / double(1 << kWeightBits);
inline constexpr double kTableLimit = double(uint64_t{1} << 40);  // first-layer rows (16384.0)

class QuantizedMlp {
 public:
  // `model` must have passed ValidateModel.
  explicit QuantizedMlp(const proto::GuideModel& model);

  int hidden() const { return hidden_; }
  int value_features() const { return value_features_; }

  // The first layer's bias plus the task features' rows, at scale 2^26.
  Eigen::VectorXd TaskBias(const uint8_t* task_codes) const;

  // Logits of `n` values whose codes are rows of `codes` (n x value_features), at scale 2^26.
  void Logits(const Eigen::VectorXd& task_bias, const uint8_t* codes, size_t n, int64_t* logits) const;

  // The logit a probability in (0, 1) maps to, on the same scale.
  static int64_t LogitOf(double probability);

  // What a device copy needs: the same numbers the CPU path uses.
  const RowMatrix& value_table() const { return value_table_; }  // (value_features * 4) x hidden
  const RowMatrix& w2() const { return w2_; }                    // hidden x hidden
  const Eigen::VectorXd& b2() const { return b2_; }
  const Eigen::VectorXd& w3() const { return w3_; }
  double b3() const { return b3_; }

 private:
  int hidden_, task_features_, value_features_;
  RowMatrix task_table_, value_table_, w2_;
  // The CPU path's form of value_table_: each row less its feature's last-category row (|entries| below
  // 2^41), and the sum of the last-category rows (below 2^48 for up to 256 features); sums stay exact.
  RowMatrix value_delta_;
  Eigen::VectorXd last_category_sum_;
  Eigen::VectorXd b1_, b2_, w3_;
  double b3_;
};

}  // namespace progsearch::gpu
