// The techniques for single-invocation specs (f applied to the same arguments everywhere): the term
// cover for grammar-free functions, then enumeration on the examples the oracle gives at each point.
#include <optional>

#include "core/deadline.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "search/cegis/oracle.h"
#include "search/cegis/points.h"
#include "search/cegis/technique.h"
#include "search/cegis/term_cover.h"

namespace progsearch {
namespace {

class TermCover : public CegisTechnique {
 public:
  CegisMethod method() const override { return CegisMethod::kTermCover; }

  bool CanTake(const CegisProblem& problem, const CegisConfig& config) const override {
    return problem.single_invocation() && config.term_cover_share() > 0 && !problem.task().synth_funs[0].grammar;
  }

  // The cover is a heuristic: whatever stops it, the next technique still runs.
  absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config, CegisClock::time_point start,
                              const CegisRunner& runner, CegisResult& result, std::string& pass_note) const override {
    const Deadline deadline =
        Deadline::In(std::chrono::duration<double>(config.timeout_seconds() * config.term_cover_share()))
            .StoppedBy(runner.interrupt());
    auto cover = SolveByTermCover(problem.task(), problem.call(), deadline);
    pass_note = StrCat("term cover: ", cover.ok() ? cover->note : std::string(cover.status().message()));
    if (!cover.ok() || cover->program == nullptr) return Outcome::kPassOn;
    ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).Prove(problem.task(), cover->program));
    result.prover_seconds += proof.seconds;
    result.rounds = 1;
    pass_note = StrCat("the term cover's program was ", VerdictName(proof.verdict), " ", proof.reason);
    if (proof.verdict != Verdict::kProved) return Outcome::kPassOn;
    result.reason = StopReason::kSolved;
    result.program = cover->program;
    result.methods = {CegisMethod::kTermCover};
    return Outcome::kFinal;
  }
};

// Points where the oracle gives examples, the examples, and how many points could not give one.
struct OracleExamples {
  SpecOracle& oracle;
  Task& pbe;
  int unrepresentable = 0;  // points where f must return a value outside 64 bits

  absl::Status Add(const std::vector<Value>& point, const std::optional<Value>& exclude) {
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
  }

  // Edge and random values, then points Z3 finds where the spec constrains f (random points may all
  // miss a precondition such as x0 < x1 < ... < x15).
  absl::Status AddInitial(const Task& task, const CegisConfig& config) {
    std::vector<std::vector<Value>> tried = InitialPoints(task.declared_vars, config.initial_points(), config.seed());
    for (const std::vector<Value>& point : tried) RETURN_IF_ERROR(Add(point, std::nullopt));
    for (int k = 0; k < config.initial_points() && static_cast<int>(pbe.examples.size()) < config.initial_points();
         ++k) {
      auto point = oracle.ConstrainingPoint(tried);
      if (!point.ok() && point.status().code() == absl::StatusCode::kOutOfRange) break;
      RETURN_IF_ERROR(point.status());
      if (!*point) break;
      tried.push_back(**point);
      RETURN_IF_ERROR(Add(**point, std::nullopt));
    }
    if (pbe.examples.empty()) {
      return absl::FailedPreconditionError("the spec holds whatever the function returns: nothing to synthesize");
    }
    return absl::OkStatus();
  }
};

class OracleEnumeration : public CegisTechnique {
 public:
  CegisMethod method() const override { return CegisMethod::kEnumeration; }

  bool CanTake(const CegisProblem& problem, const CegisConfig&) const override { return problem.single_invocation(); }

  // Bottom-up search fits the oracle's examples, Z3 proves the candidate, and each counterexample
  // becomes a new example (where the candidate's own output is excluded).
  absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config, CegisClock::time_point start,
                              const CegisRunner& runner, CegisResult& result, std::string&) const override {
    const Task& task = problem.task();
    result.methods = {CegisMethod::kEnumeration};
    SpecOracle oracle(task, problem.call());
    RETURN_IF_ERROR(oracle.Init());
    oracle.set_deadline(start + Deadline::ToClockDuration(config.timeout_seconds()));
    Task pbe = task;  // the examples grow; the spec stays for the final proofs
    OracleExamples examples{oracle, pbe};
    RETURN_IF_ERROR(examples.AddInitial(task, config));
    while (true) {
      result.examples = static_cast<int>(pbe.examples.size());
      ASSIGN_OR_RETURN(std::optional<std::vector<std::vector<Value>>> counterexamples,
                       SearchAndProve(task, pbe, config.search(), runner.SearchHooks(), config, start, result));
      if (!counterexamples) break;
      const size_t before = pbe.examples.size();
      for (const std::vector<Value>& counterexample : *counterexamples) {
        RETURN_IF_ERROR(examples.Add(counterexample, oracle.CandidateAt(counterexample, result.program)));
      }
      if (pbe.examples.size() == before) {
        result.reason = StopReason::kExhausted;
        result.note = examples.unrepresentable > 0
                          ? "the function must return values outside 64 bits at the counterexamples"
                          : "the counterexamples gave no new example";
        break;
      }
    }
    return Outcome::kFinal;
  }
};

}  // namespace

std::unique_ptr<CegisTechnique> MakeTermCoverTechnique() { return std::make_unique<TermCover>(); }
std::unique_ptr<CegisTechnique> MakeOracleEnumeration() { return std::make_unique<OracleEnumeration>(); }

}  // namespace progsearch
