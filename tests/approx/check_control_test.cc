// The long checks after a search report their progress and stop when asked.
#include <atomic>
#include <catch2/catch.hpp>

#include "approx/check_control.h"
#include "approx/dense_check.h"
#include "approx/discover.h"
#include "approx/float32_check.h"
#include "tests/approx/read_program.h"

namespace progsearch {

TEST_CASE("chunked work covers every point once, reports progress, and stops on a flag", "[approx][check]") {
  std::vector<std::atomic<int>> seen(100000);
  std::vector<double> fractions;
  CheckControl control;
  control.progress = [&](double f) { fractions.push_back(f); };
  REQUIRE(RunChunked(2, seen.size(), control, [&](int, uint64_t from, uint64_t to) {
            for (uint64_t i = from; i < to; ++i) ++seen[i];
          }).ok());
  for (const auto& s : seen) REQUIRE(s == 1);
  for (double f : fractions) CHECK((f >= 0 && f <= 1));
  std::atomic<bool> stop{true};
  control.interrupt = &stop;
  uint64_t ran = 0;
  absl::Status stopped = RunChunked(1, 1000000, control, [&](int, uint64_t from, uint64_t to) { ran += to - from; });
  CHECK(absl::IsCancelled(stopped));
  CHECK(ran == 0);
}

TEST_CASE("an interrupted float32 or dense check is Cancelled, not a wrong figure", "[threads][approx][check]") {
  auto target = ParseMathTarget("exp2", 0.5, 1);
  REQUIRE(target.ok());
  std::atomic<bool> stop{true};
  CheckControl control;
  control.interrupt = &stop;
  auto check = CheckFloat32Exhaustively(*ReadProgram("(fma x 0.6931471805599453 1.0)"), *target, 2, control);
  CHECK(absl::IsCancelled(check.status()));
  CHECK(absl::IsCancelled(MakeDenseReference(*target, 100000, 2, control).status()));
  CHECK(FloatsIn(*target) == (uint64_t{1} << 23) + 1);
}

TEST_CASE("discover's checks announce themselves and an interrupt leaves the rest unchecked", "[approx][check]") {
  DiscoverConfig config;
  config.set_target("exp2");
  config.set_low(0.5);
  config.set_high(1);
  config.set_dense_points(0);
  config.mutable_approximation()->set_max_cycles(100);
  config.mutable_approximation()->mutable_search()->set_max_ops(6);
  config.mutable_approximation()->mutable_search()->set_population(20);
  config.mutable_approximation()->mutable_search()->set_arithmetic(proto::ApproximationSearch::FLOAT32);
  std::atomic<bool> stop{false};
  ApproximationHooks hooks;
  hooks.interrupt = &stop;
  std::vector<CheckProgress> seen;
  hooks.check_progress = [&](const CheckProgress& c) {
    seen.push_back(c);
    stop = true;  // the first report of the first program stops the phase
  };
  auto report = Discover(config, hooks);
  REQUIRE(report.ok());
  REQUIRE_FALSE(seen.empty());
  CHECK(std::string(seen[0].phase) == "float32 check");
  CHECK(seen[0].program == 1);
  CHECK(seen[0].points == (uint64_t{1} << 23) + 1);
  CHECK(report->checks_interrupted);
  CHECK(report->front_ulps.empty());
  CHECK(ToProto(*report).checks_interrupted());
}

}  // namespace progsearch
