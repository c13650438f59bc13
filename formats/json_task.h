// JSON task files: examples plus a domain, for users who do not write SyGuS (format in docs/tasks-json.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "formats/program_reader.h"
#include "dsl/task.h"

namespace progsearch {

// A task given by its examples, as a JSON task file or a library caller gives it.
struct ExampleTaskSpec {
  // "strings" (SMT-LIB string operators), "spreadsheet" (BUSTLE's functions) or "lists" (DreamCoder's list
  // primitives with lambdas: no grammar, solved by search/lambda)
  std::string domain = "strings";
  std::vector<Declaration> inputs;  // String, Int or Bool each; (List T) too for "lists"
  Type output = Type::String();
  std::vector<Example> train, test;  // test: held out, never seen by the search
  std::vector<Value> constants;      // String or Int constants the grammar offers besides the usual ones
};

// The task: the domain's grammar over the inputs and constants (given ones, the domain's usual ones and
// those extracted from the training examples), the training examples as its examples and the test
// examples as held-out ones. InvalidArgument names what is wrong.
absl::StatusOr<Task> BuildExampleTask(const ExampleTaskSpec& spec, std::string_view name);

// Reads a JSON task: the domain's grammar is generated over the inputs and constants (given ones plus
// those extracted from the examples), "train" examples become the task's examples and "test" examples
// its held-out ones. Errors read "FILE:LINE:COL: message".
absl::StatusOr<Task> ParseJsonTask(std::string_view text, std::string_view filename);

// Reads a JSON task's members without building its task (a "lists" task has no grammar to build).
absl::StatusOr<ExampleTaskSpec> ParseExampleTaskSpec(std::string_view text, std::string_view filename);

// Whether a task file is JSON rather than SyGuS-IF: its name ends in .json, or its first non-blank byte is
// '{' (an s-expression file starts with '(' or a ';' comment), whatever the file is called.
bool LooksLikeJson(std::string_view path, std::string_view text);

// A task file's text read as JSON (LooksLikeJson) or, otherwise, as SyGuS-IF; `path` names it in errors.
absl::StatusOr<Task> ParseTaskText(std::string_view text, std::string_view path);

// Reads a task file and parses it as ParseTaskText does.
absl::StatusOr<Task> ReadTaskFile(const std::string& path);

}  // namespace progsearch
