// Why a search stopped: one vocabulary for every searcher (bottom-up, CEGIS, evolution), so reports and
// batch summaries compare them.
#pragma once

#include <string_view>

namespace progsearch {

enum class StopReason {
  kSolved,       // an answer was found (and, for logical specs, proved)
  kExhausted,    // nothing left to try within the limits (program size, rounds, counterexamples)
  kTimeout,      // the wall-clock budget ran out
  kCandidates,   // the candidate budget ran out
  kMemory,       // the memory budget ran out
  kCycles,       // the evolution cycle budget ran out
  kInterrupted,  // a signal (SIGINT, SIGTERM) or the caller asked it to stop
  kEvaluations,  // the budget of fitness evaluations ran out
  kTarget,       // the best fitness reached the caller's target
  kFailures,     // the fitness failed as often as the caller allows
};
// "solved", "exhausted", "timeout", "candidates", "memory", "cycles", "interrupted", "evaluations",
// "target", "failures".
std::string_view StopReasonName(StopReason reason);

}  // namespace progsearch
