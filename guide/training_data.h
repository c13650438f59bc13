// Training examples for the guide, made as BUSTLE makes them: a bottom-up search runs on a random task
// (synthetic_tasks.h); some of the programs it built become targets, their outputs the task's outputs;
// the values of each target's sub-programs are positives, other values of the same search negatives.
// Each example is the task's and the value's property signatures against the target's outputs.
//
// Argument data (DataOptions::arguments) teaches the argument model instead: for every operator node of
// a target's program, each child's value is a positive at that operator's hole, and values of the same
// list (the hole's non-terminal at the child's cost, which the search would have combined instead) are
// negatives. Each example then also carries the slot (signature.h SlotCodes).
#pragma once

#include <cstdint>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace progsearch::guide {

struct DataOptions {
  std::string domain = "strings";
  uint32_t tasks = 200;
  uint64_t seed = 1;
  int examples_per_task = 4;
  uint64_t candidates_per_task = 20000;  // each search's budget
  int targets_per_task = 8;
  int min_target_cost = 4;               // smaller targets have too few sub-programs to teach much
  int negatives_per_positive = 2;
  bool arguments = false;  // rows for the argument model, not the value model
  // Value rows that also name the operator that built each value (signature.h SlotCodes, hole 0), for
  // a value model that reads operators.
  bool with_operator = false;
  // Once true, the task being searched ends and no more are searched: the set holds the tasks done.
  const std::atomic<bool>* interrupt = nullptr;
};

struct TrainingSet {
  size_t features = 0;            // per row: task features (with the slot's), then value features
  bool arguments = false;         // argument rows (else value rows)
  bool slots = false;             // the task features end with SlotCodes over `operators`
  std::vector<std::string> operators;  // sorted
  std::vector<uint8_t> codes;     // rows x features, row-major
  std::vector<float> labels;      // 1: part of the target's program
  std::vector<uint32_t> task_of;  // which random task each row comes from (for held-out splits)
  uint32_t tasks = 0;             // random tasks searched (fewer than asked when interrupted)
  size_t rows() const { return labels.size(); }
};

// Deterministic for a seed. `progress` (may be null) is told each finished task.
absl::StatusOr<TrainingSet> GenerateTrainingData(const DataOptions& options,
                                                 const std::function<void(uint32_t done)>& progress = nullptr);

}  // namespace progsearch::guide
