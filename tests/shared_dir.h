// The shared/ folder of benchmark files beside the checkout (PROGSEARCH_SHARED_DIR, set by CMake). A test
// that reads it calls SharedDir() first: where the folder is absent the test ends as skipped, with a
// message, instead of failing (exit code 77, which CTest reports as skipped: the test executables set
// SKIP_RETURN_CODE 77).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace progsearch::testing {

inline constexpr int kSkipped = 77;

// The shared folder's path, or the test ends as skipped when `shared/benchmarks` is not there (as failed
// instead when the environment sets PROGSEARCH_REQUIRE_SHARED=1, for runs that must not skip).
inline std::string SharedDir() {
  const std::string dir = PROGSEARCH_SHARED_DIR;
  if (!std::filesystem::is_directory(std::filesystem::path(dir) / "benchmarks")) {
    const char* require = std::getenv("PROGSEARCH_REQUIRE_SHARED");
    const bool required = require != nullptr && std::string(require) == "1";
    std::cerr << (required ? "failed" : "skipped") << ": this test reads the benchmark files of " << dir
              << "/benchmarks, which is absent (configure with -DPROGSEARCH_SHARED_DIR=...)\n";
    std::exit(required ? 1 : kSkipped);
  }
  return dir;
}

}  // namespace progsearch::testing
