// The jobs of a batch (`progsearch batch`): read from a job file, expanded in one canonical order, and
// split into shards, by hand (--shard I/N) or by a Slurm job array.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/batch.pb.h"

namespace progsearch::batch {

struct BatchJob {
  std::string id;      // config/task/seed: names the job in records and reports
  std::string config;
  std::string task;    // the task as the spec names it (a folder's tasks as folder/file)
  int seed = 1;
  std::vector<std::string> argv;  // after "progsearch"
  bool checkpoint = false;        // the config's `checkpoint`: saved and resumed by the runner
};

// Reads a job file in protobuf text format and checks it: a command batch runs, config names unique and
// plain, at least one task and one config. Errors name the file (and line, for syntax errors).
absl::StatusOr<proto::BatchSpec> ReadBatchSpec(const std::string& path);

// The spec for a folder of tasks run as they are: one config, `synth` with its defaults.
proto::BatchSpec SpecForTaskFolder(const std::string& folder);

// Every job, config by config, task by task, seed by seed. Relative task paths are taken from
// `base_dir`; a folder stands for its .sl, .json and .txtpb files in name order. Errors for a missing task.
absl::StatusOr<std::vector<BatchJob>> ExpandJobs(const proto::BatchSpec& spec, const std::string& base_dir);

// Which part of the jobs one process runs: job k belongs to shard k mod count.
struct Shard {
  int index = 0;
  int count = 1;
  bool Has(size_t job_index) const { return static_cast<int>(job_index % static_cast<size_t>(count)) == index; }
};

// "I/N" with 0 <= I < N.
absl::StatusOr<Shard> ParseShard(std::string_view text);

// The shard of a Slurm job array task, from SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and (when set)
// SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_STEP, read through `getenv`; none outside an array.
absl::StatusOr<std::optional<Shard>> ShardFromSlurm(const std::function<const char*(const char*)>& getenv);

}  // namespace progsearch::batch
