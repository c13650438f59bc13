#include "apps/wake_sleep_command.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "core/atomic_file.h"
#include "core/threads.h"
#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "search/lambda/library_file.h"
#include "tbb/task_arena.h"

namespace progsearch::cli {
namespace {

std::string ResultJson(const WakeSleepCommandOptions& o, size_t num_tasks, const lambda::WakeSleepResult& r) {
  std::string out = "{\n";
  absl::StrAppendFormat(&out, "  \"tasks\": %s,\n  \"num_tasks\": %d,\n  \"iterations\": %d,\n", JsonString(o.tasks),
                        num_tasks, o.run.iterations);
  absl::StrAppendFormat(&out, "  \"stop_reason\": %s,\n", JsonString(r.stop_reason));
  absl::StrAppendFormat(&out, "  \"budget_seconds\": %.17g,\n  \"max_cost\": %d,\n  \"arity\": %d,\n",
                        o.run.task_seconds, o.run.max_cost, o.run.compression.max_arity);
  out += "  \"solved_per_wake\": [";
  for (size_t i = 0; i < r.wakes.size(); ++i) absl::StrAppendFormat(&out, "%s%d", i ? ", " : "", r.wakes[i].solved);
  out += "],\n  \"sleeps\": [";
  for (size_t i = 0; i < r.sleeps.size(); ++i) {
    const lambda::SleepReport& s = r.sleeps[i];
    absl::StrAppendFormat(&out, "%s\n    {\"iteration\": %d, \"corpus_programs\": %d, \"cost_before\": %d, "
                          "\"cost_after\": %d, \"seconds\": %.3f, \"learned\": [", i ? "," : "", s.iteration,
                          s.corpus_programs, s.cost_before, s.cost_after, s.seconds);
    for (size_t j = 0; j < s.learned.size(); ++j) out += (j ? ", " : "") + JsonString(s.learned[j]);
    out += "], \"rejected\": [";
    for (size_t j = 0; j < s.rejected.size(); ++j) out += (j ? ", " : "") + JsonString(s.rejected[j]);
    out += "]}";
  }
  out += "\n  ],\n  \"library\": [";
  for (size_t i = 0; i < r.library.size(); ++i) {
    const lambda::LearnedInvention& l = r.library[i];
    absl::StrAppendFormat(&out, "%s\n    {\"program\": %s, \"type\": %s, \"iteration\": %d, \"uses\": %d}",
                          i ? "," : "", JsonString(l.invention.text), JsonString(l.invention.type.ToString()), l.iteration,
                          l.uses);
  }
  out += "\n  ],\n  \"wakes\": [";
  for (size_t i = 0; i < r.wakes.size(); ++i) {
    const lambda::WakeReport& w = r.wakes[i];
    absl::StrAppendFormat(&out, "%s\n    {\"iteration\": %d, \"solved\": %d, \"library_size\": %d, \"seconds\": %.3f, "
                          "\"interrupted\": %s, \"results\": [", i ? "," : "", w.iteration, w.solved, w.library_size,
                          w.seconds, w.interrupted ? "true" : "false");
    for (size_t j = 0; j < w.tasks.size(); ++j) {
      const lambda::TaskOutcome& t = w.tasks[j];
      absl::StrAppendFormat(&out, "%s\n      {\"task\": %s, \"solved\": %s, \"program\": %s, \"cost\": %d, "
                            "\"candidates\": %d, \"seconds\": %.3f}", j ? "," : "", JsonString(t.name),
                            t.solved ? "true" : "false", JsonString(t.program), t.cost, t.candidates, t.seconds);
    }
    out += "\n    ]}";
  }
  return out + "\n  ]\n}\n";
}

}  // namespace

void AddWakeSleepCommand(CLI::App& app, WakeSleepCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "wake-sleep", "Learn a library from list tasks (DreamCoder's loop): search every task, compress the "
                    "solutions into abstractions, search again; prints JSON");
  cmd->add_option("tasks", options.tasks, "DreamCoder list tasks: a JSON array of {name, type, examples}")
      ->required();
  lambda::WakeSleepOptions& r = options.run;
  cmd->add_option("-k,--iterations", r.iterations, "Wake-sleep cycles (a last wake follows the last sleep)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd->add_option("-b,--budget", r.task_seconds, "Seconds per task per wake")
      ->capture_default_str()
      ->check(AboveZero());
  cmd->add_option("--max-cost", r.max_cost, "Largest program cost a wake enumerates (primitive, variable: 1)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-programs", r.max_programs, "Distinct programs kept per task: the memory bound")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1000}, int64_t{1} << 40));
  cmd->add_option("-a,--arity", r.compression.max_arity, "Arguments an abstraction may take")
      ->capture_default_str()
      ->check(CLI::Range(0, 8));
  cmd->add_option("--abstractions", r.compression.iterations, "Abstractions learned per sleep, at most")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--structure-penalty", r.compression.structure_penalty,
                  "An abstraction's utility loses this times its body's cost")
      ->capture_default_str()
      ->check(AtLeastZero());
  cmd->add_flag("--allow-single-task", r.compression.allow_single_task,
               "Also learn abstractions used in one task's program only (off, as in DreamCoder)");
  cmd->add_option("--sleep-time", r.sleep_seconds, "Seconds compression may take per sleep")
      ->capture_default_str()
      ->check(AboveZero());
  cmd->add_option("--library", options.library_in, "Start from this library (as --save-library writes it)");
  cmd->add_option("--save-library", options.library_out,
                  "Save the learned library: protobuf, binary, or text where the name ends in .txtpb");
  cmd->add_flag("--print-library", options.print_library, "Print the learned library (protobuf text) to stderr");
  cmd->add_option("--threads", options.threads, "Tasks searched at once (0: every core)")
      ->capture_default_str()
      ->check(CLI::Range(0, 4096));
  cmd->add_option("--limit", options.limit_tasks, "Only the first N tasks (0: all)")->check(CLI::Range(0, 1 << 30));
  cmd->add_option("-o,--out", options.out, "Write the JSON result to this file (atomically)");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress lines");
}

