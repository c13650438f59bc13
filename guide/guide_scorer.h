// The neural guide as bottom-up search sees it (search/bottom_up/value_scorer.h): each new value's
// property signature against the examples goes through the model, and a value the model finds unlikely
// to be part of the solution waits more cost levels (BUSTLE's reweighting). Scores are exact integers
// (mlp.h), so the search takes the same decisions on the CPU and on a GPU, for any thread count.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "dsl/task.h"
#include "gpu/device_mlp.h"
#include "gpu/mlp.h"
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
  bool has_device() const { return device_ != nullptr; }
  // "cpu", or "gpu (batches of N and more)", for logs.
  std::string Describe() const;

 private:
  GuideScorer(const proto::GuideModel& model, const proto::GuideConfig& config, std::vector<double> thresholds);
  // Signatures of `values` into codes_, and their logits into logits_: on the device when `device` and
  // one is there, else on the CPU, in chunks over the threads.
  void ComputeLogits(std::span<const ValueColumn* const> values, const Eigen::VectorXd& bias, bool device);
  // The first layer's bias for values `op` built: the task's rows, and the operator's for a model that
  // reads operators (computed once per operator).
  const Eigen::VectorXd& BiasFor(std::string_view op);
  // Extra costs of one run of `batch` from codes_ and logits_.
  void Decide(std::span<const CandidateValue> batch, std::span<int> extra_cost);
  template <typename Body>
  void ForEachChunk(size_t n, const Body& body);

  gpu::QuantizedMlp mlp_;
  int mlp_task_features_;
  std::vector<std::string> operators_;  // the model's: empty for a model that does not read operators
  proto::GuideConfig config_;
  std::vector<int64_t> threshold_logits_;
  std::unique_ptr<gpu::DeviceMlp> device_;
  std::unique_ptr<tbb::task_arena> arena_;  // null: one thread
  Eigen::VectorXd task_bias_;  // a model without operators
  std::vector<uint8_t> task_codes_;
  absl::node_hash_map<std::string, Eigen::VectorXd> operator_bias_;  // stable addresses: device_bias_
  const Eigen::VectorXd* device_bias_ = nullptr;                     // the bias the device holds
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

// The bundled model serving `task` (one synth-fun): `<domain><suffix>.guide` of the domain the task
// names where one is bundled, else of the domain its types give (model.h DomainOf). Empty when there is
// none; `domain` is set to the domain looked for last.
std::string FindModelForTask(const Task& task, const std::string& suffix, std::string* domain);

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
