#include "search/cegis/rounds.h"

#include "core/deadline.h"
#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {

absl::StatusOr<std::optional<std::vector<std::vector<Value>>>> SearchAndProve(
    const Task& task, const Task& pbe, BottomUpConfig search, const BottomUpHooks& hooks, const CegisConfig& config,
    CegisClock::time_point start, CegisResult& result) {
  const double left = config.timeout_seconds() - SecondsSince(start);
  if (StopRequested(hooks.interrupt)) {
    result.reason = StopReason::kInterrupted;
    return std::nullopt;
  }
  if (left <= 0) {
    result.reason = StopReason::kTimeout;
    return std::nullopt;
  }
  if (result.rounds >= config.max_rounds()) {
    result.reason = StopReason::kExhausted;
    result.note = StrCat("no proved program after ", config.max_rounds(), " rounds");
    return std::nullopt;
  }
  search.set_timeout_seconds(search.timeout_seconds() > 0 ? std::min(search.timeout_seconds(), left) : left);
  ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> searcher, BottomUpSearch::Create(pbe, search, hooks));
  BottomUpResult round = searcher->Run();
  AddRound(result, round);
  if (round.reason != StopReason::kSolved) {
    result.reason = round.reason;
    result.note = StrCat("no program fits the ", result.examples, " points");
    return std::nullopt;
  }
  ++result.rounds;
  result.program = round.program;
  auto proof = ThreadProver(LimitsLeft(config, start)).Prove(task, round.program, config.counterexamples_per_round());
  if (!proof.ok() && proof.status().code() == absl::StatusCode::kOutOfRange) {
    result.reason = StopReason::kExhausted;
    result.note = StrCat("a counterexample does not fit the interpreter: ", proof.status().message());
    return std::nullopt;
  }
  RETURN_IF_ERROR(proof.status());
  result.prover_seconds += proof->seconds;
  if (proof->verdict == Verdict::kProved) {
    result.reason = StopReason::kSolved;
    return std::nullopt;
  }
  if (proof->verdict == Verdict::kUnknown) {
    result.reason = proof->unknown == UnknownReason::kTimeout ? StopReason::kTimeout : StopReason::kExhausted;
    result.note = StrCat("Z3 could not decide the candidate: ", proof->reason);
    return std::nullopt;
  }
  return std::move(proof->counterexamples);
}

}  // namespace progsearch
