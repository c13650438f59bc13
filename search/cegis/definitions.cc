// The definitions technique: constraints that define synth-funs through others are eliminated
// (spec_elimination.h); what is left is solved by the runner's techniques, or, with no constraint left,
// by the free functions' examples; the composed bodies are proved against the whole task.
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "search/cegis/technique.h"

namespace progsearch {
namespace {

// Bodies for the free functions of an elimination whose constraints are all used up: the first one's
// examples, if any, are searched bottom-up; the rest may be anything. Empty when the search fails
// (`result` says why).
absl::StatusOr<std::vector<TermPtr>> UnconstrainedBodies(const Task& reduced, const CegisConfig& config,
                                                         CegisClock::time_point start, const CegisRunner& runner,
                                                         CegisResult& result) {
  std::vector<TermPtr> bodies;
  for (const SynthFun& f : reduced.synth_funs) bodies.push_back(DefaultBody(f.result));
  if (reduced.examples.empty() || reduced.synth_funs.empty()) return bodies;
  Task first = reduced;
  first.synth_funs.resize(1);
  BottomUpConfig search = config.search();
  search.set_timeout_seconds(std::max(1e-3, config.timeout_seconds() - SecondsSince(start)));
  ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> searcher, BottomUpSearch::Create(first, search, runner.SearchHooks()));
  BottomUpResult round = searcher->Run();
  AddRound(result, round);
  result.methods = {CegisMethod::kEnumeration};
  if (round.reason != StopReason::kSolved) {
    result.reason = round.reason;
    result.note = StrCat("no program fits the examples of '", first.synth_funs[0].name, "'");
    return std::vector<TermPtr>();
  }
  bodies[0] = round.program;
  return bodies;
}

class Definitions : public CegisTechnique {
 public:
  CegisMethod method() const override { return CegisMethod::kDefinitions; }

  // Several synth-funs, or one applied to different arguments, when some constraint defines one.
  bool CanTake(const CegisProblem& problem, const CegisConfig&) const override {
    if (problem.task().synth_funs.size() == 1 && problem.single_invocation()) return false;
    return problem.elimination().eliminated > 0;
  }

  absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config, CegisClock::time_point start,
                              const CegisRunner& runner, CegisResult& result, std::string&) const override {
    const Task& task = problem.task();
    const Elimination& elimination = problem.elimination();
    const Task& reduced = elimination.reduced;
    std::vector<TermPtr> free_bodies;
    if (reduced.spec.empty()) {
      ASSIGN_OR_RETURN(free_bodies, UnconstrainedBodies(reduced, config, start, runner, result));
      if (free_bodies.size() != reduced.synth_funs.size()) return Outcome::kFinal;
    } else if (reduced.synth_funs.size() == 1) {
      CegisConfig rest = config;
      rest.set_timeout_seconds(std::max(0.0, config.timeout_seconds() - SecondsSince(start)));
      ASSIGN_OR_RETURN(CegisResult nested, runner.Run(reduced, rest));
      // The nested run's answer, with what techniques before this one spent.
      nested.rounds += result.rounds;
      nested.prover_seconds += result.prover_seconds;
      result = std::move(nested);
      if (result.reason != StopReason::kSolved) return Outcome::kFinal;
      free_bodies.push_back(result.program);
    } else {
      return absl::UnimplementedError(StrCat("after ", elimination.eliminated, " definitions, ",
                                             reduced.synth_funs.size(), " synth-funs are still constrained together"));
    }
    ASSIGN_OR_RETURN(std::vector<TermPtr> bodies, ComposeBodies(task, elimination, free_bodies));
    ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).ProveBodies(task, bodies));
    result.prover_seconds += proof.seconds;
    result.methods.insert(result.methods.begin(), CegisMethod::kDefinitions);
    if (proof.verdict == Verdict::kProved) {
      result.reason = StopReason::kSolved;
      result.programs = std::move(bodies);
      result.program = result.programs[0];
    } else {
      result.reason = StopReason::kExhausted;
      result.note = StrCat("the composed definitions were ", VerdictName(proof.verdict), " ", proof.reason);
    }
    return Outcome::kFinal;
  }
};

}  // namespace

std::unique_ptr<CegisTechnique> MakeDefinitionsTechnique() { return std::make_unique<Definitions>(); }

}  // namespace progsearch
