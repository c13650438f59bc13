#include "search/library/compression.h"

#include <atomic>
#include <catch2/catch.hpp>

#include "formats/json.h"
#include "core/read_file.h"
#include "search/library/abstraction_search.h"
#include "tbb/task_arena.h"
#include "tests/shared_dir.h"

namespace progsearch::library {
namespace {

Corpus MustRead(std::string_view json) {
  auto corpus = ParseCorpus(json, "test.json");
  INFO(corpus.status());
  REQUIRE(corpus.ok());
  return std::move(*corpus);
}

std::string ExpectedDir() { return testing::SharedDir() + "/benchmarks/compression/expected/"; }

JsonValue ReadExpected(const std::string& name) {
  auto text = ReadFileToString(ExpectedDir() + name);
  REQUIRE(text.ok());
  auto json = ParseJson(*text, name);
  REQUIRE(json.ok());
  return std::move(*json);
}

// Every rewritten program, its abstractions inlined again, is the program it replaced.
void CheckMeaningKept(Corpus& corpus, const std::vector<std::vector<NodeId>>& original, const CompressionResult& r) {
  REQUIRE(r.rewritten.size() == original.size());
  for (size_t t = 0; t < original.size(); ++t) {
    for (size_t p = 0; p < original[t].size(); ++p) {
      INFO(corpus.pool.Print(r.rewritten[t][p]));
      CHECK(InlineAbstractions(corpus.pool, r.rewritten[t][p], r.abstractions) == original[t][p]);
    }
  }
}

// An abstraction's utility is the cost it saved minus its body's cost with arguments free.
void CheckUtilities(Corpus& corpus, const CompressionResult& r, double penalty) {
  int64_t before = r.original_cost;
  for (const Abstraction& a : r.abstractions) {
    int64_t body = corpus.pool.node(a.body).cost;
    for (int k = 0; k < a.arity; ++k) {
      // Each use of #k costs as an argument marker, not as part of the body.
      auto marker = corpus.pool.Parse("#" + std::to_string(k));
      REQUIRE(marker.ok());
      const std::string text = a.body_text;
      size_t uses = 0;
      for (size_t at = text.find("#" + std::to_string(k)); at != std::string::npos;
           at = text.find("#" + std::to_string(k), at + 1)) {
        ++uses;
      }
      body -= static_cast<int64_t>(uses) * corpus.pool.costs().ivar;
    }
    INFO(a.name << " " << a.body_text);
    CHECK(a.utility == Approx(static_cast<double>(before - a.cost_after) - penalty * static_cast<double>(body)));
    CHECK(a.utility > 0);
    before = a.cost_after;
  }
}

TEST_CASE("compression: Stitch's expected results on the simple corpora") {
  for (int i = 1; i <= 5; ++i) {
    const std::string name = "simple" + std::to_string(i) + "-a1-i1.json";
    const JsonValue expected = ReadExpected(name);
    std::string programs = "[";
    for (const JsonValue& p : expected.Find("original")->items) programs += (programs.size() > 1 ? ",\"" : "\"") + p.text + "\"";
    Corpus corpus = MustRead(programs + "]");
    const auto original = corpus.tasks;
    const CompressionResult r = Compress(corpus, {.max_arity = 1, .iterations = 1});
    INFO(name);
    CHECK(r.original_cost == std::stoll(expected.Find("original_cost")->text));
    CHECK(r.final_cost == std::stoll(expected.Find("final_cost")->text));
    const auto& abstractions = expected.Find("abstractions")->items;
    REQUIRE(r.abstractions.size() == abstractions.size());
    for (size_t k = 0; k < abstractions.size(); ++k) {
      CHECK(r.abstractions[k].body_text == abstractions[k].Find("body")->text);
      CHECK(r.abstractions[k].dreamcoder == abstractions[k].Find("dreamcoder")->text);
      CHECK(r.abstractions[k].utility == std::stod(abstractions[k].Find("utility")->text));
      CHECK(r.abstractions[k].uses == std::stoll(abstractions[k].Find("num_uses")->text));
    }
    for (size_t p = 0; p < r.rewritten.size(); ++p) {
      CHECK(corpus.pool.Print(r.rewritten[p][0]) == expected.Find("rewritten")->items[p].text);
    }
    CheckMeaningKept(corpus, original, r);
  }
}

TEST_CASE("compression: the best abstraction of a small corpus is the one worked out by hand") {
  Corpus corpus = MustRead(R"j(["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)", "(baz A)"])j");
  const auto original = corpus.tasks;
  const CompressionResult r = Compress(corpus, {.max_arity = 1, .iterations = 3});
  REQUIRE(r.abstractions.size() == 1);  // nothing else repeats
  // Applications are curried, so (foo (bar 1 2 3)) is a sub-tree of each program: taking no argument,
  // it saves one application in the body over (foo (bar 1 2 3) #0). Each use (fn_0 X) costs 201
  // instead of 605; the body costs 504.
  CHECK(r.abstractions[0].body_text == "(foo (bar 1 2 3))");
  CHECK(r.abstractions[0].arity == 0);
  CHECK(r.abstractions[0].uses == 3);
  CHECK(r.final_cost == r.original_cost - 3 * (605 - 201));
  CHECK(r.abstractions[0].utility == 3 * (605 - 201) - 504);
  CheckMeaningKept(corpus, original, r);
  CheckUtilities(corpus, r, 1.0);
}

TEST_CASE("compression: why it stopped is always said, and an interrupt keeps what was learned") {
  Corpus corpus = MustRead(R"j(["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)", "(baz A)"])j");
  CHECK(Compress(corpus, {.max_arity = 1, .iterations = 3}).stop_reason == "no abstraction shortens the corpus further");
  Corpus again = MustRead(R"j(["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)", "(baz A)"])j");
  CHECK(Compress(again, {.max_arity = 1, .iterations = 1}).stop_reason == "the iteration budget was reached");
  Corpus stopped = MustRead(R"j(["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)", "(baz A)"])j");
  std::atomic<bool> stop{true};
  CompressionOptions options{.max_arity = 1, .iterations = 3};
  options.deadline = Deadline::Never().StoppedBy(&stop);
  const CompressionResult r = Compress(stopped, options);
  CHECK(r.stop_reason.rfind("interrupted", 0) == 0);
  CHECK(r.abstractions.size() <= 1);
}

