// Budget and statistics helpers shared by the CEGIS methods (cegis.cc, whole_spec.cc).
#pragma once

#include <algorithm>
#include <chrono>

#include "search/cegis/cegis.h"

namespace progsearch {

using CegisClock = std::chrono::steady_clock;

inline double SecondsSince(CegisClock::time_point start) {
  return std::chrono::duration<double>(CegisClock::now() - start).count();
}

// The proof limits for a proof that must end by the run's budget.
inline ProofLimits LimitsLeft(const CegisConfig& config, CegisClock::time_point start) {
  ProofLimits limits = config.proof;
  const double remaining_ms = std::max(1.0, (config.timeout_seconds - SecondsSince(start)) * 1000);
  limits.timeout_ms = static_cast<unsigned>(std::min<double>(limits.timeout_ms, remaining_ms));
  return limits;
}

// A bottom-up round's statistics added to the run's (cost: the last round's).
inline void AddRound(CegisResult& result, const BottomUpResult& round) {
  result.stats.candidates += round.stats.candidates;
  result.stats.distinct_values += round.stats.distinct_values;
  result.stats.cost = round.stats.cost;
  result.stats.memory_bytes = std::max(result.stats.memory_bytes, round.stats.memory_bytes);
}

}  // namespace progsearch
