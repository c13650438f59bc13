// The neural argument model as bottom-up search sees it (search/bottom_up/argument_ranker.h): for each
// slot (an operator's hole) it gives every value the probability of being that slot's argument in the
// task's solution, from the task's property signature, the slot, and the value's signature against the
// examples; the probability's bin is the value's tier there. Logits are exact integers (gpu/mlp.h), so
// the tiers, and so the search, are the same on the CPU and on a GPU.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "gpu/mlp.h"
#include "guide/model_inference.h"
#include "guide/signature.h"
#include "proto/config.pb.h"
#include "search/bottom_up/argument_ranker.h"

namespace progsearch::guide {

// The thresholds of a GuideConfig that lists no argument_thresholds: 0.1, 0.3, 0.6 (four tiers).
std::vector<double> DefaultArgumentThresholds();

struct RankerStats {
  uint64_t ranked = 0;     // (value, slot) pairs
  uint64_t on_device = 0;  // of which on the GPU
  uint64_t signatures = 0; // values whose signature was computed (once each)
  double seconds = 0;
};

class GuideArgumentRanker final : public ArgumentRanker {
 public:
  // InvalidArgument for a model that is not an argument model or thresholds that are not ascending in
  // (0, 1); FailedPrecondition for mode GPU where no GPU can be used. The mode, GPU batch floor and
  // thresholds come from `config`, as the value scorer's.
  static absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> Create(const proto::GuideModel& model,
                                                                     const proto::GuideConfig& config);

  void Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) override;
  int tiers() const override { return static_cast<int>(threshold_logits_.size()) + 1; }
  int DelayOf(int tier_sum) const override {
    return config_.argument_delay_step() > 0 ? tier_sum / static_cast<int>(config_.argument_delay_step()) : 0;
  }
  void Rank(const ArgumentSlot& slot, std::span<const uint32_t> ids, std::span<const ValueColumn* const> values,
            std::span<uint8_t> tier) override;

  // Rank's logits for `values` at `slot` (ids as Rank's), on the CPU or (when `device`) the GPU: for
  // tests and benchmarks.
  std::vector<int64_t> Logits(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                              std::span<const ValueColumn* const> values, bool device);

  const RankerStats& stats() const { return stats_; }
  bool has_device() const { return device_.present(); }
  std::string Describe() const;

 private:
  GuideArgumentRanker(const proto::GuideModel& model, const proto::GuideConfig& config,
                      const std::vector<double>& thresholds);
  // Gathers the signature codes of `values` into batch_codes_ (computing those not seen before).
  void GatherCodes(std::span<const uint32_t> ids, std::span<const ValueColumn* const> values);
  void ComputeLogits(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                     std::span<const ValueColumn* const> values, bool device);

  gpu::QuantizedMlp mlp_;
  SlotBiases biases_;  // per operator hole
  proto::GuideConfig config_;
  std::vector<int64_t> threshold_logits_;
  std::vector<ValueColumn> inputs_;
  ValueColumn expected_;
  std::optional<SignatureContext> context_;
  absl::flat_hash_map<uint32_t, uint32_t> code_row_;  // value id -> row of codes_
  std::vector<uint8_t> codes_, batch_codes_;
  std::vector<int64_t> logits_;
  DeviceModel device_;
  RankerStats stats_;
};

// The argument ranker `config` asks for on `task`: null with `description` saying why when the guide or
// ranking is off, the task has no examples, or (under RANK_AUTO) no model serves its domain. Otherwise
// as Create, plus NotFound or the read errors of the model file.
absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> MakeArgumentRanker(const Task& task,
                                                                        const proto::GuideConfig& config,
                                                                        std::string* description);

}  // namespace progsearch::guide
