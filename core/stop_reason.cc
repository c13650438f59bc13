#include "core/stop_reason.h"

namespace progsearch {

std::string_view StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kSolved:
      return "solved";
    case StopReason::kExhausted:
      return "exhausted";
    case StopReason::kTimeout:
      return "timeout";
    case StopReason::kCandidates:
      return "candidates";
    case StopReason::kMemory:
      return "memory";
    case StopReason::kCycles:
      return "cycles";
    case StopReason::kInterrupted:
      return "interrupted";
    case StopReason::kEvaluations:
      return "evaluations";
    case StopReason::kTarget:
      return "target";
    case StopReason::kFailures:
      return "failures";
  }
  return "?";
}

}  // namespace progsearch
