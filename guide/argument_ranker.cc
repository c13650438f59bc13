#include "guide/argument_ranker.h"

#include <algorithm>
#include <chrono>

#include "core/str_cat.h"
#include "gpu/device.h"
#include "guide/guide_scorer.h"
#include "guide/model.h"

namespace progsearch::guide {

std::vector<double> DefaultArgumentThresholds() { return {0.1, 0.3, 0.6}; }

GuideArgumentRanker::GuideArgumentRanker(const proto::GuideModel& model, const proto::GuideConfig& config,
                                         const std::vector<double>& thresholds)
    : mlp_(model), config_(config), operators_(model.operators().begin(), model.operators().end()) {
  for (double p : thresholds) threshold_logits_.push_back(gpu::QuantizedMlp::LogitOf(p));
}

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
  if (config.mode() != proto::GuideConfig::CPU) {
    const gpu::QuantizedMlp& mlp = ranker->mlp_;
    gpu::MlpTables tables{mlp.value_table().data(), mlp.w2().data(), mlp.b2().data(), mlp.w3().data(), mlp.b3(),
                          mlp.value_features(), mlp.hidden()};
    std::string error;
    ranker->device_ = gpu::DeviceMlp::Create(tables, &error);
    if (!ranker->device_ && config.mode() == proto::GuideConfig::GPU) {
      return absl::FailedPreconditionError(StrCat("--guide gpu: ", error, " (", gpu::DescribeAccelerator(), ")"));
    }
  }
  return ranker;
}

void GuideArgumentRanker::Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {
  task_codes_.assign(TaskFeatureCount() + SlotFeatureCount(operators_.size()), 0);
  TaskSignature(inputs, expected, task_codes_.data());
  inputs_.assign(inputs.begin(), inputs.end());
  expected_ = expected;
  context_.emplace(inputs_, expected_);
  slot_bias_.clear();
  code_row_.clear();
  codes_.clear();
}

const Eigen::VectorXd& GuideArgumentRanker::SlotBias(const ArgumentSlot& slot) {
  const std::string key = StrCat(slot.op, "/", slot.hole);
  auto it = slot_bias_.find(key);
  if (it != slot_bias_.end()) return it->second;
  SlotCodes(operators_, slot.op, slot.hole, task_codes_.data() + TaskFeatureCount());
  return slot_bias_.emplace(key, mlp_.TaskBias(task_codes_.data())).first->second;
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
  const Eigen::VectorXd& bias = SlotBias(slot);
  const size_t n = ids.size();
  logits_.resize(n);
  if (device && device_) {
    std::string error;
    // A device that fails is dropped for the rest of the run: the CPU gives the same logits.
    if (device_->SetTaskBias(bias.data(), &error) && device_->Logits(batch_codes_.data(), n, logits_.data(), &error)) {
      stats_.on_device += n;
      return;
    }
    device_.reset();
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
  ComputeLogits(slot, ids, values,
                config_.mode() == proto::GuideConfig::GPU ||
                    (config_.mode() == proto::GuideConfig::AUTO && ids.size() >= config_.gpu_min_batch()));
  for (size_t i = 0; i < ids.size(); ++i) {
    // Values the signatures cannot see (no block for their type) stay in the middle of the order.
    if (!HasBlock(values[i]->type())) {
      tier[i] = static_cast<uint8_t>(threshold_logits_.size() / 2);
      continue;
    }
    int below = 0;
    for (int64_t t : threshold_logits_) below += logits_[i] < t;
    tier[i] = static_cast<uint8_t>(below);
  }
  stats_.ranked += ids.size();
  stats_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string GuideArgumentRanker::Describe() const {
  if (!device_) return "cpu";
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
  const bool asked = config.argument_ranking() == proto::GuideConfig::RANK_ON || !config.argument_model().empty();
  if (task.synth_funs.size() != 1 || task.examples.empty()) {
    if (asked) return absl::InvalidArgumentError("argument ranking needs a task of input/output examples and one synth-fun");
    *description = "off: the task has no examples to rank values against";
    return nullptr;
  }
  std::string domain;
  std::string path = config.argument_model().empty() ? FindModelForTask(task, ".args", &domain) : config.argument_model();
  if (path.empty()) {
    const std::string name = domain.empty() ? "none" : domain;
    if (asked) {
      return absl::NotFoundError(StrCat("no argument model for domain '", name,
                                        "' (give one with --argument-model, or --argument-ranking off)"));
    }
    *description = StrCat("off: no argument model for domain '", name, "'");
    return nullptr;
  }
  absl::StatusOr<proto::GuideModel> model = ReadModel(path);
  if (!model.ok()) return model.status();
  absl::StatusOr<std::unique_ptr<GuideArgumentRanker>> ranker = GuideArgumentRanker::Create(*model, config);
  if (ranker.ok()) *description = StrCat((*ranker)->Describe(), ": ", path);
  return ranker;
}

}  // namespace progsearch::guide
