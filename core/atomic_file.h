// Files written whole or not at all: checkpoints, generated headers, plots.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace progsearch {

// Writes `bytes` to `path + ".tmp"` in the same folder, then renames it over `path`: a reader, or a run
// killed midway, sees the old file or the new one, never half of one. PermissionDenied on failure, with
// the temporary file removed.
absl::Status WriteFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace progsearch
