#include "search/cegis/cegis.h"

#include <algorithm>
#include <optional>

#include "core/deadline.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/program_reader.h"
#include "search/cegis/oracle.h"
#include "search/cegis/points.h"
#include "search/cegis/rounds.h"
#include "search/cegis/spec_elimination.h"
#include "search/cegis/term_cover.h"
#include "search/cegis/whole_spec.h"

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

absl::StatusOr<CegisResult> RunAny(const Task& task, const CegisConfig& config, CegisClock::time_point start);

// Bodies for the free functions of an elimination whose constraints are all used up: the first one's
// examples, if any, are searched bottom-up; the rest may be anything.
absl::StatusOr<std::vector<TermPtr>> UnconstrainedBodies(const Task& reduced, const CegisConfig& config,
                                                         CegisClock::time_point start, CegisResult& result) {
  std::vector<TermPtr> bodies;
  for (const SynthFun& f : reduced.synth_funs) bodies.push_back(DefaultBody(f.result));
  if (reduced.examples.empty() || reduced.synth_funs.empty()) return bodies;
  Task first = reduced;
  first.synth_funs.resize(1);
  BottomUpConfig search = config.search;
  search.timeout_seconds = std::max(1e-3, config.timeout_seconds - SecondsSince(start));
  ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> searcher, BottomUpSearch::Create(first, search));
  BottomUpResult round = searcher->Run();
  AddRound(result, round);
  result.method = "enumeration";
  if (round.reason != StopReason::kSolved) {
    result.reason = round.reason;
    result.note = StrCat("no program fits the examples of '", first.synth_funs[0].name, "'");
    return std::vector<TermPtr>();
  }
  bodies[0] = round.program;
  return bodies;
}

// Several synth-funs, or one applied to different arguments: definitions are eliminated first, and
// what is left is solved by CEGIS; one function whose spec applies it to several argument lists is
// enumerated against the whole spec.
absl::StatusOr<CegisResult> RunEliminating(const Task& task, const CegisConfig& config, CegisClock::time_point start) {
  const Elimination elimination = EliminateDefinitions(task);
  if (elimination.eliminated == 0) {
    if (task.synth_funs.size() == 1) return RunWholeSpec(task, config, start);
    return absl::UnimplementedError(StrCat("the spec constrains ", task.synth_funs.size(),
                                           " synth-funs together and defines none of them through the others"));
  }
  CegisResult result;
  std::vector<TermPtr> free_bodies;
  const Task& reduced = elimination.reduced;
  if (reduced.spec.empty()) {
    ASSIGN_OR_RETURN(free_bodies, UnconstrainedBodies(reduced, config, start, result));
    if (free_bodies.size() != reduced.synth_funs.size()) {
      result.seconds = SecondsSince(start);
      return result;
    }
  } else if (reduced.synth_funs.size() == 1) {
    CegisConfig rest = config;
    rest.timeout_seconds = std::max(0.0, config.timeout_seconds - SecondsSince(start));
    ASSIGN_OR_RETURN(result, RunCegis(reduced, rest));
    if (result.reason != StopReason::kSolved) return result;
    free_bodies.push_back(result.program);
  } else {
    return absl::UnimplementedError(StrCat("after ", elimination.eliminated, " definitions, ",
                                           reduced.synth_funs.size(), " synth-funs are still constrained together"));
  }
  ASSIGN_OR_RETURN(std::vector<TermPtr> bodies, ComposeBodies(task, elimination, free_bodies));
  ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).ProveBodies(task, bodies));
  result.prover_seconds += proof.seconds;
  result.method = result.method.empty() ? "definitions" : StrCat("definitions + ", result.method);
  if (proof.verdict == Verdict::kProved) {
    result.reason = StopReason::kSolved;
    result.programs = std::move(bodies);
    result.program = result.programs[0];
  } else {
    result.reason = StopReason::kExhausted;
    result.note = StrCat("the composed definitions were ", VerdictName(proof.verdict), " ", proof.reason);
  }
  result.seconds = SecondsSince(start);
  result.stats.seconds = result.seconds;
  return result;
}

