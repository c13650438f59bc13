#include "search/lambda/wake_sleep.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "tests/search/lambda/list_helpers.h"
#include "search/lambda/library_file.h"

namespace progsearch::lambda {
namespace {

using testing::IL;
using testing::kInt;
using testing::kIntList;
using testing::Solves;

ListTask AddK(int64_t k) {
  return testing::IntListTask("add " + std::to_string(k), kIntList, {{3, 1, 4}, {1, 5}, {9, 2, 6, 5}, {}, {0}},
                              [k](std::vector<int64_t> xs) {
                                for (int64_t& x : xs) x += k;
                                return IL(xs);
                              });
}

}  // namespace

TEST_CASE("learning abstractions solves tasks the primitives alone do not reach", "[search][lambda][wake_sleep]") {
  const std::vector<ListTask> tasks = {AddK(1), AddK(2), AddK(3), AddK(4)};
  WakeSleepOptions o;
  o.iterations = 1;
  o.task_seconds = 30;  // the cost bound ends each search first
  o.max_cost = 7;
  o.compression.max_arity = 2;
  const WakeSleepResult r = RunWakeSleep(tasks, {}, o);
  REQUIRE(r.wakes.size() == 2);
  REQUIRE(r.sleeps.size() == 1);
  CHECK(r.wakes[0].solved == 2);  // add 3 needs (+ 1 (+ 1 1)): cost 9
  CHECK(r.wakes[1].solved > 2);
  CHECK_FALSE(r.library.empty());
  CHECK(r.sleeps[0].cost_after < r.sleeps[0].cost_before);
  for (const TaskOutcome& t : r.wakes[1].tasks) {
    if (!t.solved) continue;
    INFO(t.program);
    const auto it = std::find_if(tasks.begin(), tasks.end(), [&](const ListTask& x) { return x.name == t.name; });
    CHECK(Solves(t.program, *it));  // abstractions inlined, the program still maps inputs to outputs
  }
}

TEST_CASE("an interrupt keeps the wakes, sleeps and library learned so far", "[search][lambda][wake_sleep]") {
  const std::vector<ListTask> tasks = {AddK(1), AddK(2), AddK(3), AddK(4)};
  WakeSleepOptions o;
  o.iterations = 3;
  o.task_seconds = 30;
  o.max_cost = 7;
  std::atomic<bool> stop{false};
  o.interrupt = &stop;
  WakeSleepProgress progress;
  // Interrupted once the first sleep is done: the second wake is cut short, and nothing runs after it.
  progress.sleep_done = [&](const SleepReport&) { stop = true; };
  const WakeSleepResult r = RunWakeSleep(tasks, {}, o, progress);
  CHECK(r.stop_reason == "interrupted");
  REQUIRE(r.sleeps.size() == 1);
  CHECK(r.wakes.size() == 1);  // the loop stops before a wake with the flag already set
  CHECK_FALSE(r.library.empty());  // what the sleep learned is kept
  CHECK_FALSE(r.wakes[0].interrupted);
  // A flag set before the run: the first wake skips every task, nothing is learned.
  std::atomic<bool> early{true};
  o.interrupt = &early;
  const WakeSleepResult none = RunWakeSleep(tasks, {}, o);
  CHECK(none.stop_reason == "interrupted");
  REQUIRE(none.wakes.size() == 1);
  CHECK(none.wakes[0].interrupted);
  CHECK(none.wakes[0].solved == 0);
  CHECK(none.sleeps.empty());
  o.interrupt = nullptr;
  o.iterations = 0;
  CHECK(RunWakeSleep(tasks, {}, o).stop_reason == "done");
}

TEST_CASE("a library saves and loads in both formats", "[search][lambda][wake_sleep]") {
  auto inv = MakeInvention("#(lambda (lambda (map (lambda (+ $0 $2)) $0)))", ListRegistry());
  REQUIRE(inv.ok());
  const std::vector<LearnedInvention> library = {LearnedInvention{*inv, 1, 7, 250.5}};
  const auto dir = std::filesystem::temp_directory_path();
  for (const char* name : {"progsearch_library_test.pb", "progsearch_library_test.txtpb"}) {
    const std::string path = (dir / name).string();
    REQUIRE(SaveLibrary(path, library).ok());
    auto back = LoadLibrary(path);
    REQUIRE(back.ok());
    REQUIRE(back->size() == 1);
    CHECK((*back)[0].invention.text == inv->text);
    CHECK((*back)[0].invention.type == inv->type);
    CHECK((*back)[0].uses == 7);
    std::filesystem::remove(path);
  }
  CHECK(LibraryText(library).find("type: \"(-> Int (List Int) (List Int))\"") != std::string::npos);
}

TEST_CASE("a damaged or foreign library file is refused with the reason", "[search][lambda][wake_sleep]") {
  const std::string path = (std::filesystem::temp_directory_path() / "progsearch_bad_library.txtpb").string();
  {
    std::ofstream f(path);
    f << "domain: \"lists\" abstractions { program: \"#(lambda (car $0 $0))\" }";
  }
  auto bad = LoadLibrary(path);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == path + ": abstraction 1: column 10: 'car' takes 1 arguments, not 2");
  {
    std::ofstream f(path);
    f << "domain: \"strings\"";
  }
  CHECK(LoadLibrary(path).status().message() == path + ": a library of domain 'strings'; only 'lists' is known");
  {
    std::ofstream f(path);
    f << "this is not a protobuf";
  }
  CHECK(LoadLibrary(path).status().message() ==
        path + ":1:6: Message type \"progsearch.proto.LearnedLibrary\" has no field named \"this\". (not a learned "
               "library, proto LearnedLibrary)");
  std::filesystem::remove(path);
}

}  // namespace progsearch::lambda

