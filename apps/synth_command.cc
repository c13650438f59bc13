#include "apps/synth_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "dsl/json_task.h"
#include "dsl/sygus.h"
#include "google/protobuf/util/json_util.h"
#include "proto/progsearch.pb.h"
#include "search/cegis/cegis.h"

namespace progsearch::cli {
namespace {

// Peak resident memory of this process (VmHWM), in bytes; 0 where /proc is not available.
uint64_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

std::string Human(double v) {
  if (v >= 1e9) return absl::StrFormat("%.2fG", v / 1e9);
  if (v >= 1e6) return absl::StrFormat("%.2fM", v / 1e6);
  if (v >= 1e3) return absl::StrFormat("%.1fk", v / 1e3);
  return absl::StrFormat("%.0f", v);
}

struct Outcome {
  proto::SynthResult result;
  bool bad_input = false;
};

Outcome Fail(Outcome out, const absl::Status& status, bool bad_input) {
  out.result.set_status("error");
  out.result.set_error(std::string(status.message()));
  out.bad_input = bad_input;
  return out;
}

// What every run reports, solved or not; a solution's size replaces `cost` later.
void SetStats(proto::SynthResult& r, StopReason reason, const BottomUpStats& stats) {
  r.set_status(std::string(StopReasonName(reason)));
  r.set_seconds(stats.seconds);
  r.set_candidates(stats.candidates);
  r.set_distinct_values(stats.distinct_values);
  r.set_memory_bytes(stats.memory_bytes);
  r.set_candidates_per_second(stats.candidates / std::max(stats.seconds, 1e-9));
  r.set_peak_rss_bytes(PeakRssBytes());
  r.set_cost(stats.cost);
}

// Tasks with logical constraints: CEGIS, every answer proved by Z3.
Outcome SynthWithSpec(const Task& task, const BottomUpConfig& config, Outcome out) {
  proto::SynthResult& r = out.result;
  CegisConfig cegis;
  cegis.search = config;
  cegis.search.timeout_seconds = 0;
  cegis.timeout_seconds = config.timeout_seconds > 0 ? config.timeout_seconds : 1e9;
  auto result = RunCegis(task, cegis);
  if (!result.ok()) {
    // Tasks CEGIS cannot take (several synth-funs, not single-invocation) are refused like bad input.
    const absl::StatusCode code = result.status().code();
    return Fail(std::move(out), result.status(),
                code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kUnimplemented ||
                    code == absl::StatusCode::kFailedPrecondition);
  }
  SetStats(r, result->reason, result->stats);
  r.set_cegis_rounds(result->rounds);
  r.set_cegis_examples(result->examples);
  r.set_method(result->method_name());
  if (!result->note.empty()) r.set_error(result->note);
  if (result->reason == StopReason::kSolved) {
    // One define-fun per synth-fun, in the task's order (SyGuS solution format).
    std::string solution;
    int size = 0;
    for (size_t i = 0; i < task.synth_funs.size() && i < result->programs.size(); ++i) {
      const SynthFun& f = task.synth_funs[i];
      solution += (i ? "\n" : "") + PrintDefineFun(f.name, f.params, f.result, *result->programs[i]);
      size += result->programs[i]->size();
    }
    r.set_solution(solution);
    r.set_checked("proved");
    r.set_cost(size);
  }
  return out;
}

Outcome SynthOne(const std::string& path, const SynthOptions& options, bool show_progress) {
  Outcome out;
  proto::SynthResult& r = out.result;
  r.set_task(path);
  auto fail = [&](const absl::Status& s, bool bad) { return Fail(out, s, bad); };
  auto task = ReadTaskFile(path);
  if (!task.ok()) return fail(task.status(), true);
  BottomUpConfig config = options.config;
  config.exact_dedup = !options.no_exact;
  config.max_memory_bytes = static_cast<size_t>(options.max_memory_mb * 1024 * 1024);
  if (!task->spec.empty()) return SynthWithSpec(*task, config, out);
  auto search = BottomUpSearch::Create(*task, config);
  if (!search.ok()) return fail(search.status(), search.status().code() == absl::StatusCode::kInvalidArgument);

  const bool tty = show_progress && isatty(STDERR_FILENO);
  ProgressFn progress;
  if (tty) {
    progress = [](const BottomUpStats& s) {
      std::fprintf(stderr, "\r\033[K  cost %d  %s candidates  %s values  %s/s  %s  %.1fs", s.cost,
                   Human(s.candidates).c_str(), Human(s.distinct_values).c_str(),
                   Human(s.candidates / std::max(s.seconds, 1e-9)).c_str(), (Human(s.memory_bytes) + "B").c_str(),
                   s.seconds);
      std::fflush(stderr);
    };
  }
  BottomUpResult result = (*search)->Run(progress);
  if (tty) std::fprintf(stderr, "\r\033[K");

  SetStats(r, result.reason, result.stats);
  if (result.program) {
    // Never trust the search alone: the answer is evaluated again on every example.
    auto got = Interpreter().Evaluate(*result.program, task->InputColumns(), task->examples.size());
    if (!got.ok() || !(*got == task->OutputColumn())) {
      return fail(absl::InternalError(StrCat("the solution ", PrintTerm(*result.program),
                                             " does not reproduce the examples: this is a bug")),
                  false);
    }
    const SynthFun& f = task->synth_funs[0];
    r.set_solution(PrintDefineFun(f.name, f.params, f.result, *result.program));
    r.set_checked("examples");
    r.set_cost(result.program->size());
    if (!task->test_examples.empty()) {
      // Held-out examples say whether the program generalizes; they never influence the search.
      auto test = Interpreter().Evaluate(*result.program, task->TestInputColumns(), task->test_examples.size());
      const ValueColumn want = task->TestOutputColumn();
      uint32_t passed = 0;
      for (size_t i = 0; test.ok() && i < want.size(); ++i) passed += test->Get(i) == want.Get(i);
      r.set_test_total(static_cast<uint32_t>(want.size()));
      r.set_test_passed(passed);
    }
  }
  return out;
}

std::string ToJson(const proto::SynthResult& r) {
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(r, &json, print);
  return json;
}

// How a solution was checked, as the statistics line and the folder summary show it: "proved (term cover)",
// "examples"; empty when there is no solution.
std::string CheckedBy(const proto::SynthResult& r) {
  if (r.checked().empty()) return "";
  return r.method().empty() ? r.checked() : StrCat(r.checked(), " (", r.method(), ")");
}

void PrintStats(const proto::SynthResult& r) {
  const std::string checked = CheckedBy(r);
  std::cerr << absl::StrFormat("%s: %s%s in %.2fs, %s candidates (%s/s), %s distinct values, bank %sB, peak RSS %sB\n",
                               r.task(), r.status(), checked.empty() ? "" : StrCat(", ", checked), r.seconds(),
                               Human(r.candidates()), Human(r.candidates_per_second()), Human(r.distinct_values()),
                               Human(r.memory_bytes()), Human(r.peak_rss_bytes()));
}

int RunFolder(const SynthOptions& options) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(options.path)) {
    if (entry.is_regular_file() && (entry.path().extension() == ".sl" || entry.path().extension() == ".json")) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return ReportError(absl::InvalidArgumentError(StrCat(options.path, ": no .sl or .json task files in this folder")));
  }
  std::vector<proto::SynthResult> results;
  size_t solved = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!options.json && !options.quiet) {
      std::cerr << absl::StrFormat("[%zu/%zu] %s\n", i + 1, files.size(), files[i]);
    }
    Outcome o = SynthOne(files[i], options, !options.quiet);
    const proto::SynthResult& r = o.result;
    solved += r.status() == "solved";
    if (options.json) {
      std::cout << ToJson(r) << "\n";
    } else if (r.status() == "solved") {
      std::cout << r.solution() << "\n";
    } else if (r.status() == "error") {
      std::cerr << "  error: " << r.error() << "\n";
    }
    results.push_back(r);
  }
  if (!options.json) {
    std::vector<double> times;
    for (const auto& r : results) {
      if (r.status() == "solved") times.push_back(r.seconds());
    }
    std::sort(times.begin(), times.end());
    std::cerr << absl::StrFormat("\n%-40s %-10s %8s %6s %12s %10s  %s\n", "task", "result", "seconds", "size",
                                 "candidates", "cand/s", "checked");
    for (const auto& r : results) {
      std::string name = std::filesystem::path(r.task()).filename().string();
      std::cerr << absl::StrFormat("%-40s %-10s %8.2f %6d %12s %10s  %s\n", name.substr(0, 40), r.status(), r.seconds(),
                                   r.cost(), Human(r.candidates()), Human(r.candidates_per_second()), CheckedBy(r));
    }
    std::cerr << absl::StrFormat("\nsolved %zu of %zu", solved, results.size());
    if (!times.empty()) std::cerr << absl::StrFormat("; median time of solved %.2fs", times[times.size() / 2]);
    std::cerr << "\n";
  }
  return solved == results.size() ? kExitOk : kExitFailed;
}

}  // namespace

