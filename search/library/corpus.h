// A corpus for compression: tasks, each with one or more programs, in one expression pool.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "search/library/expr_pool.h"

namespace progsearch::library {

struct Corpus {
  ExprPool pool;
  // Each task's programs; a task costs as much as its cheapest program.
  std::vector<std::vector<NodeId>> tasks;
  std::vector<std::string> task_names;
};

// Reads either format compression takes:
//  - a JSON array of programs, each its own task (Stitch's corpora);
//  - DreamCoder's compression request: an object whose "frontiers" each hold a task's "programs", each
//    {"program": "..."}, named by "task".
// Programs are read by ExprPool::Parse. Errors read "FILE:LINE:COL: message", at the program's string.
absl::StatusOr<Corpus> ParseCorpus(std::string_view text, std::string_view filename, CostModel costs = {});

// Reads the file at `path` as ParseCorpus does.
absl::StatusOr<Corpus> ReadCorpusFile(const std::string& path, CostModel costs = {});

}  // namespace progsearch::library
