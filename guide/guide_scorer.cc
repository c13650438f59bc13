#include "guide/guide_scorer.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/ascii.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/threads.h"
#include "guide/model.h"
#include "guide/signature.h"
#include "search/parallel_for.h"

namespace progsearch::guide {
namespace {

int FeatureIndex(const std::string& name) {
  const std::vector<std::string> names = ValueFeatureNames();
  return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

std::vector<double> DefaultThresholds() { return {0.1, 0.2, 0.3, 0.4, 0.6}; }

absl::Status CheckThresholds(const std::vector<double>& thresholds) {
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (!(thresholds[i] > 0 && thresholds[i] < 1) || (i > 0 && thresholds[i] <= thresholds[i - 1])) {
      return absl::InvalidArgumentError(
          "guide thresholds must be ascending probabilities strictly between 0 and 1 (e.g. 0.1,0.2,0.3,0.4,0.6)");
    }
  }
  return absl::OkStatus();
}


GuideScorer::GuideScorer(const proto::GuideModel& model, const proto::GuideConfig& config,
                         const std::vector<double>& thresholds)
    : mlp_(model),
      biases_(mlp_, model),
      config_(config),
      threshold_logits_(ThresholdLogits(thresholds)),
      substring_feature_(FeatureIndex("str.substring_of_output")),
      empty_feature_(FeatureIndex("str.empty")),
      equal_ignoring_case_feature_(FeatureIndex("str.equals_output_ignoring_case")) {}

absl::StatusOr<std::unique_ptr<GuideScorer>> GuideScorer::Create(const proto::GuideModel& model,
                                                                  const proto::GuideConfig& config, int threads) {
  if (absl::Status valid = ValidateModel(model); !valid.ok()) return valid;
  if (model.kind() != proto::GuideModel::VALUES) {
    return absl::InvalidArgumentError("this is an argument model (train-guide --arguments): give it as --argument-model");
  }
  if (config.mode() == proto::GuideConfig::OFF) return absl::InvalidArgumentError("the guide is off: there is no scorer to make");
  std::vector<double> thresholds(config.thresholds().begin(), config.thresholds().end());
  if (thresholds.empty()) thresholds = DefaultThresholds();
  if (absl::Status valid = CheckThresholds(thresholds); !valid.ok()) return valid;
  threads = ThreadsOrEveryCore(threads);
  std::unique_ptr<GuideScorer> scorer(new GuideScorer(model, config, thresholds));
  if (threads > 1) scorer->arena_ = std::make_unique<tbb::task_arena>(threads);
  absl::StatusOr<DeviceModel> device = DeviceModel::Create(scorer->mlp_, config.mode());
  if (!device.ok()) return device.status();
  scorer->device_ = *std::move(device);
  return scorer;
}

void GuideScorer::Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {
  biases_.Begin(inputs, expected);
  device_.Forget();
  expected_ = expected;
  inputs_.assign(inputs.begin(), inputs.end());
  context_.emplace(inputs_, expected_);
}

template <typename Body>
void GuideScorer::ForEachChunk(size_t n, const Body& body) {
  constexpr size_t kChunk = 256;
  const size_t chunks = (n + kChunk - 1) / kChunk;
  auto run = [&](size_t c) { body(c * kChunk, std::min(n, (c + 1) * kChunk)); };
  if (arena_ && chunks > 1) {
    arena_->execute([&] { ParallelFor(0, chunks, run); });
  } else {
    for (size_t c = 0; c < chunks; ++c) run(c);
  }
}

void GuideScorer::ComputeLogits(std::span<const ValueColumn* const> values, const Eigen::VectorXd& bias,
                                bool device) {
  const size_t n = values.size(), features = ValueFeatureCount();
  codes_.resize(n * features);
  logits_.resize(n);
  auto cpu_logits = [&](size_t begin, size_t end) {
    mlp_.Logits(bias, codes_.data() + begin * features, end - begin, logits_.data() + begin);
  };
  const bool on_device = device && device_.present();
  // Each chunk writes its own rows: the result does not depend on the threads. Without the device, a
  // chunk's logits follow its signatures while they are in cache.
  ForEachChunk(n, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) ValueSignature(*values[i], *context_, codes_.data() + i * features);
    if (!on_device) cpu_logits(begin, end);
  });
  if (!on_device) return;
  if (device_.Logits(bias, codes_.data(), n, logits_.data())) {
    stats_.on_device += n;
    return;
  }
  ForEachChunk(n, cpu_logits);
}

std::vector<int64_t> GuideScorer::Logits(std::span<const ValueColumn* const> values, bool device,
                                         std::string_view op) {
  ComputeLogits(values, biases_.For(op), device);
  return logits_;
}

