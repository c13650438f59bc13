// `progsearch audit-hash`: the rate at which the functional hash merges programs that differ, judged by
// Z3, for several probe sets.
#pragma once

#include "CLI/CLI.hpp"
#include "verify/hash_audit.h"

namespace progsearch::cli {

struct AuditOptions {
  HashAuditConfig config;
  bool json = false;
  bool quiet = false;
};

void AddAuditCommand(CLI::App& app, AuditOptions& options);
// 0 with a report, 2 on bad options.
int RunAudit(const AuditOptions& options);

}  // namespace progsearch::cli
