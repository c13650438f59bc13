// JSON task files: examples plus a domain, for users who do not write SyGuS (format in docs/tasks-json.md).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dsl/task.h"

namespace progsearch {

// Reads a JSON task: the domain's grammar is generated over the inputs and constants (given ones plus
// those extracted from the examples), "train" examples become the task's examples and "test" examples
// its held-out ones. Errors read "FILE:LINE:COL: message".
absl::StatusOr<Task> ParseJsonTask(std::string_view text, std::string_view filename);

// Reads a task file by its extension: .json as above, anything else as SyGuS-IF.
absl::StatusOr<Task> ReadTaskFile(const std::string& path);

}  // namespace progsearch
