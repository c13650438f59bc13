#include "guide/model_inference.h"

#include "core/str_cat.h"
#include "gpu/device.h"
#include "guide/signature.h"

namespace progsearch::guide {

SlotBiases::SlotBiases(const gpu::QuantizedMlp& mlp, const proto::GuideModel& model)
    : mlp_(mlp),
      operators_(model.operators().begin(), model.operators().end()),
      slots_(model.kind() == proto::GuideModel::ARGUMENTS || model.operators_size() > 0),
      codes_(model.task_features(), 0) {}

void SlotBiases::Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {
  TaskSignature(inputs, expected, codes_.data());
  biases_.clear();
}

const Eigen::VectorXd& SlotBiases::For(std::string_view op, int hole) {
  const std::string key = slots_ ? StrCat(op, "/", hole) : std::string();
  auto it = biases_.find(key);
  if (it != biases_.end()) return it->second;
  if (slots_) SlotCodes(operators_, op, hole, codes_.data() + TaskFeatureCount());
  return biases_.emplace(key, mlp_.TaskBias(codes_.data())).first->second;
}

absl::StatusOr<DeviceModel> DeviceModel::Create(const gpu::QuantizedMlp& mlp, proto::GuideConfig::Mode mode) {
  DeviceModel out;
  if (mode == proto::GuideConfig::CPU) return out;
  const gpu::MlpTables tables{mlp.value_table().data(), mlp.w2().data(), mlp.b2().data(), mlp.w3().data(),
                              mlp.b3(), mlp.value_features(), mlp.hidden()};
  std::string error;
  out.device_ = gpu::DeviceMlp::Create(tables, &error);
  if (!out.device_ && mode == proto::GuideConfig::GPU) {
    return absl::FailedPreconditionError(StrCat("--guide gpu: ", error, " (", gpu::DescribeAccelerator(), ")"));
  }
  return out;
}

bool DeviceModel::Logits(const Eigen::VectorXd& bias, const uint8_t* codes, size_t n, int64_t* logits) {
  if (!device_) return false;
  std::string error;
  if (sent_ != &bias) {
    sent_ = device_->SetTaskBias(bias.data(), &error) ? &bias : nullptr;
  }
  if (sent_ == &bias && device_->Logits(codes, n, logits, &error)) return true;
  device_.reset();
  return false;
}

bool OnDevice(const proto::GuideConfig& config, size_t n) {
  return config.mode() == proto::GuideConfig::GPU ||
         (config.mode() == proto::GuideConfig::AUTO && n >= config.gpu_min_batch());
}

std::vector<int64_t> ThresholdLogits(const std::vector<double>& thresholds) {
  std::vector<int64_t> logits;
  for (double p : thresholds) logits.push_back(gpu::QuantizedMlp::LogitOf(p));
  return logits;
}

int BinOf(int64_t logit, std::span<const int64_t> thresholds) {
  int below = 0;
  for (int64_t t : thresholds) below += logit < t;
  return below;
}

}  // namespace progsearch::guide
