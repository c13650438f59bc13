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
#include "proto/config.pb.h"
#include "proto/progsearch.pb.h"

namespace progsearch {

// Settings (proto/config.proto): domain, program count, depth, seed, Z3's time per query.
using HashAuditConfig = proto::HashAuditConfig;
// The report, per probe set: points, programs that evaluate on every point, distinct hashes, programs
// merged into an earlier one, false merges (Z3 shows an input where they differ), undecided merges and
// the false-merge rate (proto/progsearch.proto).
using HashAuditReport = proto::HashAuditReport;
using ProbeSetReport = proto::ProbeSetReport;

// Runs the audit over a fixed family of probe sets: random 1, 2, 4, 8, 16, 32; the edge set; edge +
// random 8; edge + 8 small values (0 to 2W for bit-vectors: shift amounts; -10 to 10 for Ints); edge +
// small 8 + random 8. `progress` (optional) is told each finished probe set.
absl::StatusOr<HashAuditReport> AuditFunctionalHash(
    const HashAuditConfig& config, const std::function<void(const ProbeSetReport&)>& progress = nullptr);

}  // namespace progsearch
