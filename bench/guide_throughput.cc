// Scoring throughput of the neural guide: values per second for the whole score (property signatures
// and model) and for the model alone, on the CPU and, where a GPU is usable, on the device. The values
// are real ones: those a bottom-up search keeps on a task. Usage: guide_throughput MODEL TASK.sl [N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/threads.h"
#include "formats/sygus.h"
#include "gpu/device.h"
#include "guide/guide_scorer.h"
#include "guide/model.h"
#include "guide/signature.h"
#include "search/bottom_up/bottom_up_search.h"

using namespace progsearch;

namespace {

template <typename Fn>
double Seconds(Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Median of five timings of `fn`.
template <typename Fn>
double Median(Fn&& fn) {
  std::vector<double> t;
  for (int i = 0; i < 5; ++i) t.push_back(Seconds(fn));
  std::sort(t.begin(), t.end());
  return t[2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: guide_throughput MODEL TASK.sl [VALUES]\n");
    return 2;
  }
  const size_t wanted = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 65536;
  auto model = guide::ReadModel(argv[1]);
  auto task = ReadSygusFile(argv[2]);
  if (!model.ok() || !task.ok()) {
    std::fprintf(stderr, "%s\n", std::string((!model.ok() ? model.status() : task.status()).message()).c_str());
    return 2;
  }
  BottomUpConfig config;
  config.set_max_candidates(4 * wanted);
  config.set_divide_and_conquer(false);
  auto search = *BottomUpSearch::Create(*task, config);
  search->Run();
  std::vector<ValueColumn> values;
  for (uint32_t id = 0; id < search->KeptCount() && values.size() < wanted; ++id) {
    values.push_back(search->KeptColumn(id));
  }
  std::vector<const ValueColumn*> pointers;
  for (const ValueColumn& v : values) pointers.push_back(&v);
  const std::vector<ValueColumn> inputs = task->InputColumns();
  const ValueColumn expected = task->OutputColumn();
  auto scorer = *guide::GuideScorer::Create(*model, {});
  scorer->Begin(inputs, expected);
  const size_t n = values.size();
  const double whole = Median([&] { scorer->Logits(pointers, false); });
  // The model alone, on codes computed once.
  std::vector<uint8_t> task_codes(guide::TaskFeatureCount()), codes(n * guide::ValueFeatureCount());
  guide::TaskSignature(inputs, expected, task_codes.data());
  const guide::SignatureContext context(inputs, expected);
  const double signatures = Median([&] {
    for (size_t i = 0; i < n; ++i) guide::ValueSignature(values[i], context, codes.data() + i * guide::ValueFeatureCount());
  });
  gpu::QuantizedMlp mlp(*model);
  const Eigen::VectorXd bias = mlp.TaskBias(task_codes.data());
  std::vector<int64_t> logits(n);
  const double model_only = Median([&] { mlp.Logits(bias, codes.data(), n, logits.data()); });
  auto parallel = *guide::GuideScorer::Create(*model, proto::GuideConfig(), 0);
  parallel->Begin(inputs, expected);
  const double all_cores = Median([&] { parallel->Logits(pointers, false); });
  if (parallel->Logits(pointers, false) != scorer->Logits(pointers, false)) {
    std::fprintf(stderr, "guide_throughput: logits differ between 1 thread and every core\n");
    return 1;
  }
  std::printf("values %zu\nexamples %zu\nhidden %d\ncores %d\n", n, task->examples.size(), mlp.hidden(),
              ThreadsOrEveryCore(0));
  std::printf("cpu_all_cores_values_per_second %.0f\n", n / all_cores);
  std::printf("cpu_values_per_second %.0f\ncpu_signature_values_per_second %.0f\ncpu_model_values_per_second %.0f\n",
              n / whole, n / signatures, n / model_only);
  proto::GuideConfig gpu_config;
  gpu_config.set_mode(proto::GuideConfig::GPU);
  auto device = guide::GuideScorer::Create(*model, gpu_config);
  if (device.ok()) {
    (*device)->Begin(inputs, expected);
    const double on_device = Median([&] { (*device)->Logits(pointers, true); });
    const bool same = (*device)->Logits(pointers, true) == scorer->Logits(pointers, false);
    std::printf("gpu_values_per_second %.0f\ngpu_same_logits %s\n", n / on_device, same ? "yes" : "NO");
  } else {
    std::printf("gpu none (%s)\n", std::string(device.status().message()).c_str());
  }
  return 0;
}
