#include "approx/discover.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "formats/program_reader.h"

namespace progsearch {
namespace {

DiscoverConfig SmallRun(const std::string& target, int max_ops, uint64_t cycles) {
  DiscoverConfig config;
  config.set_target(target);
  config.set_threads(2);
  config.mutable_approximation()->set_max_cycles(cycles);
  config.mutable_approximation()->mutable_search()->set_max_ops(max_ops);
  config.mutable_approximation()->mutable_search()->set_population(60);
  return config;
}

}  // namespace

TEST_CASE("a scored program gets the figures the search gives it", "[approx][discover]") {
  DiscoverConfig config = SmallRun("exp", 8, 600);
  // A short interval keeps the exhaustive float32 check of every front program quick (2^19 floats).
  config.set_low(0.5);
  config.set_high(0.5625);
  config.set_float32_check(true);
  auto searched = Discover(config);
  REQUIRE(searched.ok());
  REQUIRE(searched->searched());
  REQUIRE_FALSE(searched->result.front.empty());
  int ulps_compared = 0;
  for (const FrontPoint& p : searched->result.front) {
    DiscoverConfig score = config;
    score.set_program(PrintTerm(*p.program));
    auto scored = Discover(score);
    INFO(score.program());
    REQUIRE(scored.ok());
    CHECK_FALSE(scored->searched());
    REQUIRE(scored->result.front.size() == 1);
    const FrontPoint& q = scored->result.front[0];
    CHECK(q.ops == p.ops);
    CHECK(q.max_rel_error == p.max_rel_error);
    // The exhaustive float32 check reaches the same ULPs wherever both ran it.
    if (searched->front_ulps.count(p.ops) && scored->front_ulps.count(q.ops)) {
      CHECK(scored->front_ulps.at(q.ops) == searched->front_ulps.at(p.ops));
      ++ulps_compared;
    }
    CHECK(ToProto(*scored).stop() == "scored");
    // Baselines reach the program's own operation count.
    CHECK(scored->baselines.minimax.back().ops >= q.ops - 1);
  }
  CHECK(ulps_compared > 0);
}

TEST_CASE("a scored program is measured by hand-checkable figures and refused when it is not one", "[approx][discover]") {
  DiscoverConfig config = SmallRun("exp", 4, 0);
  config.set_program("(+ 1.0 x)");  // worst at x = 1: (e - 2) / e
  auto scored = Discover(config);
  REQUIRE(scored.ok());
  CHECK(scored->result.front[0].ops == 1);
  CHECK(scored->result.front[0].max_rel_error == Approx((std::exp(1.0) - 2) / std::exp(1.0)).epsilon(1e-12));
  // Weights count as the search counts: fma 2 by default, 1 when weighed so.
  config.set_program("(fma x x 1.0)");
  CHECK(Discover(config)->result.front[0].ops == 2);
  (*config.mutable_approximation()->mutable_search()->mutable_weights())["fma"] = 1;
  CHECK(Discover(config)->result.front[0].ops == 1);
  config.set_program("(+ 1.0 y)");
  CHECK(absl::IsInvalidArgument(Discover(config).status()));
  config.set_program("(< x 1.0)");
  auto not_float = Discover(config);
  REQUIRE_FALSE(not_float.ok());
  CHECK(std::string(not_float.status().message()).find("not a Float one of x") != std::string::npos);
}

}  // namespace progsearch
