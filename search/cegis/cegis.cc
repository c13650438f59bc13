#include "search/cegis/cegis.h"

#include <algorithm>

#include "core/deadline.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"
#include "search/cegis/technique.h"

namespace progsearch {
namespace {

// Every application of `f` in `t`, with its argument list printed (to compare them).
void CollectCalls(const TermPtr& t, const Primitive* f, std::vector<std::pair<std::string, TermPtr>>& out) {
  if (t->kind() != TermKind::kApply) return;
  for (const TermPtr& a : t->args()) CollectCalls(a, f, out);
  if (t->op() != f) return;
  std::string key;
  for (const TermPtr& a : t->args()) key += PrintTerm(*a) + " ";
  out.push_back({key, t});
}

}  // namespace

std::string_view CegisMethodName(CegisMethod method) {
  switch (method) {
    case CegisMethod::kDefinitions:
      return "definitions";
    case CegisMethod::kTermCover:
      return "term cover";
    case CegisMethod::kEnumeration:
      return "enumeration";
    case CegisMethod::kWholeSpec:
      return "whole-spec enumeration";
    case CegisMethod::kExternal:
      return "external";
  }
  return "?";
}

std::string CegisResult::method_name() const {
  std::string out;
  for (CegisMethod m : methods) out += StrCat(out.empty() ? "" : " + ", CegisMethodName(m));
  return out;
}

absl::StatusOr<CegisProblem> CegisProblem::Analyze(const Task& task) {
  if (task.synth_funs.empty()) return absl::InvalidArgumentError("the task has no synth-fun");
  if (task.spec.empty()) return absl::InvalidArgumentError("CEGIS needs a logical spec; this task has only examples");
  CegisProblem problem(task);
  if (task.synth_funs.size() > 1) return problem;
  const SynthFun& f = task.synth_funs[0];
  std::vector<std::pair<std::string, TermPtr>> calls;
  for (const TermPtr& c : task.spec) CollectCalls(c, f.primitive, calls);
  if (calls.empty()) return absl::InvalidArgumentError(StrCat("the spec never applies '", f.name, "'"));
  problem.call_ = calls[0].second;
  problem.single_invocation_ =
      std::all_of(calls.begin(), calls.end(), [&](const auto& c) { return c.first == calls[0].first; });
  return problem;
}

const Elimination& CegisProblem::elimination() const {
  if (!elimination_) elimination_ = EliminateDefinitions(*task_);
  return *elimination_;
}

absl::Status ValidateCegisConfig(const CegisConfig& config) {
  RETURN_IF_ERROR(ValidateBottomUpConfig(config.search(), "search."));
  RETURN_IF_ERROR(RequireTimeLimit("timeout_seconds", config.timeout_seconds()));
  RETURN_IF_ERROR(RequireRange("proof_timeout_ms", config.proof_timeout_ms(), 1u, 3600000u));
  RETURN_IF_ERROR(RequireRange("max_rounds", config.max_rounds(), 1, 1000000));
  RETURN_IF_ERROR(RequireRange("term_cover_share", config.term_cover_share(), 0.0, 1.0));
  RETURN_IF_ERROR(RequireRange("initial_points", config.initial_points(), 0, 100000));
  return RequireRange("counterexamples_per_round", config.counterexamples_per_round(), 1, 1000);
}

std::vector<std::unique_ptr<CegisTechnique>> DefaultTechniques() {
  std::vector<std::unique_ptr<CegisTechnique>> out;
  out.push_back(MakeDefinitionsTechnique());
  out.push_back(MakeTermCoverTechnique());
  out.push_back(MakeOracleEnumeration());
  out.push_back(MakeWholeSpecEnumeration());
  return out;
}

CegisRunner::CegisRunner() : CegisRunner(DefaultTechniques()) {}
CegisRunner::CegisRunner(std::vector<std::unique_ptr<CegisTechnique>> techniques)
    : techniques_(std::move(techniques)) {}

absl::StatusOr<CegisResult> CegisRunner::Run(const Task& task, const CegisConfig& config) const {
  const CegisClock::time_point start = CegisClock::now();
  RETURN_IF_ERROR(ValidateCegisConfig(config));
  ASSIGN_OR_RETURN(const CegisProblem problem, CegisProblem::Analyze(task));
  CegisResult result;
  std::vector<std::string> pass_notes;  // why techniques passed the task on
  bool ran = false;
  for (const std::unique_ptr<CegisTechnique>& technique : techniques_) {
    if (!technique->CanTake(problem, config)) continue;
    ran = true;
    if (StopRequested(interrupt_)) break;  // reported as interrupted below
    std::string pass_note;
    ASSIGN_OR_RETURN(CegisTechnique::Outcome outcome, technique->Run(problem, config, start, *this, result, pass_note));
    if (outcome == CegisTechnique::Outcome::kFinal) break;
    if (!pass_note.empty()) pass_notes.push_back(std::move(pass_note));
  }
  if (!ran) {
    if (task.synth_funs.size() > 1) {
      return absl::UnimplementedError(StrCat("the spec constrains ", task.synth_funs.size(),
                                             " synth-funs together and defines none of them through the others"));
    }
    return absl::UnimplementedError("no CEGIS technique takes this spec");
  }
  if (result.reason != StopReason::kSolved) {
    for (const std::string& note : pass_notes)
      result.note = result.note.empty() ? note : StrCat(result.note, "; ", note);
  }
  // Whatever a technique was doing when the flag was set (a Z3 query runs to its own limit), the run
  // was interrupted.
  if (result.reason != StopReason::kSolved && StopRequested(interrupt_)) result.reason = StopReason::kInterrupted;
  if (result.reason == StopReason::kSolved && result.programs.empty()) result.programs = {result.program};
  result.seconds = SecondsSince(start);
  result.stats.seconds = result.seconds;
  return result;
}

absl::StatusOr<CegisResult> RunCegis(const Task& task, const CegisConfig& config,
                                     const std::atomic<bool>* interrupt) {
  CegisRunner runner;
  runner.set_interrupt(interrupt);
  return runner.Run(task, config);
}

}  // namespace progsearch
