// SyGuS-IF reader (version 2, and version 1 grammars) and writer.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dsl/task.h"

namespace progsearch {

// Reads a SyGuS-IF problem. Example constraints (= (f c1 ... cn) c) with ground arguments become
// examples; every other constraint is kept in Task::spec. define-funs become macros that print under
// their own names. Errors read "FILE:LINE:COL: message".
absl::StatusOr<Task> ParseSygus(std::string_view text, std::string_view filename);
absl::StatusOr<Task> ReadSygusFile(const std::string& path);

// Writes a task back as SyGuS-IF v2; ParseSygus(WriteSygus(t)) gives an equivalent task.
std::string WriteSygus(const Task& task);

// Human-readable summary used by `progsearch parse`: functions, grammar, examples or spec.
std::string DescribeTask(const Task& task, size_t max_examples = 20);

}  // namespace progsearch
