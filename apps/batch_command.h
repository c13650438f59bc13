// `progsearch batch JOBS.txtpb|TASK_FOLDER -o OUTDIR`: a batch of jobs, or this process's shard of it.
#pragma once

#include <string>

#include "CLI/CLI.hpp"

namespace progsearch::cli {

struct BatchCommandOptions {
  std::string jobs;    // a job file (proto BatchSpec, text format) or a folder of tasks
  std::string outdir;
  std::string shard;   // "I/N"; empty: from Slurm's array variables, or the whole batch
  double job_seconds = -1;  // overrides the job file's job_seconds when set
  bool list = false;   // print this shard's jobs and exit
  bool quiet = false;
};

void AddBatchCommand(CLI::App& app, BatchCommandOptions& options);
// 0 when every job of the shard is recorded (whatever the jobs' own exit codes), 1 when SIGTERM or SIGINT
// stopped it first (the running job gets the signal too and is not recorded), 2 on bad input or an
// unwritable output folder, 3 when a job could not be started.
int RunBatchCommand(const BatchCommandOptions& options);

}  // namespace progsearch::cli
