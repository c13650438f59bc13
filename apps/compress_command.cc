#include "apps/compress_command.h"

#include <chrono>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "core/atomic_file.h"
#include "core/threads.h"
#include "tbb/task_arena.h"

namespace progsearch::cli {
namespace {

std::string ProgramList(const library::ExprPool& pool, const std::vector<std::vector<library::NodeId>>& tasks) {
  std::string out = "[";
  const char* sep = "\n    ";
  for (const auto& task : tasks) {
    for (library::NodeId p : task) {
      out += sep + JsonString(pool.Print(p));
      sep = ",\n    ";
    }
  }
  return out + "\n  ]";
}

// Stitch's output keys, so its readers (and comparisons with its expected outputs) work unchanged.
std::string ResultJson(const library::Corpus& corpus, const library::CompressionResult& r,
                       const CompressOptions& options, double seconds) {
  std::string out = "{\n";
  absl::StrAppendFormat(&out, "  \"corpus\": %s,\n  \"max_arity\": %d,\n  \"iterations\": %d,\n",
                        JsonString(options.corpus), options.compression.max_arity, options.compression.iterations);
  absl::StrAppendFormat(&out, "  \"structure_penalty\": %.17g,\n  \"seconds\": %.6f,\n",
                        options.compression.structure_penalty, seconds);
  absl::StrAppendFormat(&out, "  \"stop_reason\": %s,\n", JsonString(r.stop_reason));
  absl::StrAppendFormat(&out, "  \"original_cost\": %d,\n  \"final_cost\": %d,\n  \"compression_ratio\": %.17g,\n",
                        r.original_cost, r.final_cost, r.compression_ratio);
  absl::StrAppendFormat(&out, "  \"num_abstractions\": %d,\n  \"abstractions\": [", r.abstractions.size());
  const char* sep = "\n    ";
  for (const library::Abstraction& a : r.abstractions) {
    absl::StrAppendFormat(&out, "%s{\"name\": %s, \"arity\": %d, \"body\": %s, \"dreamcoder\": %s,", sep,
                          JsonString(a.name), a.arity, JsonString(a.body_text), JsonString(a.dreamcoder));
    absl::StrAppendFormat(&out,
                          " \"utility\": %.17g, \"num_uses\": %d, \"final_cost\": %d, \"compression_ratio\": %.17g,"
                          " \"cumulative_compression_ratio\": %.17g, \"patterns_expanded\": %d}",
                          a.utility, a.uses, a.cost_after, a.compression_ratio, a.cumulative_compression_ratio,
                          a.patterns_expanded);
    sep = ",\n    ";
  }
  out += "\n  ],\n";
  absl::StrAppendFormat(&out, "  \"rewritten\": %s\n}\n", ProgramList(corpus.pool, r.rewritten));
  return out;
}

}  // namespace

void AddCompressCommand(CLI::App& app, CompressOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "compress", "Learn abstractions that shorten a corpus of programs (Stitch's compression); prints JSON");
  cmd->add_option("corpus", options.corpus,
                  "JSON array of programs, or a DreamCoder compression request (an object with \"frontiers\")")
      ->required();
  auto& c = options.compression;
  cmd->add_option("-a,--arity", c.max_arity, "Arguments an abstraction may take")
      ->capture_default_str()
      ->check(CLI::Range(0, 16));
  cmd->add_option("-i,--iterations", c.iterations, "Abstractions to learn, at most")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--structure-penalty", c.structure_penalty,
                  "An abstraction's utility loses this times its body's cost")
      ->capture_default_str()
      ->check(AtLeastZero());
  cmd->add_flag("--allow-single-task", c.allow_single_task,
               "Also learn abstractions whose every use is in one task's programs (off, as in DreamCoder and Stitch)");
  cmd->add_option("--prefix", c.prefix, "Names of the abstractions: PREFIX0, PREFIX1, ...")->capture_default_str();
  cmd->add_option("--cost-prim", options.costs.prim, "Cost of a primitive")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--cost-var", options.costs.var, "Cost of a variable")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--cost-app", options.costs.app, "Cost of an application")->capture_default_str()->check(CLI::Range(0, 1000000));
  cmd->add_option("--cost-lam", options.costs.lam, "Cost of a lambda")->capture_default_str()->check(CLI::Range(0, 1000000));
  cmd->add_option("--time", options.time_seconds,
                  "Seconds to compress (0: no limit); at the budget the abstractions learned so far are kept")
      ->check(AtLeastZero());
  cmd->add_option("--threads", options.threads,
                  "Threads refining patterns (0: every core); the abstractions learned do not depend on it")
      ->capture_default_str()
      ->check(CLI::Range(0, 4096));
  cmd->add_option("-o,--out", options.out, "Write the JSON result to this file (atomically) instead of standard output");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress lines");
}

int RunCompress(const CompressOptions& given) {
  const auto start = std::chrono::steady_clock::now();
  CompressOptions options = given;
  // SIGINT / SIGTERM end the search at its next check, keeping the abstractions learned (stop_reason says so).
  options.compression.deadline = Deadline::AfterSeconds(options.time_seconds).StoppedBy(StopOnSignals());
  auto corpus = library::ReadCorpusFile(options.corpus, options.costs);
  if (!corpus.ok()) return ReportError(corpus.status());
  if (absl::Status s = CheckOutputPaths({{"-o", options.out}}); !s.ok()) return ReportError(s);
  size_t programs = 0;
  for (const auto& task : corpus->tasks) programs += task.size();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  if (!options.quiet) {
    std::cerr << absl::StrFormat("compress: %d tasks, %d programs, cost %d; arity %d, %d iterations, %d threads\n",
                                 corpus->tasks.size(), programs, library::CorpusCost(corpus->pool, corpus->tasks),
                                 options.compression.max_arity, options.compression.iterations,
                                 ThreadsOrEveryCore(options.threads));
  }
  auto progress = [&](const library::Abstraction& a, int iteration) {
    if (options.quiet) return;
    std::cerr << absl::StrFormat("compress: %s (arity %d, %d uses, utility %.0f): cost %d, %.2fx so far, %.2fs  %s\n",
                                 a.name, a.arity, a.uses, a.utility, a.cost_after, a.cumulative_compression_ratio,
                                 elapsed(), a.body_text);
  };
  tbb::task_arena arena(ThreadsOrEveryCore(options.threads));
  library::CompressionResult result;
  arena.execute([&] { result = library::Compress(*corpus, options.compression, progress); });
  const double seconds = elapsed();
  if (!options.quiet) {
    std::cerr << absl::StrFormat("compress: %d abstractions, cost %d -> %d (%.2fx) in %.3fs%s\n",
                                 result.abstractions.size(), result.original_cost, result.final_cost,
                                 result.compression_ratio, seconds,
                                 result.stop_reason.empty() ? "" : " (" + result.stop_reason + ")");
  }
  return WriteResult(ResultJson(*corpus, result, options, seconds), options.out, kExitOk);
}

}  // namespace progsearch::cli