void AddSynthCommand(CLI::App& app, SynthOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "synth",
      "Synthesize a program from a task's examples (bottom-up enumeration) or logical spec (CEGIS, proved by Z3)");
  cmd->add_option("path", options.path, "Task file (SyGuS-IF .sl or JSON .json), or a folder of them")->required();
  cmd->add_option("--timeout", options.config.timeout_seconds, "Seconds per task (0: no limit)")
      ->default_val(10.0)
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", options.config.threads, "Threads (the answer does not depend on it)")
      ->default_val(1)
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-candidates", options.config.max_candidates, "Programs to evaluate at most (0: no limit)");
  cmd->add_option("--max-memory", options.max_memory_mb, "MiB the value bank may use (0: half of the RAM)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-cost", options.config.max_cost, "Largest program size to try")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--max-string-length", options.config.max_string_length,
                  "Longest intermediate string (0: twice the longest in the examples, at least 32)");
  cmd->add_flag("--no-exact", options.no_exact, "Trust the 64-bit hash alone when deduplicating values");
  cmd->add_flag("--json", options.json, "One JSON result per task on stdout (proto SynthResult)");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress or statistics on stderr");
}

int RunSynth(const SynthOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(options.path, ec)) return RunFolder(options);
  Outcome o = SynthOne(options.path, options, !options.quiet);
  const proto::SynthResult& r = o.result;
  if (r.status() == "error") {
    if (options.json) std::cout << ToJson(r) << "\n";
    std::cerr << "progsearch: error: " << r.error() << "\n";
    return o.bad_input ? kExitBadInput : kExitFailed;
  }
  if (options.json) {
    std::cout << ToJson(r) << "\n";
  } else if (r.status() == "solved") {
    std::cout << r.solution() << "\n";
    if (r.test_total() > 0) {
      std::cout << "; held-out test examples: " << r.test_passed() << "/" << r.test_total() << " pass\n";
    }
  } else {
    std::cout << "; no solution: " << r.status() << "\n";
  }
  if (!options.quiet) PrintStats(r);
  return r.status() == "solved" ? kExitOk : kExitFailed;
}

}  // namespace progsearch::cli
