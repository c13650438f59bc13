#include "batch/batch_run.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_format.h"
#include "batch/record_store.h"
#include "batch/subprocess.h"
#include "core/deadline.h"

namespace progsearch::batch {
namespace {

constexpr size_t kKeepOutput = 64 * 1024;
constexpr size_t kKeepError = 4 * 1024;

proto::BatchRecord RecordOf(const BatchJob& job, const ProcessResult& run) {
  proto::BatchRecord record;
  record.set_job_id(job.id);
  record.set_config(job.config);
  record.set_task(job.task);
  record.set_seed(job.seed);
  for (const std::string& arg : job.argv) record.add_argv(arg);
  record.set_exit_code(run.exit_code);
  record.set_timed_out(run.timed_out);
  record.set_solved(run.exit_code == 0 && !run.timed_out);
  record.set_seconds(run.seconds);
  record.set_output(run.out);
  record.set_error_tail(run.err);
  return record;
}

bool SameCommand(const proto::BatchRecord& record, const BatchJob& job) {
  return std::equal(record.argv().begin(), record.argv().end(), job.argv.begin(), job.argv.end());
}

void Count(const proto::BatchRecord& record, BatchSummary& summary) {
  summary.solved += record.solved();
  summary.timed_out += record.timed_out();
  summary.bad_input += record.exit_code() == 2;
  summary.internal += record.exit_code() == 3;
}

}  // namespace

absl::StatusOr<BatchSummary> RunBatch(const std::vector<BatchJob>& jobs, const BatchOptions& options,
                                      const BatchProgress& progress) {
  const RecordStore store(options.outdir);
  if (auto status = store.Open(); !status.ok()) return status;
  BatchSummary summary;
  for (size_t k = 0; k < jobs.size(); ++k) {
    if (options.shard.Has(k)) ++summary.in_shard;
  }
  int done = 0;
  for (size_t k = 0; k < jobs.size(); ++k) {
    if (!options.shard.Has(k)) continue;
    const BatchJob& job = jobs[k];
    ++done;
    proto::BatchRecord record;
    RecordState state = store.Read(job.id, &record);
    if (state == RecordState::kDone && !SameCommand(record, job)) {
      ++summary.stale;
      state = RecordState::kMissing;
    }
    if (state == RecordState::kDone) {
      ++summary.skipped;
      Count(record, summary);
      if (progress) progress(absl::StrFormat("[%d/%d] %s: recorded before, skipped", done, summary.in_shard, job.id));
      continue;
    }
    if (state == RecordState::kDamaged) ++summary.damaged;
    if (StopRequested(options.interrupt)) {
      summary.interrupted = true;
      break;
    }
    std::vector<std::string> argv = job.argv;
    bool resumed = false;
    if (job.checkpoint) {
      const std::string checkpoint = store.CheckpointPath(job.id);
      std::error_code error;
      resumed = std::filesystem::exists(checkpoint, error);
      argv.insert(argv.end(), {"--checkpoint", checkpoint});
      if (resumed) argv.insert(argv.end(), {"--resume", checkpoint});
    }
    auto run = RunProcess(options.executable, argv, options.job_seconds, kKeepOutput, kKeepError, options.interrupt);
    if (!run.ok()) return run.status();
    if (run->interrupted) {
      summary.interrupted = true;
      if (progress) progress(absl::StrFormat("[%d/%d] %s: interrupted, not recorded", done, summary.in_shard, job.id));
      break;
    }
    record = RecordOf(job, *run);
    record.set_resumed(resumed);
    summary.resumed += resumed;
    if (auto status = store.Write(record); !status.ok()) return status;
    ++summary.ran;
    Count(record, summary);
    if (progress) {
      progress(absl::StrFormat("[%d/%d] %s: %s in %.2fs%s", done, summary.in_shard, job.id,
                               record.timed_out() ? "timed out" : record.solved() ? "solved" : "exit " + std::to_string(record.exit_code()),
                               record.seconds(),
                               state == RecordState::kDamaged ? " (its damaged record redone)"
                               : resumed                      ? " (continued from its checkpoint)"
                                                              : ""));
    }
  }
  summary.left = summary.in_shard - summary.ran - summary.skipped;
  return summary;
}

}  // namespace progsearch::batch
