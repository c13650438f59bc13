// Small helpers shared by the language and format tests.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/value.h"
#include "formats/program_reader.h"

namespace progsearch::testing {

// Reads and evaluates a closed program with the built-in registry.
absl::StatusOr<Value> EvalGround(const std::string& program);
// Same, expecting success; fails the current test otherwise.
Value Eval(const std::string& program);
// Every .sl file under shared/benchmarks/sygus, sorted; the test is skipped without the shared folder.
std::vector<std::string> SharedSygusFiles();

}  // namespace progsearch::testing
