#include "search/synthesize.h"

#include <algorithm>
#include <atomic>

#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "search/cegis/cegis.h"

namespace progsearch {
namespace {

// What every run reports, solved or not; a solution's size replaces `cost` later.
void SetStats(proto::SynthResult& r, StopReason reason, const BottomUpStats& stats) {
  r.set_status(std::string(StopReasonName(reason)));
  r.set_seconds(stats.seconds);
  r.set_candidates(stats.candidates);
  r.set_distinct_values(stats.distinct_values);
  r.set_memory_bytes(stats.memory_bytes);
  r.set_candidates_per_second(stats.candidates / std::max(stats.seconds, 1e-9));
  r.set_cost(stats.cost);
}

// Tasks with logical constraints: CEGIS, every answer proved by Z3. Its rounds use the search settings
// without their timeout, which bounds the whole run instead (0: none).
absl::StatusOr<Synthesis> SynthesizeFromSpec(const Task& task, const proto::SynthConfig& config,
                                             const std::atomic<bool>* interrupt) {
  CegisConfig cegis = config.cegis();
  *cegis.mutable_search() = config.search();
  cegis.mutable_search()->set_timeout_seconds(0);
  cegis.set_timeout_seconds(config.search().timeout_seconds() > 0 ? config.search().timeout_seconds() : 1e9);
  ASSIGN_OR_RETURN(CegisResult result, RunCegis(task, cegis, interrupt));
  Synthesis out;
  proto::SynthResult& r = out.result;
  SetStats(r, result.reason, result.stats);
  r.set_cegis_rounds(result.rounds);
  r.set_cegis_examples(result.examples);
  r.set_method(result.method_name());
  if (!result.note.empty()) r.set_error(result.note);
  if (result.reason == StopReason::kSolved) {
    // One define-fun per synth-fun, in the task's order (SyGuS solution format).
    std::string solution;
    int size = 0;
    for (size_t i = 0; i < task.synth_funs.size() && i < result.programs.size(); ++i) {
      const SynthFun& f = task.synth_funs[i];
      solution += (i ? "\n" : "") + PrintDefineFun(f.name, f.params, f.result, *result.programs[i]);
      size += result.programs[i]->size();
    }
    r.set_solution(solution);
    r.set_checked("proved");
    r.set_cost(size);
    out.programs = result.programs;
  }
  return out;
}

// Held-out examples say whether the program generalizes; they never influence the search.
void CheckHeldOut(const Task& task, const Term& program, proto::SynthResult& r) {
  if (task.test_examples.empty()) return;
  auto test = Interpreter().Evaluate(program, task.TestInputColumns(), task.test_examples.size());
  const ValueColumn want = task.TestOutputColumn();
  uint32_t passed = 0;
  for (size_t i = 0; test.ok() && i < want.size(); ++i) passed += test->Get(i) == want.Get(i);
  r.set_test_total(static_cast<uint32_t>(want.size()));
  r.set_test_passed(passed);
}

// After a guided search's answer: an unguided search for a smaller program fitting the same examples,
// with config.guide().smaller_answer_budget() times the candidates the guided search spent (at least
// smaller_answer_min_candidates), within what is left of the run's time and candidate budgets. The guide
// trades size for speed; a user asked for the program that generalizes, and the smaller one usually does.
// `result` takes the smaller answer, if any, and the search's candidates and time.
absl::Status SearchSmallerAnswer(const Task& task, const proto::SynthConfig& config, const SynthesisHooks& hooks,
                                 BottomUpResult& result, proto::SynthResult& r) {
  const BottomUpConfig& limits = config.search();
  const int size = result.program->size();
  const double factor = config.guide().smaller_answer_budget();
  uint64_t candidates = std::max(static_cast<uint64_t>(factor * static_cast<double>(result.stats.candidates)),
                                 config.guide().smaller_answer_min_candidates());
  if (limits.max_candidates() > 0) {
    candidates = std::min(candidates, limits.max_candidates() - std::min(limits.max_candidates(), result.stats.candidates));
  }
  const double seconds_left = limits.timeout_seconds() - result.stats.seconds;
  r.set_guided_cost(size);
  if (candidates == 0 || size <= 1 || (limits.timeout_seconds() > 0 && seconds_left <= 0)) return absl::OkStatus();
  BottomUpConfig smaller = limits;
  smaller.set_max_candidates(candidates);
  smaller.set_max_cost(std::min(limits.max_cost(), size - 1));
  if (limits.timeout_seconds() > 0) smaller.set_timeout_seconds(seconds_left);
  BottomUpHooks unguided;
  unguided.interrupt = hooks.interrupt;
  ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> search, BottomUpSearch::Create(task, smaller, unguided));
  const BottomUpResult found = search->Run(hooks.progress);
  r.set_smaller_search_candidates(found.stats.candidates);
  result.stats.candidates += found.stats.candidates;
  result.stats.seconds += found.stats.seconds;
  if (found.program && found.program->size() < size) result.program = found.program;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Synthesis> Synthesize(const Task& task, const proto::SynthConfig& config, const SynthesisHooks& hooks) {
  RETURN_IF_ERROR(RequireRange("guide.smaller_answer_budget", config.guide().smaller_answer_budget(), 0.0, 1e6));
  RETURN_IF_ERROR(CheckExamplesAgree(task.examples));
  if (!task.spec.empty()) return SynthesizeFromSpec(task, config, hooks.interrupt);
  BottomUpHooks search_hooks;
  search_hooks.scorer = hooks.scorer;
  search_hooks.ranker = hooks.ranker;
  search_hooks.interrupt = hooks.interrupt;
  ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> search, BottomUpSearch::Create(task, config.search(), search_hooks));
  BottomUpResult result = search->Run(hooks.progress);
  Synthesis out;
  proto::SynthResult& r = out.result;
  // Ranking that only orders levels changes which program of the answer's cost is found first, never that
  // cost: only delays (the value scorer's, or the ranker's) can make an answer larger than it need be.
  const bool delays = hooks.scorer != nullptr || (hooks.ranker != nullptr && hooks.ranker->DelayOf(1 << 20) > 0);
  if (result.program && delays && config.guide().smaller_answer_budget() > 0) {
    RETURN_IF_ERROR(SearchSmallerAnswer(task, config, hooks, result, r));
  }
  SetStats(r, result.reason, result.stats);
  r.set_method("bottom-up");
  if (result.program) {
    // Never trust the search alone: the answer is evaluated again on every example.
    auto got = Interpreter().Evaluate(*result.program, task.InputColumns(), task.examples.size());
    if (!got.ok() || !(*got == task.OutputColumn())) {
      return absl::InternalError(
          StrCat("the solution ", PrintTerm(*result.program), " does not reproduce the examples: this is a bug"));
    }
    const SynthFun& f = task.synth_funs[0];
    r.set_solution(PrintDefineFun(f.name, f.params, f.result, *result.program));
    r.set_checked("examples");
    r.set_cost(result.program->size());
    CheckHeldOut(task, *result.program, r);
    out.programs = {result.program};
  }
  return out;
}

}  // namespace progsearch
