// What the CEGIS methods that enumerate share (cegis.cc, whole_spec.cc): budgets, statistics, a round.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include "search/cegis/cegis.h"

namespace progsearch {

using CegisClock = std::chrono::steady_clock;

inline double SecondsSince(CegisClock::time_point start) {
  return std::chrono::duration<double>(CegisClock::now() - start).count();
}

// The proof limits for a proof that must end by the run's budget.
inline ProofLimits LimitsLeft(const CegisConfig& config, CegisClock::time_point start) {
  ProofLimits limits;
  limits.rlimit = config.proof_rlimit();
  const double remaining_ms = std::max(1.0, (config.timeout_seconds() - SecondsSince(start)) * 1000);
  limits.timeout_ms = static_cast<unsigned>(std::min<double>(config.proof_timeout_ms(), remaining_ms));
  return limits;
}

// A bottom-up round's statistics added to the run's (cost: the last round's).
inline void AddRound(CegisResult& result, const BottomUpResult& round) {
  result.stats.candidates += round.stats.candidates;
  result.stats.distinct_values += round.stats.distinct_values;
  result.stats.cost = round.stats.cost;
  result.stats.memory_bytes = std::max(result.stats.memory_bytes, round.stats.memory_bytes);
}

// One CEGIS round: the budget and round count are checked, bottom-up search runs on `pbe` (with
// `search`'s settings, its time capped by what is left, and `hooks`), and its answer is proved against
// `task`.
// Returns the refuted candidate's counterexamples; nullopt when the run is over, with result.reason
// (and result.note) saying why: solved and proved, out of time or rounds, no program fits the points,
// Z3 undecided, or a counterexample outside the interpreter's 64-bit Ints.
absl::StatusOr<std::optional<std::vector<std::vector<Value>>>> SearchAndProve(
    const Task& task, const Task& pbe, BottomUpConfig search, const BottomUpHooks& hooks, const CegisConfig& config,
    CegisClock::time_point start, CegisResult& result);

}  // namespace progsearch
