// The public API's synthesis, used through include/progsearch/ only.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "progsearch/progsearch.h"

namespace progsearch {

TEST_CASE("synthesis from examples returns a program that reproduces them", "[threads][api][synthesize]") {
  ExampleTask task;
  task.inputs = {{"name", ValueKind::kString}};
  task.output = ValueKind::kString;
  auto example = [](const char* in, const char* out) { return IOExample{{std::string(in)}, std::string(out)}; };
  task.train = {example("Ada Lovelace", "Dr. Ada"), example("Alan Turing", "Dr. Alan"),
                example("Grace Hopper", "Dr. Grace"), example("Edsger Dijkstra", "Dr. Edsger"),
                example("Barbara Liskov", "Dr. Barbara")};
  task.test = {example("Donald Knuth", "Dr. Donald")};
  task.constants = {std::string("Dr. ")};
  SynthesisOptions options;
  options.timeout_seconds = 30;
  const SynthesisResult r = SynthesizeExamples(task, options);
  INFO(r.status << " " << r.solution);
  REQUIRE(r.solved);
  CHECK(r.checked == "examples");
  REQUIRE(r.programs.size() == 1);
  CHECK(std::get<std::string>(r.programs[0]({std::string("Niklaus Wirth")})) == "Dr. Niklaus");
  CHECK(r.test_total == 1);
  CHECK(r.test_passed == 1);
  CHECK(r.solution.rfind("(define-fun f ((name String)) String", 0) == 0);
}

TEST_CASE("text is UTF-8 and programs count characters", "[threads][api][synthesize]") {
  ExampleTask task;
  task.inputs = {{"name", ValueKind::kString}};
  task.output = ValueKind::kString;
  auto example = [](const char* in, const char* out) { return IOExample{{std::string(in)}, std::string(out)}; };
  task.train = {example("Jos\u00e9 Garc\u00eda", "Jos\u00e9"), example("Zo\u00eb \u00c5ngstr\u00f6m", "Zo\u00eb"),
                example("Ada Lovelace", "Ada"), example("\u0141ukasz \u017bak", "\u0141ukasz"),
                example("Bj\u00f6rn Ek", "Bj\u00f6rn"), example("Al Khwarizmi", "Al"),
                example("Fran\u00e7oise Barr\u00e9-Sinoussi", "Fran\u00e7oise")};
  SynthesisOptions options;
  options.timeout_seconds = 30;
  const SynthesisResult r = SynthesizeExamples(task, options);
  INFO(r.status << " " << r.solution);
  REQUIRE(r.solved);
  CHECK(std::get<std::string>(r.programs[0]({std::string("Chlo\u00e9 Dupr\u00e9")})) == "Chlo\u00e9");
  const SearchSpace space = SearchSpace::Domain("strings", {{"s", ValueKind::kString}}, ValueKind::kInt);
  const Program length = space.Parse("(str.len s)");
  CHECK(std::get<int64_t>(length({std::string("\U0001F600 \u00e9")})) == 3);
  CHECK_THROWS_WITH(length({std::string("ab\xff")}), Catch::Contains("invalid UTF-8 at byte 2"));
  CHECK_THROWS_WITH(length({std::string("\xf3\xa0\x80\x81")}), Catch::Contains("beyond SMT-LIB's largest character"));
}

TEST_CASE("the synthesis progress callback sees the search and can end it", "[threads][api][synthesize]") {
  ExampleTask task;
  task.inputs = {{"a", ValueKind::kString}};
  task.output = ValueKind::kString;
  // No program of the grammar maps these: only the callback (or the minute) ends the search.
  task.train = {{{std::string("ab")}, std::string("x1")}, {{std::string("cd")}, std::string("y2")}};
  SynthesisOptions options;
  options.timeout_seconds = 60;
  std::vector<SynthesisProgress> seen;
  options.progress = [&seen](const SynthesisProgress& p) {
    seen.push_back(p);
    return seen.size() < 3;
  };
  const SynthesisResult r = SynthesizeExamples(task, options);
  CHECK(r.status == "interrupted");
  CHECK_FALSE(r.solved);
  REQUIRE(seen.size() == 3);
  // Called on a steady beat from the start: the search's counts arrive after its first half second.
  CHECK(seen[2].candidates > 0);
  CHECK(seen[2].candidates >= seen[0].candidates);
  CHECK(seen[0].seconds < seen[2].seconds);
  CHECK(seen[2].seconds < 10);
}

TEST_CASE("synthesis from a SyGuS spec is proved", "[threads][api][synthesize]") {
  const SynthesisResult r = SynthesizeSygus(R"(
    (set-logic LIA)
    (synth-fun max2 ((x Int) (y Int)) Int)
    (declare-var x Int) (declare-var y Int)
    (constraint (>= (max2 x y) x)) (constraint (>= (max2 x y) y))
    (constraint (or (= x (max2 x y)) (= y (max2 x y)))))");
  INFO(r.status << " " << r.solution);
  REQUIRE(r.solved);
  CHECK(r.checked == "proved");
  CHECK(std::get<int64_t>(r.programs[0]({int64_t{3}, int64_t{-7}})) == 3);
}

TEST_CASE("bad synthesis input is refused with where and why", "[threads][api][synthesize]") {
  CHECK_THROWS_WITH(SynthesizeFile("/nonexistent/task.sl"), Catch::Contains("cannot open"));
  CHECK_THROWS_WITH(SynthesizeSygus("(synth-fun f"), Catch::Contains("<sygus>:1:1"));
  ExampleTask task;
  task.inputs = {{"x", ValueKind::kInt}};
  task.output = ValueKind::kInt;
  task.train = {{{std::string("a")}, int64_t{1}}};
  CHECK_THROWS_WITH(SynthesizeExamples(task), Catch::Contains("expected a Int"));
  task.train = {{{int64_t{1}}, int64_t{1}}};
  task.domain = "excel";
  CHECK_THROWS_WITH(SynthesizeExamples(task), Catch::Contains("domain"));
}

TEST_CASE("discover returns a front of programs of x better than the minimax polynomials", "[threads][api][discover]") {
  DiscoverOptions options;
  options.max_ops = 6;
  options.max_cycles = 300;
  options.threads = 1;
  options.dense_points = 20001;  // a million by default: seconds, more under the sanitizers
  const DiscoverResult r = Discover("exp", options);
  REQUIRE_FALSE(r.front.empty());
  CHECK(r.stop_reason == "cycles");
  const ApproximationPoint& best = r.front.back();
  CHECK(best.ops <= 6);
  CHECK(best.max_rel_error < 1e-3);
  // Checked again at 20001 points against MPFR: the grid's figure, to the few digits its spacing allows.
  CHECK(best.dense_max_rel_error == Approx(best.max_rel_error).epsilon(0.01));
  CHECK(r.minimax.front().dense_max_rel_error == -1);  // baselines are not checked
  CHECK(std::get<double>(best.program({0.5})) == Approx(1.6487212707).epsilon(1e-3));
  CHECK(best.program.ToC().find("x") != std::string::npos);
  REQUIRE_FALSE(r.minimax.empty());
  CHECK_THROWS_WITH(Discover("exq"), Catch::Contains("exq"));
  options.low = 1;
  options.high = 0;
  CHECK_THROWS_AS(Discover("exp", options), Error);
}

TEST_CASE("the guide is chosen per task and can be turned off", "[threads][api][synthesize]") {
  const std::string task = PROGSEARCH_SOURCE_DIR "/examples/doctor-names.sl";
  SynthesisOptions options;
  options.guide = "off";
  const SynthesisResult off = SynthesizeFile(task, options);
  REQUIRE(off.solved);
  CHECK(off.guide == "off");
  // The bundled strings model guides it by default, on the CPU here.
  const SynthesisResult guided = SynthesizeFile(task);
  REQUIRE(guided.solved);
  CHECK(guided.guide.find("strings.guide") != std::string::npos);
  options.guide = "sometimes";
  CHECK_THROWS_WITH(SynthesizeFile(task, options), Catch::Contains("guide must be"));
  options.guide = "cpu";
  options.guide_model = "/nonexistent/model.guide";
  CHECK_THROWS_WITH(SynthesizeFile(task, options), Catch::Contains("cannot open"));
}

TEST_CASE("bit-vector programs take and give BitVec values", "[threads][api][synthesize]") {
  const SynthesisResult r = SynthesizeSygus(R"((set-logic BV)
(synth-fun f ((x (_ BitVec 8))) (_ BitVec 8) ((Start (_ BitVec 8) (x #x01 (bvadd Start Start)))))
(constraint (= (f #x01) #x02))
(constraint (= (f #xff) #x00)))");
  REQUIRE(r.solved);
  const Program& f = r.programs[0];
  CHECK(f.variables()[0].second == ValueKind::kBitVec);
  CHECK(f.variable_widths() == std::vector<int>{8});
  CHECK(f.result_width() == 8);
  CHECK(std::get<BitVec>(f({BitVec{5, 8}})) == BitVec{6, 8});
  CHECK(std::get<BitVec>(f({BitVec{255, 8}})) == BitVec{0, 8});
  CHECK_THROWS_WITH(f({BitVec{5, 16}}), Catch::Contains("expected a (_ BitVec 8), got a (_ BitVec 16)"));
  CHECK_THROWS_WITH(f({BitVec{256, 8}}), Catch::Contains("256 does not fit in 8 bits"));
  CHECK_THROWS_WITH(f({int64_t{5}}), Catch::Contains("expected a BitVec value, got a Int"));
  CHECK_THROWS_WITH(SearchSpace({{"v", ValueKind::kBitVec}}, ValueKind::kBitVec), Catch::Contains("width"));
}

TEST_CASE("contradictory examples are refused at once, both named", "[threads][api][synthesize]") {
  ExampleTask task;
  task.inputs = {{"a", ValueKind::kString}};
  task.train = {{{std::string("x")}, std::string("1")}, {{std::string("y")}, std::string("2")},
                {{std::string("x")}, std::string("3")}};
  SynthesisOptions options;
  options.timeout_seconds = 60;
  CHECK_THROWS_WITH(SynthesizeExamples(task, options),
                    Catch::Contains("training example 0 and training example 2: the same inputs (\"x\") with "
                                    "different outputs, \"1\" and \"3\""));
}

TEST_CASE("a guided answer is followed by an unguided search for a smaller one", "[threads][api][synthesize]") {
  ExampleTask task;
  task.inputs = {{"name", ValueKind::kString}};
  auto example = [](const char* in, const char* out) { return IOExample{{std::string(in)}, std::string(out)}; };
  task.train = {example("Ada Lovelace", "Dr. Ada"), example("Alan Turing", "Dr. Alan"), example("Grace Hopper", "Dr. Grace")};
  task.constants = {std::string("Dr. ")};
  SynthesisOptions options;
  options.timeout_seconds = 30;
  const SynthesisResult guided = SynthesizeExamples(task, options);
  REQUIRE(guided.solved);
  CHECK(guided.size > 0);
  if (guided.guide.rfind("off", 0) != 0) CHECK(guided.guided_size >= guided.size);
  options.smaller_answer_budget = 0;
  CHECK(SynthesizeExamples(task, options).guided_size == 0);
  options.smaller_answer_budget = 1;
  options.guide = "off";
  const SynthesisResult off = SynthesizeExamples(task, options);
  CHECK(off.guided_size == 0);
  CHECK(off.size <= guided.size);
  // The searches for a smaller answer count in the run's budgets: never more than max_candidates.
  options.guide = "auto";
  options.max_candidates = 3000;
  const SynthesisResult capped = SynthesizeExamples(task, options);
  CHECK(capped.candidates <= 3000 + 4096);  // a batch may overrun the budget by its size
}

TEST_CASE("progress is called on a steady beat for spec tasks too, and any limit size works", "[threads][api][synthesize]") {
  SynthesisOptions options;
  options.timeout_seconds = 1e10;  // overflowed into a deadline already past before
  int calls = 0;
  options.progress = [&calls](const SynthesisProgress&) { return ++calls < 1000; };
  const SynthesisResult r = SynthesizeSygus(R"(
    (set-logic LIA)
    (synth-fun max2 ((x Int) (y Int)) Int)
    (declare-var x Int) (declare-var y Int)
    (constraint (>= (max2 x y) x)) (constraint (>= (max2 x y) y))
    (constraint (or (= x (max2 x y)) (= y (max2 x y)))))", options);
  CHECK(r.solved);
  // A spec task whose enumeration runs for minutes: the first beat ends it.
  options.progress = [](const SynthesisProgress&) { return false; };
  const auto start = std::chrono::steady_clock::now();
  CHECK(SynthesizeSygus(R"(
    (set-logic LIA)
    (synth-fun f ((x Int) (y Int)) Int ((Start Int (x y 1 (+ Start Start) (* Start Start) (ite B Start Start)))
                                      (B Bool ((< Start Start)))))
    (declare-var x Int) (declare-var y Int)
    (constraint (= (f x y) (+ (* x x y) (* 3 y y) 7))))", options).status == "interrupted");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("discover reports its phases and stops when progress says so", "[threads][api][discover]") {
  DiscoverOptions o;
  o.seconds = 60;
  o.max_ops = 6;
  o.threads = 1;
  o.dense_points = 100000;
  std::vector<std::string> phases;
  o.progress = [&phases](const DiscoverProgress& p) {
    phases.push_back(p.phase);
    return p.seconds < 1.0;
  };
  const DiscoverResult r = Discover("exp", o);
  CHECK(r.stop_reason == "interrupted");
  REQUIRE_FALSE(phases.empty());
  CHECK(phases[0] == "search");
  CHECK(r.seconds < 10);
}

}  // namespace progsearch