TEST_CASE("compression: arity 0 learns a repeated closed sub-tree") {
  Corpus corpus = MustRead(R"j(["(f (g h i j))", "(k (g h i j))"])j");
  const CompressionResult r = Compress(corpus, {.max_arity = 0, .iterations = 5});
  REQUIRE(r.abstractions.size() == 1);
  CHECK(r.abstractions[0].body_text == "(g h i j)");
  CHECK(r.abstractions[0].arity == 0);
}

TEST_CASE("compression: an argument never captures a variable the abstraction binds") {
  // (lam (f #0)) would need #0 := (g $0), whose $0 is the abstraction's own lambda: not allowed. The
  // repeated part that can be abstracted keeps the lambda and its variable inside the body.
  Corpus corpus = MustRead(R"j(["(lam (f (g $0) a b c))", "(lam (f (g $0) d e k))", "(lam (f (h $0) a b c))"])j");
  const auto original = corpus.tasks;
  const CompressionResult r = Compress(corpus, {.max_arity = 3, .iterations = 3});
  REQUIRE_FALSE(r.abstractions.empty());
  for (const Abstraction& a : r.abstractions) {
    INFO(a.body_text);
    // Every $i in a body is bound inside it.
    auto body = corpus.pool.Parse(a.body_text);
    REQUIRE(body.ok());
    CHECK(corpus.pool.node(*body).free_vars == 0);
  }
  CheckMeaningKept(corpus, original, r);
}

TEST_CASE("compression: a variable bound outside the abstraction becomes an argument, shifted") {
  Corpus corpus = MustRead(
      R"j(["(lam (lam (f $1 (g a b c d))))", "(lam (lam (f $0 (g a b c d))))", "(lam (q (lam (f $1 (g a b c d)))))"])j");
  const auto original = corpus.tasks;
  const CompressionResult r = Compress(corpus, {.max_arity = 1, .iterations = 1});
  REQUIRE(r.abstractions.size() == 1);
  CHECK(r.abstractions[0].body_text == "(f #0 (g a b c d))");
  CHECK(corpus.pool.Print(r.rewritten[0][0]) == "(lam (lam (fn_0 $1)))");
  CheckMeaningKept(corpus, original, r);
}

