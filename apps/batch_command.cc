#include "apps/batch_command.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "batch/batch_run.h"
#include "batch/subprocess.h"
#include "core/self_location.h"

namespace progsearch::cli {
namespace {

// The shard to run: --shard, else a Slurm array task's, else the whole batch.
absl::StatusOr<batch::Shard> ChooseShard(const std::string& flag) {
  if (!flag.empty()) return batch::ParseShard(flag);
  auto slurm = batch::ShardFromSlurm([](const char* name) { return std::getenv(name); });
  if (!slurm.ok()) return slurm.status();
  return slurm->value_or(batch::Shard{});
}

}  // namespace

void AddBatchCommand(CLI::App& app, BatchCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "batch",
      "Run a batch of jobs (configs x tasks x seeds), or one shard of it; each job's record goes to OUTDIR, "
      "and a rerun skips recorded jobs");
  cmd->add_option("jobs", options.jobs,
                  "Job file (protobuf text format, message BatchSpec; see docs/cluster.md) or a folder of tasks "
                  "to synthesize with the defaults")
      ->required();
  cmd->add_option("-o,--out", options.outdir, "Output folder for the records (created when missing)")->required();
  cmd->add_option("--shard", options.shard,
                  "Run shard I of N (0 <= I < N): jobs k with k mod N = I. Default: from SLURM_ARRAY_TASK_ID, "
                  "SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN in a Slurm job array, else every job");
  cmd->add_option("--job-seconds", options.job_seconds,
                  "Kill a job still running after this many seconds (overrides the job file; 0: no limit)")
      ->check(AtLeastZero());
  cmd->add_flag("--list", options.list, "Print the shard's jobs, one per line, and run none");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress lines");
}

int RunBatchCommand(const BatchCommandOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  const bool folder = fs::is_directory(options.jobs, error);
  absl::StatusOr<proto::BatchSpec> spec =
      folder ? absl::StatusOr<proto::BatchSpec>(batch::SpecForTaskFolder(options.jobs)) : batch::ReadBatchSpec(options.jobs);
  if (!spec.ok()) return ReportError(spec.status());
  const std::string base = folder ? "." : fs::path(options.jobs).parent_path().string();
  auto jobs = batch::ExpandJobs(*spec, base.empty() ? "." : base);
  if (!jobs.ok()) return ReportError(jobs.status());
  auto shard = ChooseShard(options.shard);
  if (!shard.ok()) return ReportError(shard.status());
  if (options.list) {
    for (size_t k = 0; k < jobs->size(); ++k) {
      if (shard->Has(k)) std::cout << (*jobs)[k].id << "\n";
    }
    return kExitOk;
  }
  batch::BatchOptions run;
  run.outdir = options.outdir;
  run.shard = *shard;
  run.job_seconds = options.job_seconds >= 0 ? options.job_seconds : spec->job_seconds();
  run.executable = SelfExecutable();
  run.interrupt = StopOnSignals();
  if (run.executable.empty()) return ReportError(absl::UnknownError("cannot find this program's executable (/proc/self/exe)"));
  if (!options.quiet) {
    std::cerr << absl::StrFormat("batch: %d jobs, shard %d/%d, records in %s\n", jobs->size(), shard->index, shard->count,
                                 options.outdir);
  }
  auto progress = [&](const std::string& line) {
    if (!options.quiet) std::cerr << "batch: " << line << "\n";
  };
  auto summary = batch::RunBatch(*jobs, run, progress);
  if (!summary.ok()) return ReportError(summary.status());
  std::cerr << absl::StrFormat(
      "batch: shard %d/%d done: %d jobs, %d run now (%d damaged and %d stale records redone), %d recorded before; "
      "%d solved, %d timed out\n",
      shard->index, shard->count, summary->in_shard, summary->ran, summary->damaged, summary->stale, summary->skipped,
      summary->solved, summary->timed_out);
  if (summary->resumed > 0) std::cerr << absl::StrFormat("batch: %d jobs continued from their checkpoints\n", summary->resumed);
  if (summary->interrupted) {
    std::cerr << absl::StrFormat("batch: interrupted by a signal with %d jobs of the shard not recorded; run the same "
                                 "command again to continue\n",
                                 summary->left);
    return kExitFailed;
  }
  if (summary->bad_input > 0 || summary->internal > 0) {
    std::cerr << absl::StrFormat(
        "batch: %d jobs exited 2 (bad input: check their config's args and task) and %d exited 3 (progsearch "
        "failed); their records under %s/records hold the messages\n",
        summary->bad_input, summary->internal, options.outdir);
  }
  return kExitOk;
}

}  // namespace progsearch::cli