int RunWakeSleepCommand(const WakeSleepCommandOptions& options) {
  auto tasks = ReadListTasksFile(options.tasks);
  if (!tasks.ok()) return ReportError(tasks.status());
  // Both outputs are checked now: the run's learning is not lost to a mistyped folder at its end.
  if (absl::Status s = CheckOutputPaths({{"--save-library", options.library_out}, {"-o", options.out}}); !s.ok()) {
    return ReportError(s);
  }
  if (options.limit_tasks > 0 && static_cast<size_t>(options.limit_tasks) < tasks->size()) {
    tasks->resize(options.limit_tasks);
  }
  std::vector<lambda::LearnedInvention> library;
  if (!options.library_in.empty()) {
    auto loaded = lambda::LoadLibrary(options.library_in);
    if (!loaded.ok()) return ReportError(loaded.status());
    library = *std::move(loaded);
  }
  if (!options.quiet) {
    std::cerr << absl::StrFormat("wake-sleep: %d tasks, %d iterations, %gs per task, %d threads, library of %d\n",
                                 tasks->size(), options.run.iterations, options.run.task_seconds,
                                 ThreadsOrEveryCore(options.threads), library.size());
  }
  lambda::WakeSleepProgress progress;
  if (!options.quiet) {
    progress.wake_done = [&](const lambda::WakeReport& w) {
      std::cerr << absl::StrFormat("wake %d: %d/%d solved with %d abstractions, %.1fs\n", w.iteration, w.solved,
                                   w.tasks.size(), w.library_size, w.seconds);
    };
    progress.sleep_done = [&](const lambda::SleepReport& s) {
      std::cerr << absl::StrFormat("sleep %d: %d programs, cost %d -> %d, %d abstractions learned, %.1fs\n",
                                   s.iteration, s.corpus_programs, s.cost_before, s.cost_after, s.learned.size(),
                                   s.seconds);
      for (const std::string& l : s.learned) std::cerr << "  " << l << "\n";
    };
  }
  tbb::task_arena arena(ThreadsOrEveryCore(options.threads));
  lambda::WakeSleepResult result;
  // SIGINT / SIGTERM end the running wake or sleep at its next check; what was learned is written below.
  lambda::WakeSleepOptions run = options.run;
  run.interrupt = StopOnSignals();
  arena.execute([&] { result = lambda::RunWakeSleep(*tasks, library, run, progress); });
  if (result.stop_reason == "interrupted" && !options.quiet) {
    std::cerr << absl::StrFormat("wake-sleep: interrupted after %d wakes and %d sleeps; writing what was learned\n",
                                 result.wakes.size(), result.sleeps.size());
  }
  if (options.print_library) std::cerr << lambda::LibraryText(result.library);
  int code = kExitOk;
  if (!options.library_out.empty()) {
    if (absl::Status s = lambda::SaveLibrary(options.library_out, result.library); !s.ok()) code = ReportError(s);
  }
  return WriteResult(ResultJson(options, tasks->size(), result), options.out, code);
}