// A single-invocation spec: the term cover first (grammar-free functions), then enumeration on the
// examples the oracle gives at each point.
absl::StatusOr<CegisResult> RunSingleInvocation(const Task& task, const TermPtr& call, const CegisConfig& config,
                                                CegisClock::time_point start) {
  auto elapsed = [&] { return SecondsSince(start); };
  const SynthFun& f = task.synth_funs[0];
  CegisResult result;
  std::string cover_note;  // why the term cover did not answer, for the final note
  if (config.term_cover_share > 0 && !f.grammar) {
    const Deadline cover_deadline =
        Deadline::In(std::chrono::duration<double>(config.timeout_seconds * config.term_cover_share));
    // The cover is a heuristic: whatever stops it, enumeration still runs.
    auto cover = SolveByTermCover(task, call, cover_deadline);
    cover_note = StrCat("term cover: ", cover.ok() ? cover->note : std::string(cover.status().message()));
    if (cover.ok() && cover->program != nullptr) {
      ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).Prove(task, cover->program));
      result.prover_seconds += proof.seconds;
      result.rounds = 1;
      cover_note = StrCat("the term cover's program was ", VerdictName(proof.verdict), " ", proof.reason);
      if (proof.verdict == Verdict::kProved) {
        result.reason = StopReason::kSolved;
        result.program = cover->program;
        result.method = "term cover";
        result.seconds = elapsed();
        result.stats.seconds = result.seconds;
        return result;
      }
    }
  }
  result.method = "enumeration";

  SpecOracle oracle(task, call);
  RETURN_IF_ERROR(oracle.Init());
  oracle.set_deadline(
      start + std::chrono::duration_cast<CegisClock::duration>(std::chrono::duration<double>(config.timeout_seconds)));

  Task pbe = task;          // the examples grow; the spec stays for the final proofs
  int unrepresentable = 0;  // points where f must return a value outside 64 bits
  auto add_point = [&](const std::vector<Value>& point, const std::optional<Value>& exclude) -> absl::Status {
    bool unrealizable = false;
    auto example = oracle.ExampleAt(point, exclude, unrealizable);
    if (!example.ok() && example.status().code() == absl::StatusCode::kOutOfRange) {
      ++unrepresentable;
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(example.status());
    if (unrealizable && !exclude) return absl::FailedPreconditionError("the spec has no solution at some point");
    if (*example) pbe.examples.push_back(**std::move(example));
    return absl::OkStatus();
  };
  // Initial points: edge and random values, then points Z3 finds where the spec constrains f (random
  // points may all miss a precondition such as x0 < x1 < ... < x15).
  std::vector<std::vector<Value>> tried = InitialPoints(task.declared_vars, config.initial_points, config.seed);
  for (const std::vector<Value>& point : tried) RETURN_IF_ERROR(add_point(point, std::nullopt));
  for (int k = 0; k < config.initial_points && static_cast<int>(pbe.examples.size()) < config.initial_points; ++k) {
    auto point = oracle.ConstrainingPoint(tried);
    if (!point.ok() && point.status().code() == absl::StatusCode::kOutOfRange) break;
    RETURN_IF_ERROR(point.status());
    if (!*point) break;
    tried.push_back(**point);
    RETURN_IF_ERROR(add_point(**point, std::nullopt));
  }
  if (pbe.examples.empty()) {
    return absl::FailedPreconditionError("the spec holds whatever the function returns: nothing to synthesize");
  }

  while (true) {
    result.examples = static_cast<int>(pbe.examples.size());
    ASSIGN_OR_RETURN(std::optional<std::vector<std::vector<Value>>> counterexamples,
                     SearchAndProve(task, pbe, config.search, config, start, result));
    if (!counterexamples) break;
    const size_t before = pbe.examples.size();
    for (const std::vector<Value>& counterexample : *counterexamples) {
      // The candidate's own output is wrong there: the oracle is asked for another one.
      RETURN_IF_ERROR(add_point(counterexample, oracle.CandidateAt(counterexample, result.program)));
    }
    if (pbe.examples.size() == before) {
      result.reason = StopReason::kExhausted;
      result.note = unrepresentable > 0 ? "the function must return values outside 64 bits at the counterexamples"
                                        : "the counterexamples gave no new example";
      break;
    }
  }
  if (result.reason != StopReason::kSolved && !cover_note.empty()) {
    result.note = result.note.empty() ? cover_note : StrCat(result.note, "; ", cover_note);
  }
  result.seconds = elapsed();
  result.stats.seconds = result.seconds;
  return result;
}

absl::StatusOr<CegisResult> RunAny(const Task& task, const CegisConfig& config, CegisClock::time_point start) {
  if (task.synth_funs.empty()) return absl::InvalidArgumentError("the task has no synth-fun");
  if (task.spec.empty()) return absl::InvalidArgumentError("CEGIS needs a logical spec; this task has only examples");
  if (task.synth_funs.size() > 1) return RunEliminating(task, config, start);
  const SynthFun& f = task.synth_funs[0];
  std::vector<std::pair<std::string, TermPtr>> calls;
  for (const TermPtr& c : task.spec) CollectCalls(c, f.primitive, calls);
  if (calls.empty()) return absl::InvalidArgumentError(StrCat("the spec never applies '", f.name, "'"));
  for (const auto& call : calls) {
    if (call.first != calls[0].first) return RunEliminating(task, config, start);
  }
  return RunSingleInvocation(task, calls[0].second, config, start);
}

}  // namespace

absl::StatusOr<CegisResult> RunCegis(const Task& task, const CegisConfig& config) {
  ASSIGN_OR_RETURN(CegisResult result, RunAny(task, config, CegisClock::now()));
  if (result.reason == StopReason::kSolved && result.programs.empty()) result.programs = {result.program};
  return result;
}

}  // namespace progsearch
