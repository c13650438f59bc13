// The neural guide as bottom-up search sees it (search/bottom_up/value_scorer.h): each new value's
// property signature against the examples goes through the model, and a value the model finds unlikely
// to be part of the solution waits more cost levels (BUSTLE's reweighting). Scores are exact integers
// (mlp.h), so the search takes the same decisions on the CPU and on a GPU, for any thread count.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "gpu/device_mlp.h"
#include "gpu/mlp.h"
#include "guide/model_inference.h"
#include "guide/signature.h"
#include "proto/config.pb.h"
#include "search/bottom_up/value_scorer.h"
#include "tbb/task_arena.h"

namespace progsearch::guide {

// The thresholds of a GuideConfig that lists none: BUSTLE's five bins, from 0.1 to 0.6.
std::vector<double> DefaultThresholds();

struct GuideStats {
  uint64_t values = 0;         // scored
  uint64_t on_device = 0;      // of which on the GPU
  uint64_t delayed = 0;        // given extra cost
  uint64_t heuristic_kept = 0; // kept at their cost by the string heuristics
  double seconds = 0;          // in Score, signatures included
};

class GuideScorer final : public ValueScorer {
 public:
  // Scores with `model` as `config` says (its mode CPU, GPU or AUTO, thresholds, heuristics, GPU batch
  // floor) on `threads` threads (0: every core; the scores do not depend on it). InvalidArgument for
  // thresholds that are not ascending in (0, 1) or mode OFF; FailedPrecondition for GPU where no GPU can
  // be used (the message says why).
  static absl::StatusOr<std::unique_ptr<GuideScorer>> Create(const proto::GuideModel& model,
                                                             const proto::GuideConfig& config, int threads = 1);

  void Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) override;
  void Score(std::span<const CandidateValue> batch, std::span<int> extra_cost) override;

  // The probability-free part of Score, for tests and benchmarks: logits of `values` against the task
  // given to Begin, on the CPU or (when `device`) the GPU; `op` built them (read by a model that has
  // operators; empty: a leaf, or unknown).
  std::vector<int64_t> Logits(std::span<const ValueColumn* const> values, bool device, std::string_view op = {});

  const GuideStats& stats() const { return stats_; }
  bool has_device() const { return device_.present(); }
  // "cpu", or "gpu (batches of N and more)", for logs.
  std::string Describe() const;

 private:
  GuideScorer(const proto::GuideModel& model, const proto::GuideConfig& config, const std::vector<double>& thresholds);
  // Signatures of `values` into codes_, and their logits into logits_: on the device when `device` and
  // one is there, else on the CPU, in chunks over the threads.
  void ComputeLogits(std::span<const ValueColumn* const> values, const Eigen::VectorXd& bias, bool device);
  // Extra costs of one run of `batch` from codes_ and logits_.
  void Decide(std::span<const CandidateValue> batch, std::span<int> extra_cost);
  template <typename Body>
  void ForEachChunk(size_t n, const Body& body);

  gpu::QuantizedMlp mlp_;
  SlotBiases biases_;  // per operator, for a model that reads them
  proto::GuideConfig config_;
  std::vector<int64_t> threshold_logits_;
  DeviceModel device_;
  std::unique_ptr<tbb::task_arena> arena_;  // null: one thread
  // The task given to Begin, and what every value's signature reads of it.
  ValueColumn expected_;
  std::vector<ValueColumn> inputs_;
  std::optional<SignatureContext> context_;
  std::vector<uint8_t> codes_;
  std::vector<int64_t> logits_;
  std::vector<const ValueColumn*> columns_;
  int substring_feature_, empty_feature_, equal_ignoring_case_feature_;
  GuideStats stats_;
};

// InvalidArgument unless `thresholds` ascend strictly within (0, 1).
absl::Status CheckThresholds(const std::vector<double>& thresholds);

// Which model a Make* function wants, and how its messages name it.
struct ModelRequest {
  bool asked = false;      // the user insisted (a mode or a file): finding none is an error, not "off"
  std::string given;       // a model file the user named; empty: the bundled one
  std::string suffix;      // of the bundled file's name: "" for value models, ".args" for argument models
  std::string_view use;    // what needs examples: "the guide", "argument ranking"
  std::string_view noun;   // "guide", "argument": "no guide model for domain 'lia'"
  std::string_view remedy; // the flags that fix a missing model
};

// The model `request` resolves to on `task`, with `description` its file: the given one, or the bundled
// `<domain><suffix>.guide` of the domain the task names where one is bundled, else of the domain its
// types give (model.h DomainOf). nullopt with `description` saying why ("off: ...") where there is
// none and it was not asked for; InvalidArgument (a task without examples), NotFound or the model
// file's read errors where it was.
absl::StatusOr<std::optional<proto::GuideModel>> ChooseModel(const Task& task, const ModelRequest& request,
                                                             std::string* description);

// A mode by its name as users write it ("auto", "off", "cpu", "gpu"): proto GuideConfig's enum names in
// lower case. False for any other name.
bool ParseGuideMode(const std::string& name, proto::GuideConfig::Mode* mode);

// The guide `synth` asks for, for one task: null when it is off, or when it is AUTO and no model serves
// the task's domain (or the task has no examples). Errors name the model file or the missing GPU.
// `description` says what was chosen ("off: no model for domain lia", "cpu: models/strings.guide").
// `threads` as BottomUpConfig's (0: every core).
absl::StatusOr<std::unique_ptr<GuideScorer>> MakeGuide(const Task& task, const proto::GuideConfig& config, int threads,
                                                        std::string* description);

}  // namespace progsearch::guide
