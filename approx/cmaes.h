// Runs CMA-ES evolutions in the pagmo module (cmaes_call.h), loading it at the first call.
#pragma once

#include "absl/status/statusor.h"
#include "approx/cmaes_call.h"

namespace progsearch {

// Runs `call` and returns progsearch_cmaes_evolve's code (0, or 1 when pagmo refused the run).
// FailedPrecondition when the module cannot be loaded, naming where it looked; Internal when the run
// failed otherwise. The module is looked for at $PROGSEARCH_CMAES_MODULE, beside the binary or library holding
// this code and in the library directory next to its bin/, in the build tree it was built in, and in
// the library directory of the configured install prefix.
absl::StatusOr<int> RunCmaes(ProgsearchCmaesCall& call);

}  // namespace progsearch
