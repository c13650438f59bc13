#include "tests/eval_helpers.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/status_macros.h"
#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "tests/shared_dir.h"

namespace progsearch::testing {

absl::StatusOr<Value> EvalGround(const std::string& program) {
  ProgramReader reader(BuiltinRegistry(), {}, "<test>");
  ASSIGN_OR_RETURN(TermPtr t, reader.ReadText(program));
  return Interpreter().EvaluateGround(*t);
}

Value Eval(const std::string& program) {
  auto v = EvalGround(program);
  INFO(program << " -> " << (v.ok() ? v->ToString() : std::string(v.status().message())));
  REQUIRE(v.ok());
  return *v;
}

std::vector<std::string> SharedSygusFiles() {
  std::vector<std::string> files;
  const std::filesystem::path root = std::filesystem::path(SharedDir()) / "benchmarks" / "sygus";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sl") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace progsearch::testing
