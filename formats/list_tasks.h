// DreamCoder's list task files (ellisk42/ec data/list_tasks.json): a JSON array of
// {"name", "type": {"input", "output"}, "examples": [{"i", "o"}]}, types spelled int, bool,
// list-of-int, list-of-list-of-bool, ... Each task has one input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/type.h"
#include "formats/json_task.h"
#include "dsl/task.h"

namespace progsearch {

struct ListTask {
  std::string name;
  // (-> input output)
  Type request;
  std::vector<Example> examples;
};

// A JSON task of domain "lists" (docs/tasks-json.md) as a list task: its training examples, its inputs
// in order; `test` receives its held-out examples.
ListTask ListTaskFromSpec(const ExampleTaskSpec& spec, const std::string& name, std::vector<Example>* test = nullptr);

// DreamCoder's spelling of a type: int, bool, list-of-T. nullopt for anything else.
std::optional<Type> ParseListTypeName(std::string_view name);

// Errors read "FILE:LINE:COL: message" (a value of the wrong type, a missing field, a duplicate name).
absl::StatusOr<std::vector<ListTask>> ParseListTasks(std::string_view text, std::string_view filename);
absl::StatusOr<std::vector<ListTask>> ReadListTasksFile(const std::string& path);

}  // namespace progsearch
