// What the value scorer (guide_scorer.h) and the argument ranker (argument_ranker.h) share to run a
// model: the first layer's bias per slot, the model's device copy, and the bins of the probability
// thresholds. Both compute exact integer logits (gpu/mlp.h), so either path gives the same decisions.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "Eigen/Core"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "core/value_column.h"
#include "gpu/device_mlp.h"
#include "gpu/mlp.h"
#include "proto/config.pb.h"
#include "proto/guide.pb.h"

namespace progsearch::guide {

// The first layer's bias of one task for each slot a model meets: the task's rows, plus for a model with
// slot features (an argument model, or a value model that reads operators; signature.h SlotCodes) the
// slot's. Each is computed once per task and keeps its address until the next Begin.
class SlotBiases {
 public:
  SlotBiases(const gpu::QuantizedMlp& mlp, const proto::GuideModel& model);

  // The task's signature, for the slots that follow; forgets the biases of the last task.
  void Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected);
  // The bias for hole `hole` of operator `op` (empty: a leaf, or none known); a model without slot
  // features has one bias for every slot.
  const Eigen::VectorXd& For(std::string_view op, int hole = 0);

 private:
  const gpu::QuantizedMlp& mlp_;
  std::vector<std::string> operators_;
  bool slots_;
  std::vector<uint8_t> codes_;  // the task's features, then the slot's
  absl::node_hash_map<std::string, Eigen::VectorXd> biases_;  // node map: addresses outlive insertions
};

// A model's copy on the GPU, which is sent a bias only when it differs from the last one.
class DeviceModel {
 public:
  // None (present() false) for mode CPU, or for AUTO where no GPU can be used; FailedPrecondition, saying
  // why, for mode GPU where none can.
  static absl::StatusOr<DeviceModel> Create(const gpu::QuantizedMlp& mlp, proto::GuideConfig::Mode mode);

  bool present() const { return device_ != nullptr; }
  // Logits of `n` rows of value codes under `bias` (a SlotBiases one: its address names it); false when
  // the device failed, which drops it for good (the CPU gives the same logits).
  bool Logits(const Eigen::VectorXd& bias, const uint8_t* codes, size_t n, int64_t* logits);
  // The biases' addresses are reused after SlotBiases::Begin: the next Logits sends its bias again.
  void Forget() { sent_ = nullptr; }

 private:
  std::unique_ptr<gpu::DeviceMlp> device_;
  const Eigen::VectorXd* sent_ = nullptr;
};

// Whether `config` sends a batch of `n` values to the device: always for mode GPU, from gpu_min_batch
// values on for AUTO (below that the transfer costs more than it saves).
bool OnDevice(const proto::GuideConfig& config, size_t n);

// Ascending probability thresholds as logits on QuantizedMlp's scale.
std::vector<int64_t> ThresholdLogits(const std::vector<double>& thresholds);
// How many of `thresholds` (ascending logits) `logit` falls below: 0 for a likely value, up to their count.
int BinOf(int64_t logit, std::span<const int64_t> thresholds);

}  // namespace progsearch::guide