void GuideScorer::Score(std::span<const CandidateValue> batch, std::span<int> extra_cost) {
  const auto start = std::chrono::steady_clock::now();
  const bool device = OnDevice(config_, batch.size());
  // Runs of values of one operator share a first-layer bias (the search's batches hold one operator).
  for (size_t begin = 0, end; begin < batch.size(); begin = end) {
    end = begin + 1;
    while (end < batch.size() && batch[end].op == batch[begin].op) ++end;
    columns_.clear();
    for (size_t i = begin; i < end; ++i) columns_.push_back(batch[i].outputs);
    ComputeLogits(columns_, biases_.For(batch[begin].op), device);
    Decide(batch.subspan(begin, end - begin), extra_cost.subspan(begin, end - begin));
  }
  stats_.values += batch.size();
  stats_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void GuideScorer::Decide(std::span<const CandidateValue> batch, std::span<int> extra_cost) {
  const size_t features = ValueFeatureCount();
  for (size_t i = 0; i < batch.size(); ++i) {
    const uint8_t* codes = codes_.data() + i * features;
    if (batch[i].leaf && config_.keep_leaves()) continue;
    if (!HasBlock(batch[i].outputs->type())) continue;  // nothing to judge it by: it keeps its cost
    if (config_.string_heuristics() &&
        ((codes[substring_feature_] == kAllTrue && codes[empty_feature_] == kAllFalse) ||
         codes[equal_ignoring_case_feature_] == kAllTrue)) {
      ++stats_.heuristic_kept;
      continue;
    }
    const int extra = BinOf(logits_[i], threshold_logits_);
    extra_cost[i] = extra;
    stats_.delayed += extra > 0;
  }
}

std::string GuideScorer::Describe() const {
  if (!device_.present()) return "cpu";
  if (config_.mode() == proto::GuideConfig::GPU) return "gpu";
  return StrCat("gpu for batches of ", config_.gpu_min_batch(), " values and more, cpu below");
}

namespace {

// The bundled model serving `task` (one synth-fun): `<domain><suffix>.guide` of the domain the task
// names where one is bundled (a spreadsheet task the spreadsheet model), else of the domain its types
// give (model.h DomainOf). Empty when there is none; `domain` is set to the domain looked for last.
std::string FindModelForTask(const Task& task, const std::string& suffix, std::string* domain) {
  if (!task.domain.empty()) {
    *domain = task.domain;
    if (std::string path = FindBundledModel(task.domain + suffix); !path.empty()) return path;
  }
  std::vector<Type> params;
  for (const auto& p : task.synth_funs[0].params) params.push_back(p.type);
  *domain = DomainOf(params, task.synth_funs[0].result);
  return domain->empty() ? "" : FindBundledModel(*domain + suffix);
}

}  // namespace

absl::StatusOr<std::optional<proto::GuideModel>> ChooseModel(const Task& task, const ModelRequest& request,
                                                             std::string* description) {
  if (task.synth_funs.size() != 1 || task.examples.empty()) {
    if (request.asked) {
      return absl::InvalidArgumentError(StrCat(request.use, " needs a task of input/output examples and one synth-fun"));
    }
    *description = "off: the task has no examples to judge values against";
    return std::nullopt;
  }
  std::string domain;
  const std::string path = request.given.empty() ? FindModelForTask(task, request.suffix, &domain) : request.given;
  if (path.empty()) {
    const std::string name = domain.empty() ? "none" : domain;
    if (request.asked) {
      return absl::NotFoundError(
          StrCat("no ", request.noun, " model for domain '", name, "' (give one with ", request.remedy, ")"));
    }
    *description = StrCat("off: no model for domain '", name, "'");
    return std::nullopt;
  }
  absl::StatusOr<proto::GuideModel> model = ReadModel(path);
  if (!model.ok()) return model.status();
  *description = path;
  return *std::move(model);
}

bool ParseGuideMode(const std::string& name, proto::GuideConfig::Mode* mode) {
  return name == absl::AsciiStrToLower(name) && proto::GuideConfig::Mode_Parse(absl::AsciiStrToUpper(name), mode);
}

absl::StatusOr<std::unique_ptr<GuideScorer>> MakeGuide(const Task& task, const proto::GuideConfig& config, int threads,
                                                        std::string* description) {
  if (config.mode() == proto::GuideConfig::OFF) {
    *description = "off";
    return nullptr;
  }
  const ModelRequest request{config.mode() != proto::GuideConfig::AUTO || !config.model().empty(), config.model(), "",
                             "the guide", "guide", "--guide-model, or --guide off"};
  ASSIGN_OR_RETURN(std::optional<proto::GuideModel> model, ChooseModel(task, request, description));
  if (!model) return nullptr;
  const std::string path = *description;
  absl::StatusOr<std::unique_ptr<GuideScorer>> scorer = GuideScorer::Create(*model, config, threads);
  if (scorer.ok()) *description = StrCat((*scorer)->Describe(), ": ", path);
  return scorer;
}

}  // namespace progsearch::guide