TEST_CASE("compression: a task costs its cheapest program, before and after") {
  Corpus corpus = MustRead(R"j({"frontiers": [
      {"task": "a", "programs": [{"program": "(f (g 1 2 3) x)"}, {"program": "(h x)"}]},
      {"task": "b", "programs": [{"program": "(f (g 1 2 3) y)"}]},
      {"task": "c", "programs": [{"program": "(f (g 1 2 3) z)"}]}]})j");
  const auto original = corpus.tasks;
  CHECK(CorpusCost(corpus.pool, corpus.tasks) == 201 + 2 * 605);
  const CompressionResult r = Compress(corpus, {.max_arity = 1, .iterations = 1});
  REQUIRE(r.abstractions.size() == 1);
  CHECK(r.final_cost == 201 + 2 * 201);  // task a keeps (h x), as cheap as a use
  CheckMeaningKept(corpus, original, r);
}

TEST_CASE("compression: an abstraction used in one task only is learned only when asked") {
  // (f (g 1 2 3) #0) repeats, but inside task a alone.
  const std::string_view json = R"j({"frontiers": [
      {"task": "a", "programs": [{"program": "(p (f (g 1 2 3) x) (f (g 1 2 3) y) (f (g 1 2 3) z))"}]},
      {"task": "b", "programs": [{"program": "(h x)"}]}]})j";
  Corpus corpus = MustRead(json);
  CHECK(Compress(corpus, {.max_arity = 1, .iterations = 2}).abstractions.empty());
  Corpus again = MustRead(json);
  const auto original = again.tasks;
  const CompressionResult r = Compress(again, {.max_arity = 1, .iterations = 2, .allow_single_task = true});
  REQUIRE_FALSE(r.abstractions.empty());
  CHECK(r.abstractions[0].uses == 3);
  CheckMeaningKept(again, original, r);
}

TEST_CASE("compression: the shared CAD and LOGO corpora compress at least as well as Stitch, meaning kept") {
  struct Case {
    std::string corpus, expected;
    int arity;
  };
  for (const Case& c : std::vector<Case>{{"nuts-bolts", "nuts-bolts-a3-i10.json", 3},
                                         {"logo_iteration_1", "logo_iteration_1-a3-i10.json", 3},
                                         {"dials", "dials-a2-i10.json", 2},
                                         {"bridge", "bridge-a2-i10.json", 2}}) {
    INFO(c.corpus);
    auto corpus = ReadCorpusFile(testing::SharedDir() + "/benchmarks/compression/corpora/" + c.corpus + ".json");
    REQUIRE(corpus.ok());
    const auto original = corpus->tasks;
    const CompressionResult r = Compress(*corpus, {.max_arity = c.arity, .iterations = 10});
    const JsonValue expected = ReadExpected(c.expected);
    CHECK(r.original_cost == std::stoll(expected.Find("original_cost")->text));
    CHECK(r.final_cost <= std::stoll(expected.Find("final_cost")->text));
    CheckMeaningKept(*corpus, original, r);
    CheckUtilities(*corpus, r, 1.0);
  }
}

TEST_CASE("compression: the abstractions learned do not depend on the number of threads") {
  auto run = [](int threads) {
    auto corpus = ReadCorpusFile(testing::SharedDir() + "/benchmarks/compression/corpora/wheels.json");
    REQUIRE(corpus.ok());
    tbb::task_arena arena(threads);
    CompressionResult r;
    arena.execute([&] { r = Compress(*corpus, {.max_arity = 2, .iterations = 4}); });
    std::vector<std::string> out;
    for (const Abstraction& a : r.abstractions) out.push_back(a.body_text + " " + std::to_string(a.utility));
    for (const auto& task : r.rewritten) out.push_back(corpus->pool.Print(task[0]));
    return out;
  };
  const std::vector<std::string> one = run(1);
  REQUIRE(one.size() > 4);
  CHECK(run(2) == one);
  CHECK(run(4) == one);
}

TEST_CASE("compression: depth first past the memory budget finds the same abstraction") {
  auto corpus = ReadCorpusFile(testing::SharedDir() + "/benchmarks/compression/corpora/nuts-bolts.json");
  REQUIRE(corpus.ok());
  AbstractionSearch best_first(corpus->pool, corpus->tasks, {3, 1.0});
  const auto a = best_first.Run();
  AbstractionSearch depth_first(corpus->pool, corpus->tasks, {3, 1.0});
  depth_first.set_max_stored_bytes(0);  // every pattern after the first is refined depth first
  const auto b = depth_first.Run();
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->utility == b->utility);
  CHECK(a->locations.size() == b->locations.size());
  CHECK(depth_first.patterns_expanded() != best_first.patterns_expanded());
}

}  // namespace
}  // namespace progsearch::library
