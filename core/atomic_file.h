// Files written whole or not at all: checkpoints, generated headers, plots, results, libraries.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace progsearch {

// Writes `bytes` to `path + ".tmp"` in the same folder, then renames it over `path`: a reader, or a run
// killed midway, sees the old file or the new one, never half of one. PermissionDenied on failure, with
// the temporary file removed and a message of the form "PATH: cannot write: REASON" (the errno text).
absl::Status WriteFileAtomically(const std::string& path, const std::string& bytes);

// Whether WriteFileAtomically could write `path` now, checked before a long run so that its results are
// not lost at the end: the folder exists, is a folder and is writable, and `path` is not a folder.
// PermissionDenied naming `path` and the reason otherwise; `what` (e.g. "--emit-c") leads the message
// when not empty. An empty path is InvalidArgument.
absl::Status CheckWritablePath(const std::string& path, const std::string& what = "");

// Whether files can be created in `folder` now: it exists, is a folder, and is writable.
// PermissionDenied naming `folder` and the reason otherwise, led by `what` when not empty.
absl::Status CheckWritableFolder(const std::string& folder, const std::string& what = "");

}  // namespace progsearch