namespace progsearch::lambda {

TEST_CASE("rewriting with learned abstractions keeps every list program's meaning", "[search][lambda][wake_sleep]") {
  const std::vector<std::string> programs = {
      "(lambda (map (lambda (+ $0 (+ 1 1))) (filter (lambda (gt? $0 1)) $0)))",
      "(lambda (map (lambda (* $0 (+ 1 1))) (filter (lambda (gt? $0 1)) $0)))",
      "(lambda (map (lambda (- $0 1)) (filter (lambda (gt? $0 1)) (cdr $0))))",
      "(lambda (fold (filter (lambda (gt? $0 1)) $0) 0 (lambda (lambda (+ $0 $1)))))",
      "(lambda (fold (cdr $0) 0 (lambda (lambda (+ $0 (+ 1 1))))))",
      "(lambda (length (filter (lambda (gt? $0 (+ 1 1))) $0)))"};
  library::Corpus corpus;
  for (const std::string& p : programs) {
    auto id = corpus.pool.Parse(p);
    REQUIRE(id.ok());
    corpus.tasks.push_back({*id});
  }
  library::CompressionOptions o;
  o.max_arity = 2;
  o.iterations = 3;
  const library::CompressionResult r = library::Compress(corpus, o);
  REQUIRE_FALSE(r.abstractions.empty());
  const std::vector<Value> inputs = {IL({3, 1, 4, 1, 5}), IL({7, 7}), IL({2}), IL({9, 2, 6})};
  std::vector<ValueColumn> columns = {ValueColumn::FromValues(kIntList, inputs)};
  auto eval = [&](const std::string& text, const Type& request) -> absl::StatusOr<ValueColumn> {
    auto e = ParseLambdaExpr(text);
    if (!e.ok()) return e.status();
    auto term = TypeLambdaProgram(*e, request, ListRegistry(), {"x"});
    if (!term.ok()) return term.status();
    return Interpreter().Evaluate(**term, columns, inputs.size());
  };
  for (size_t i = 0; i < programs.size(); ++i) {
    // The rewritten program with each abstraction's name replaced by its inline DreamCoder form.
    std::string rewritten = corpus.pool.Print(r.rewritten[i][0]);
    for (size_t k = r.abstractions.size(); k-- > 0;) {
      const library::Abstraction& a = r.abstractions[k];
      for (size_t at; (at = rewritten.find(a.name)) != std::string::npos;) rewritten.replace(at, a.name.size(), a.dreamcoder);
    }
    INFO(programs[i] << "  rewritten  " << rewritten);
    const Type request = Type::Function({kIntList}, i >= 3 ? kInt : kIntList);
    auto before = eval(programs[i], request);
    auto after = eval(rewritten, request);
    REQUIRE(before.ok());
    REQUIRE(after.ok());
    CHECK(*before == *after);
  }
}

}  // namespace progsearch::lambda