int RunListTasks(const std::string& tasks_path, const std::string& library_path, double seconds, int max_cost,
                 int threads, bool quiet) {
  auto tasks = ReadListTasksFile(tasks_path);
  if (!tasks.ok()) return ReportError(tasks.status());
  auto library = lambda::LoadLibrary(library_path);
  if (!library.ok()) return ReportError(library.status());
  lambda::WakeSleepOptions o;
  o.task_seconds = seconds > 0 ? seconds : 10;
  o.max_cost = std::min(max_cost, 64);
  o.interrupt = StopOnSignals();  // tasks not yet searched are skipped, the table printed
  lambda::WakeReport w;
  tbb::task_arena arena(ThreadsOrEveryCore(threads));
  arena.execute([&] { w = lambda::Wake(*tasks, *library, o, 0); });
  for (const lambda::TaskOutcome& t : w.tasks) {
    std::cout << absl::StrFormat("%-50s %-8s %7.3fs  %s\n", t.name, t.solved ? "solved" : "unsolved", t.seconds,
                                 t.program);
  }
  if (!quiet) {
    std::cerr << absl::StrFormat("synth: %d/%d list tasks solved with %d abstractions, %.1fs\n", w.solved,
                                 w.tasks.size(), library->size(), w.seconds);
  }
  return w.solved == static_cast<int>(w.tasks.size()) ? kExitOk : kExitFailed;
}

int RunJsonListTask(const std::string& path, const ExampleTaskSpec& spec, const std::string& library_path,
                    double seconds, int max_cost, bool quiet) {
  if (absl::Status s = CheckExamplesAgree(spec.train); !s.ok()) return ReportError(s);
  std::vector<Example> test;
  const ListTask task = ListTaskFromSpec(spec, path, &test);
  std::vector<lambda::LearnedInvention> library;
  if (!library_path.empty()) {
    auto loaded = lambda::LoadLibrary(library_path);
    if (!loaded.ok()) return ReportError(loaded.status());
    library = *std::move(loaded);
  }
  lambda::SearchOptions o;
  o.deadline = Deadline::AfterSeconds(seconds).StoppedBy(StopOnSignals());
  o.max_cost = std::min(max_cost, 64);
  const auto start = std::chrono::steady_clock::now();
  const lambda::SearchResult r = lambda::SolveListTask(task, lambda::Inventions(library), ListRegistry(), o);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.solved) {
    if (!quiet) {
      std::cerr << absl::StrFormat("synth: %s: not solved (%s) after %d candidates, %.2fs\n", path, r.stop_reason,
                                   r.candidates, elapsed);
    }
    return kExitFailed;
  }
  std::cout << r.program << "\n";
  if (!quiet) {
    std::string held_out;
    if (!test.empty()) {
      std::vector<std::string> names;
      for (const Declaration& d : spec.inputs) names.push_back(d.name);
      int fit = 0;
      auto term = TypeLambdaProgram(*ParseLambdaExpr(r.program), task.request, ListRegistry(), names);
      for (const Example& e : test) {
        std::vector<ValueColumn> in;
        for (const Value& v : e.inputs) in.push_back(ValueColumn::FromValues(v.type(), std::vector<Value>{v}));
        EvalLimits limits;
        limits.deadline = Deadline::In(std::chrono::seconds(10));
        auto out = term.ok() ? Interpreter(limits).Evaluate(**term, in, 1) : absl::StatusOr<ValueColumn>(term.status());
        fit += out.ok() && out->Get(0) == e.output;
      }
      held_out = absl::StrFormat(", fits %d/%d held-out examples", fit, test.size());
    }
    std::cerr << absl::StrFormat("synth: %s: solved, cost %d, %d candidates, %.2fs%s\n", path, r.cost, r.candidates,
                                 elapsed, held_out);
  }
  return kExitOk;
}

}  // namespace progsearch::cli
