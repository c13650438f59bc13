// `progsearch libm` as a library call: a plan (libm_plan.h), the search for its core on the reduced
// interval (discover.h), and the header of each candidate core, cheapest first, compiled and checked
// (libm_check.h) until one holds the ULP bound.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/check_control.h"
#include "approx/discover.h"
#include "approx/libm_check.h"
#include "approx/libm_emit.h"
#include "approx/libm_plan.h"

namespace progsearch {

struct LibmRequest {
  LibmFunction function = LibmFunction::kExpf;
  double seconds = 30;       // the core's search
  double max_ulps = 1;       // the bound every float's result must keep
  int table_bits = 0;        // 0: DefaultTableBits
  int max_ops = 12;          // the largest core the search considers, under its weights
  // The search weighs a division as this many operations: a division takes the time of several
  // multiplies, and the function must be fast as well as short. Reported counts are discover's (1).
  int division_cost = 4;
  int threads = 0;           // 0: every core
  uint64_t seed = 1;
  // The final check: every float (1) or every stride-th bit pattern (a power of two). Candidates are first
  // screened at a stride of 4096.
  uint64_t stride = 1;
  std::string compiler_flags = "-O2";
  ApproximationHooks search_hooks;  // progress and interrupt of the search
  CheckControl check_control;       // progress and interrupt of the final check
  // One line per step (the search's end, each candidate's verdict); may be empty.
  std::function<void(const std::string&)> log;
};

// A core tried, and what became of it: "accepted", or why not. Cores are tried by their cost under the
// search's weights, then by error.
struct LibmCandidate {
  LibmCore core;
  std::string verdict;
};

struct LibmReport {
  LibmPlan plan;
  DiscoverReport search;
  double core_budget = 0;               // CoreErrorBudget(plan, max_ulps)
  std::vector<LibmCandidate> tried;
  bool found = false;                   // a candidate passed; the fields below describe it
  LibmCore core;
  LibmCheckResult check;
  std::string compile_command;
  std::string header;
};

// Errors: bad settings (InvalidArgument), no C compiler (FailedPrecondition), an interrupt (Cancelled,
// during the search it only ends the search). A run where no candidate passes is not an error: found is
// false and `tried` says why each failed.
absl::StatusOr<LibmReport> BuildLibm(const LibmRequest& request);

// The header comment lines a check adds: its figures, the compiler flags, and the differences from glibc.
std::string LibmCheckNotes(const LibmReport& report, uint64_t stride);

}  // namespace progsearch
