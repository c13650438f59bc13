#include "verify/hash_audit.h"

#include <catch2/catch.hpp>

namespace progsearch {

TEST_CASE("edge values cover zero, one, all ones and the signed extremes", "[verify][audit]") {
  const Type bv8 = *Type::BitVec(8);
  std::vector<uint64_t> bits;
  for (const Value& v : EdgeValues(bv8)) bits.push_back(v.as_bits());
  CHECK(bits == std::vector<uint64_t>{0, 1, 255, 128, 127, 2, 254});
  // Width 1: 0 and 1 only, no duplicates.
  CHECK(EdgeValues(*Type::BitVec(1)).size() == 2);
  CHECK(EdgeValues(Type::Int()).front() == Value::Int(0));
}

TEST_CASE("the audit counts merges and Z3 finds the false ones", "[verify][audit]") {
  HashAuditConfig config;
  config.set_domain("bv32");
  config.set_programs(300);
  config.set_seed(3);
  auto report = AuditFunctionalHash(config);
  REQUIRE(report.ok());
  CHECK(report->programs() == 300);
  REQUIRE(report->probe_sets_size() == 10);
  for (const ProbeSetReport& r : report->probe_sets()) {
    INFO(r.name());
    CHECK(r.distinct() + r.merged() == r.programs());
    CHECK(r.false_merges() + r.unknown() <= r.merged());
  }
  const ProbeSetReport& one_random = report->probe_sets()[0];
  const ProbeSetReport& edge_small = report->probe_sets()[8];
  CHECK(one_random.name() == "random 1");
  CHECK(edge_small.name() == "edge 7 + small 8");
  // One random word merges many programs that differ; edge and small values separate most of them.
  CHECK(one_random.false_merges() > 10);
  CHECK(edge_small.false_merge_rate() < one_random.false_merge_rate() / 4);

  config.set_domain("bv65");
  CHECK_FALSE(AuditFunctionalHash(config).ok());
  config.set_domain("real");
  CHECK_FALSE(AuditFunctionalHash(config).ok());
}

}  // namespace progsearch
