#include "progsearch/synthesize.h"

#include <atomic>

#include "api/impl.h"
#include "api/polled_run.h"
#include "core/str_cat.h"
#include "formats/json_task.h"
#include "formats/sygus.h"
#include "guide/argument_ranker.h"
#include "guide/guide_scorer.h"
#include "search/synthesize.h"

namespace progsearch {
namespace {

proto::SynthConfig ConfigOf(const SynthesisOptions& o) {
  proto::SynthConfig c;
  c.mutable_search()->set_timeout_seconds(o.timeout_seconds);
  c.mutable_search()->set_threads(o.threads);
  c.mutable_search()->set_max_candidates(o.max_candidates);
  proto::GuideConfig::Mode mode;
  if (!guide::ParseGuideMode(o.guide, &mode)) {
    throw Error("guide must be \"auto\", \"off\", \"cpu\" or \"gpu\", not \"" + o.guide + "\"");
  }
  c.mutable_guide()->set_mode(mode);
  c.mutable_guide()->set_model(o.guide_model);
  c.mutable_guide()->set_smaller_answer_budget(o.smaller_answer_budget);
  c.mutable_guide()->set_smaller_answer_min_candidates(o.smaller_answer_min_candidates);
  return c;
}

SynthesisResult Run(const absl::StatusOr<Task>& task, const SynthesisOptions& options) {
  ThrowIfError(task.status());
  if (!(options.timeout_seconds >= 0)) throw Error("timeout_seconds must be 0 or inf (none) or a number above 0");
  if (options.threads < 0) throw Error("threads must be 0 (every core) or more");
  const proto::SynthConfig config = ConfigOf(options);
  std::string guide_description;
  auto guide = guide::MakeGuide(*task, config.guide(), options.threads, &guide_description);
  ThrowIfError(guide.status());
  std::string ranking_description;
  auto ranker = guide::MakeArgumentRanker(*task, config.guide(), &ranking_description);
  ThrowIfError(ranker.status());
  // The search runs on a thread of its own and records where it stands; the caller's thread reports that
  // to options.progress twice a second (CEGIS rounds included), whose false stops the search.
  std::atomic<bool> stop{false};
  ProgressRelay<SynthesisProgress> relay;
  SynthesisHooks hooks;
  hooks.scorer = guide->get();
  hooks.ranker = ranker->get();
  hooks.interrupt = &stop;
  hooks.progress = [&relay](const BottomUpStats& s) {
    relay.Record([&](SynthesisProgress& p) { p = SynthesisProgress{s.candidates, s.distinct_values, s.cost, s.seconds}; });
    return true;
  };
  auto synthesis =
      RunPolled([&] { return Synthesize(*task, config, hooks); }, relay.Poll(options.progress), stop, 0.5);
  ThrowIfError(synthesis.status());
  const proto::SynthResult& r = synthesis->result;
  SynthesisResult out;
  out.status = r.status();
  out.solved = r.status() == "solved";
  out.solution = r.solution();
  out.checked = r.checked();
  out.method = r.method();
  out.seconds = r.seconds();
  out.candidates = r.candidates();
  out.test_passed = r.test_passed();
  out.test_total = r.test_total();
  out.size = r.status() == "solved" ? r.cost() : 0;
  out.guided_size = r.guided_cost();
  out.guide = guide_description;
  for (size_t i = 0; i < synthesis->programs.size() && i < task->synth_funs.size(); ++i) {
    auto impl = std::make_shared<Program::Impl>();
    impl->term = synthesis->programs[i];
    impl->registry = task->registry;  // the task's define-funs stay alive with its programs
    impl->variables = task->synth_funs[i].params;
    out.programs.emplace_back(std::move(impl));
  }
  return out;
}

}  // namespace

SynthesisResult SynthesizeFile(const std::string& path, const SynthesisOptions& options) {
  return Run(ReadTaskFile(path), options);
}

SynthesisResult SynthesizeSygus(const std::string& text, const SynthesisOptions& options) {
  return Run(ParseSygus(text, "<sygus>"), options);
}

SynthesisResult SynthesizeExamples(const ExampleTask& task, const SynthesisOptions& options) {
  ExampleTaskSpec spec;
  spec.domain = task.domain;
  spec.output = TypeOf(task.output);
  for (const auto& [name, kind] : task.inputs) spec.inputs.push_back({name, TypeOf(kind)});
  for (const std::vector<IOExample>* from : {&task.train, &task.test}) {
    std::vector<Example>& to = from == &task.train ? spec.train : spec.test;
    for (size_t i = 0; i < from->size(); ++i) {
      const IOExample& e = (*from)[i];
      const std::string where = StrCat(from == &task.train ? "training" : "test", " example ", i);
      if (e.inputs.size() != task.inputs.size()) {
        throw Error(StrCat(where, " has ", e.inputs.size(), " inputs, the task ", task.inputs.size()));
      }
      Example example{{}, ToValue(e.output, task.output, StrCat(where, ": the output")), where};
      for (size_t k = 0; k < e.inputs.size(); ++k) {
        example.inputs.push_back(ToValue(e.inputs[k], task.inputs[k].second, StrCat(where, ": input ", task.inputs[k].first)));
      }
      to.push_back(std::move(example));
    }
  }
  for (const Scalar& c : task.constants) {
    const ValueKind kind = KindOf(c);
    if (kind != ValueKind::kString && kind != ValueKind::kInt) throw Error("constants are String or Int values");
    spec.constants.push_back(ToValue(c, kind, "constant"));
  }
  return Run(BuildExampleTask(spec, "<examples>"), options);
}

}  // namespace progsearch
