// `progsearch audit-hash`: the rate at which the functional hash merges programs that differ, judged by
// Z3, for several probe sets.
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "verify/hash_audit.h"

namespace progsearch::cli {

struct AuditOptions {
  HashAuditConfig flags;  // what the command line set (over --config, over the defaults)
  std::string config_file;
  bool print_config = false;
  bool json = false;
  bool quiet = false;
};

void AddAuditCommand(CLI::App& app, AuditOptions& options);
// 0 with a report, 2 on bad options, 3 on an internal error.
int RunAudit(const AuditOptions& options);

}  // namespace progsearch::cli
