// Reading whole files, the one way every reader of the project does it: task files, configs, corpora,
// libraries, models, records. What cannot be a file's contents is refused by name before any reading.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace progsearch {

// The bytes of the file at `path`. Refuses with the path and the reason: a missing or unreadable file
// ("PATH: cannot open: No such file or directory"; NotFound or PermissionDenied), a directory ("PATH: is a
// directory"; InvalidArgument), a device or socket ("PATH: is a device, not a file"; InvalidArgument).
// Pipes are read (a shell's <(...) passes one). DataLoss for an error while reading.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace progsearch
