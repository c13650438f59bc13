#include "guide/argument_ranker.h"

#include <algorithm>
#include <chrono>

#include "core/status_macros.h"
#include "core/str_cat.h"
#include "guide/guide_scorer.h"
#include "guide/model.h"

namespace progsearch::guide {

std::vector<double> DefaultArgumentThresholds() { return {0.1, 0.3, 0.6}; }

GuideArgumentRanker::GuideArgumentRanker(const proto::GuideModel& model, const proto::GuideConfig& config,
                                         const std::vector<double>& thresholds)
    : mlp_(model), biases_(mlp_, model), config_(config), threshold_logits_(ThresholdLogits(thresholds)) {}

absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> GuideArgumentRanker::Create(const proto::GuideModel& model,
                                                                                 const proto::GuideConfig& config) {
  if (absl::Status valid = ValidateModel(model); !valid.ok()) return valid;
  if (model.kind() != proto::GuideModel::ARGUMENTS) {
    return absl::InvalidArgumentError("this is a value model, not an argument model (train-guide --arguments)");
  }
  std::vector<double> thresholds(config.argument_thresholds().begin(), config.argument_thresholds().end());
  if (thresholds.empty()) thresholds = DefaultArgumentThresholds();
  if (absl::Status valid = CheckThresholds(thresholds); !valid.ok()) return valid;
  std::unique_ptr<GuideArgumentRanker> ranker(new GuideArgumentRanker(model, config, thresholds));
  absl::StatusOr<DeviceModel> device = DeviceModel::Create(ranker->mlp_, config.mode());
  if (!device.ok()) return device.status();
  ranker->device_ = *std::move(device);
  return ranker;
}

void GuideArgumentRanker::Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {
  biases_.Begin(inputs, expected);
  device_.Forget();
  inputs_.assign(inputs.begin(), inputs.end());
  expected_ = expected;
  context_.emplace(inputs_, expected_);
  code_row_.clear();
  codes_.clear();
}

void GuideArgumentRanker::GatherCodes(std::span<const uint32_t> ids, std::span<const ValueColumn* const> values) {
  const size_t features = ValueFeatureCount();
  batch_codes_.resize(ids.size() * features);
  for (size_t i = 0; i < ids.size(); ++i) {
    auto [it, added] = code_row_.try_emplace(ids[i], static_cast<uint32_t>(codes_.size() / features));
    if (added) {
      codes_.resize(codes_.size() + features);
      ValueSignature(*values[i], *context_, codes_.data() + codes_.size() - features);
      ++stats_.signatures;
    }
    std::copy_n(codes_.data() + size_t{it->second} * features, features, batch_codes_.data() + i * features);
  }
}

void GuideArgumentRanker::ComputeLogits(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                                        std::span<const ValueColumn* const> values, bool device) {
  GatherCodes(ids, values);
  const Eigen::VectorXd& bias = biases_.For(slot.op, slot.hole);
  const size_t n = ids.size();
  logits_.resize(n);
  if (device && device_.Logits(bias, batch_codes_.data(), n, logits_.data())) {
    stats_.on_device += n;
    return;
  }
  mlp_.Logits(bias, batch_codes_.data(), n, logits_.data());
}

std::vector<int64_t> GuideArgumentRanker::Logits(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                                                 std::span<const ValueColumn* const> values, bool device) {
  ComputeLogits(slot, ids, values, device);
  return logits_;
}

void GuideArgumentRanker::Rank(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                               std::span<const ValueColumn* const> values, std::span<uint8_t> tier) {
  const auto start = std::chrono::steady_clock::now();
  ComputeLogits(slot, ids, values, OnDevice(config_, ids.size()));
  for (size_t i = 0; i < ids.size(); ++i) {
    // Values the signatures cannot see (no block for their type) stay in the middle of the order.
    if (!HasBlock(values[i]->type())) {
      tier[i] = static_cast<uint8_t>(threshold_logits_.size() / 2);
      continue;
    }
    tier[i] = static_cast<uint8_t>(BinOf(logits_[i], threshold_logits_));
  }
  stats_.ranked += ids.size();
  stats_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string GuideArgumentRanker::Describe() const {
  if (!device_.present()) return "cpu";
  if (config_.mode() == proto::GuideConfig::GPU) return "gpu";
  return StrCat("gpu for lists of ", config_.gpu_min_batch(), " values and more, cpu below");
}

absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> MakeArgumentRanker(const Task& task,
                                                                        const proto::GuideConfig& config,
                                                                        std::string* description) {
  if (config.mode() == proto::GuideConfig::OFF || config.argument_ranking() == proto::GuideConfig::RANK_OFF) {
    *description = "off";
    return nullptr;
  }
  const ModelRequest request{
      config.argument_ranking() == proto::GuideConfig::RANK_ON || !config.argument_model().empty(),
      config.argument_model(), ".args", "argument ranking", "argument", "--argument-model, or --argument-ranking off"};
  ASSIGN_OR_RETURN(std::optional<proto::GuideModel> model, ChooseModel(task, request, description));
  if (!model) return nullptr;
  const std::string path = *description;
  absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> ranker = GuideArgumentRanker::Create(*model, config);
  if (ranker.ok()) *description = StrCat((*ranker)->Describe(), ": ", path);
  return ranker;
}

}  // namespace progsearch::guide
