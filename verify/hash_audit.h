// The hash-collision audit (`progsearch audit-hash`): how often does the functional hash on a set of
// probe inputs merge two programs that are NOT equal on all inputs? Random programs of a domain are
// hashed on each probe set; every program merged with a group's first member is compared with it by Z3,
// which answers exactly. This is the collision study of the Unified Functional Hashing paper, with Z3
// instead of more sampling as the judge.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/type.h"
#include "core/value.h"
#include "dsl/random_term.h"  // EdgeValues, SmallValue: the audit's probe values

namespace progsearch {

struct HashAuditConfig {
  std::string domain = "bv32";  // "int", or "bvW" for a width W from 1 to 64
  int programs = 2000;          // random programs of two variables x and y
  int max_depth = 3;
  uint64_t seed = 1;
  unsigned proof_timeout_ms = 2000;
};

// A probe set: `points` rows of (x, y), built as `kind` says.
struct ProbeSetReport {
  std::string name;  // e.g. "random 4", "edge 7", "edge 7 + small 8"
  int points = 0;
  int programs = 0;      // programs that evaluate on every point (Int arithmetic may overflow)
  int distinct = 0;      // distinct hashes
  int merged = 0;        // programs merged into an earlier one with the same hash
  int false_merges = 0;  // merged, but Z3 shows an input where they differ
  int unknown = 0;       // Z3 could not decide in time
  double false_merge_rate() const { return merged ? static_cast<double>(false_merges) / merged : 0; }
};

struct HashAuditReport {
  std::string domain;
  int programs = 0;  // generated (distinct texts)
  std::vector<ProbeSetReport> probe_sets;
  int z3_queries = 0;
  double seconds = 0;
};

// Runs the audit over a fixed family of probe sets: random 1, 2, 4, 8, 16, 32; the edge set; edge +
// random 8; edge + 8 small values (0 to 2W for bit-vectors: shift amounts; -10 to 10 for Ints); edge +
// small 8 + random 8. `progress` (optional) is told each finished probe set.
absl::StatusOr<HashAuditReport> AuditFunctionalHash(
    const HashAuditConfig& config, const std::function<void(const ProbeSetReport&)>& progress = nullptr);

}  // namespace progsearch
