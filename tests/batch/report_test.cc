#include "batch/report.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace progsearch::batch {
namespace {

proto::BatchRecord Job(const std::string& config, bool solved, double seconds, int exit_code = 0, bool timed_out = false) {
  proto::BatchRecord r;
  r.set_config(config);
  r.set_solved(solved);
  r.set_seconds(seconds);
  r.set_exit_code(exit_code);
  r.set_timed_out(timed_out);
  return r;
}

TEST_CASE("batch: the report counts each config's jobs, solved ones and their times") {
  ResultSource a{"a", {Job("x", true, 3), Job("x", true, 1), Job("x", false, 9, 1), Job("x", false, 10, 137, true),
                       Job("y", true, 2), Job("y", false, 0.1, 2)}};
  a.records[0].set_output(R"({"task": "t", "status": "solved", "candidates": "120"})" "\n");
  a.records[1].set_output(R"({"candidates": "30"})");
  ResultSource b{"b", {Job("x", true, 5)}};
  const std::vector<ConfigSummary> s = Summarize({a, b});
  REQUIRE(s.size() == 3);
  CHECK(s[0].source == "a");
  CHECK(s[0].config == "x");
  CHECK(s[0].jobs == 4);
  CHECK(s[0].solved == 2);
  CHECK(s[0].timed_out == 1);
  CHECK(s[0].failed == 0);
  CHECK(s[0].solved_times == std::vector<double>{1, 3});
  CHECK(s[0].median_seconds == 2);
  CHECK(s[0].candidates == 150);
  CHECK(s[0].with_candidates == 2);
  CHECK(s[1].config == "y");
  CHECK(s[1].failed == 1);
  CHECK(s[2].source == "b");
  CHECK_THAT(SummaryTable(s), Catch::Contains("| a | x | 4 | 2 (50.0%) | 1 | 0 | 2.000 | 4.00 | 150 |"));
  CHECK_THAT(SummaryJson(s), Catch::Contains(R"("source": "b", "config": "x", "jobs": 1, "solved": 1)"));
}

TEST_CASE("batch: another solver's CSV results are read, and bad ones refused with the line") {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("progsearch-report-" + std::to_string(::getpid()) + ".csv");
  auto read = [&](const std::string& text) {
    std::ofstream(path) << text;
    return ReadResultsCsv(path.string());
  };
  auto ok = read("seconds,task,solved,config\n1.5,a.sl,yes,cvc5\n\n10,b.sl,0,cvc5\n");
  REQUIRE(ok.ok());
  REQUIRE(ok->size() == 2);
  CHECK((*ok)[0].task() == "a.sl");
  CHECK((*ok)[0].solved());
  CHECK((*ok)[0].seconds() == 1.5);
  CHECK_FALSE((*ok)[1].solved());
  auto reason = [&](const std::string& text) {
    auto r = read(text);
    REQUIRE_FALSE(r.ok());
    return std::string(r.status().message());
  };
  CHECK_THAT(reason("task,config,seconds\n"), Catch::Contains(":1: the header has no column 'solved'"));
  CHECK_THAT(reason("task,config,solved,seconds\na,b,maybe,1\n"), Catch::Contains(":2: solved is 'maybe'"));
  CHECK_THAT(reason("task,config,solved,seconds\na,b,1,1\na,b,1\n"), Catch::Contains(":3: 3 cells"));
  CHECK_THAT(reason("task,config,solved,seconds\na,b,1,fast\n"), Catch::Contains(":2: seconds is 'fast'"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace progsearch::batch
