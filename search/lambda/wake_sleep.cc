#include "search/lambda/wake_sleep.h"

#include <algorithm>
#include <chrono>

#include "core/deadline.h"
#include "core/str_cat.h"
#include "dsl/domains/domains.h"
#include "search/parallel_for.h"

namespace progsearch::lambda {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}


// Whether an abstraction only restates one primitive, its arguments perhaps reordered, as
// (lambda (lambda (map $1 $0))) does: as a production it would only repeat the primitive's.
bool RestatesPrimitive(const Invention& inv) {
  const LambdaExpr body = InlineInventions(inv.body);
  const LambdaExpr* e = &body;
  int lambdas = 0;
  while (e->kind == LambdaExpr::Kind::kLambda) {
    e = &e->children[0];
    ++lambdas;
  }
  if (e->kind != LambdaExpr::Kind::kApply || e->children[0].kind != LambdaExpr::Kind::kPrimitive) return false;
  if (static_cast<int>(e->children.size()) - 1 != lambdas) return false;
  std::vector<bool> seen(lambdas, false);
  for (size_t i = 1; i < e->children.size(); ++i) {
    const LambdaExpr& a = e->children[i];
    if (a.kind != LambdaExpr::Kind::kIndex || a.index >= lambdas || seen[a.index]) return false;
    seen[a.index] = true;
  }
  return true;
}

// Compresses the best program of every task solved so far and types what it learns.
SleepReport Sleep(const std::vector<TaskOutcome>& best, std::vector<LearnedInvention>& library,
                  const WakeSleepOptions& options, int iteration) {
  const auto start = std::chrono::steady_clock::now();
  SleepReport report;
  report.iteration = iteration;
  library::Corpus corpus;
  for (const TaskOutcome& t : best) {
    if (!t.solved) continue;
    auto id = corpus.pool.Parse(t.program);
    if (!id.ok()) {
      report.rejected.push_back(StrCat(t.program, ": ", std::string(id.status().message())));
      continue;
    }
    corpus.tasks.push_back({*id});
    corpus.task_names.push_back(t.name);
  }
  report.corpus_programs = static_cast<int>(corpus.tasks.size());
  library::CompressionOptions c = options.compression;
  c.deadline = Deadline::In(std::chrono::duration<double>(options.sleep_seconds)).StoppedBy(options.interrupt);
  c.prefix = StrCat("f", iteration, "_");
  const library::CompressionResult r = library::Compress(corpus, c);
  report.cost_before = r.original_cost;
  report.cost_after = r.final_cost;
  for (const library::Abstraction& a : r.abstractions) {
    auto inv = MakeInvention(a.dreamcoder, ListRegistry());
    if (!inv.ok()) {
      report.rejected.push_back(StrCat(a.dreamcoder, ": ", std::string(inv.status().message())));
      continue;
    }
    const bool known = std::any_of(library.begin(), library.end(),
                                   [&](const LearnedInvention& l) { return l.invention.text == inv->text; });
    if (known || RestatesPrimitive(*inv)) {
      report.rejected.push_back(StrCat(inv->text, known ? ": already in the library" : ": restates a primitive"));
      continue;
    }
    report.learned.push_back(inv->text);
    library.push_back(LearnedInvention{*std::move(inv), iteration, a.uses, a.utility});
  }
  report.seconds = SecondsSince(start);
  return report;
}

}  // namespace

std::vector<Invention> Inventions(const std::vector<LearnedInvention>& library) {
  std::vector<Invention> out;
  for (const LearnedInvention& l : library) out.push_back(l.invention);
  return out;
}

WakeReport Wake(const std::vector<ListTask>& tasks, const std::vector<LearnedInvention>& library,
                const WakeSleepOptions& options, int iteration) {
  const auto start = std::chrono::steady_clock::now();
  WakeReport report;
  report.iteration = iteration;
  report.library_size = static_cast<int>(library.size());
  report.tasks.resize(tasks.size());
  const std::vector<Invention> inventions = Inventions(library);
  ParallelFor(0, tasks.size(), [&](size_t i) {
    const auto task_start = std::chrono::steady_clock::now();
    TaskOutcome& t = report.tasks[i];
    t.name = tasks[i].name;
    if (StopRequested(options.interrupt)) return;  // skipped: not searched
    SearchOptions o;
    o.deadline = Deadline::In(std::chrono::duration<double>(options.task_seconds)).StoppedBy(options.interrupt);
    o.max_cost = options.max_cost;
    o.max_programs = options.max_programs;
    const SearchResult r = SolveListTask(tasks[i], inventions, ListRegistry(), o);
    t.solved = r.solved;
    t.program = r.program;
    t.cost = r.cost;
    t.candidates = r.candidates;
    t.seconds = SecondsSince(task_start);
  });
  for (const TaskOutcome& t : report.tasks) report.solved += t.solved;
  report.interrupted = StopRequested(options.interrupt);
  report.seconds = SecondsSince(start);
  return report;
}

WakeSleepResult RunWakeSleep(const std::vector<ListTask>& tasks, std::vector<LearnedInvention> library,
                             const WakeSleepOptions& options, const WakeSleepProgress& progress) {
  WakeSleepResult result;
  std::vector<TaskOutcome> best(tasks.size());
  for (int it = 0; it <= options.iterations; ++it) {
    WakeReport wake = Wake(tasks, library, options, it);
    if (progress.wake_done) progress.wake_done(wake);
    // A task keeps its latest program, written with the newest library, for the next sleep.
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (wake.tasks[i].solved) best[i] = wake.tasks[i];
    }
    result.wakes.push_back(std::move(wake));
    if (it == options.iterations || StopRequested(options.interrupt)) break;
    SleepReport sleep = Sleep(best, library, options, it + 1);
    if (progress.sleep_done) progress.sleep_done(sleep);
    result.sleeps.push_back(std::move(sleep));
    if (StopRequested(options.interrupt)) break;
  }
  if (StopRequested(options.interrupt)) result.stop_reason = "interrupted";
  result.library = std::move(library);
  return result;
}

}  // namespace progsearch::lambda
