#include "core/atomic_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace progsearch {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed with everything in it at the end.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    path = fs::temp_directory_path() /
           ("progsearch_atomic_" + std::to_string(getpid()) + "_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string Contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a file is written whole and replaces the old one, leaving no temporary behind", "[core][atomic_file]") {
  ScratchDir dir;
  const fs::path file = dir.path / "checkpoint.bin";
  // Binary bytes: a NUL and a byte above 127 must survive (no text-mode translation, no C-string cut).
  const std::string first("head\0\xff\ntail", 11);
  REQUIRE(WriteFileAtomically(file.string(), first).ok());
  CHECK(Contents(file) == first);
  CHECK_FALSE(fs::exists(dir.path / "checkpoint.bin.tmp"));

  // A shorter file over a longer one: nothing of the old one is left at the end.
  REQUIRE(WriteFileAtomically(file.string(), "new").ok());
  CHECK(Contents(file) == "new");
  CHECK_FALSE(fs::exists(dir.path / "checkpoint.bin.tmp"));

  REQUIRE(WriteFileAtomically(file.string(), "").ok());
  CHECK(fs::exists(file));
  CHECK(fs::file_size(file) == 0);

  // A stale temporary from a run killed midway is overwritten, not appended to.
  std::ofstream(dir.path / "checkpoint.bin.tmp") << "stale bytes from a killed run";
  REQUIRE(WriteFileAtomically(file.string(), "fresh").ok());
  CHECK(Contents(file) == "fresh");
  CHECK_FALSE(fs::exists(dir.path / "checkpoint.bin.tmp"));
  // Only the file itself is in the folder.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a failed write is PermissionDenied and the old file stays as it was", "[core][atomic_file]") {
  // Permission bits do not stop root, so the failures come from the paths themselves.
  ScratchDir dir;
  const fs::path file = dir.path / "plot.svg";
  REQUIRE(WriteFileAtomically(file.string(), "old contents").ok());

  // The temporary cannot be created (its name is taken by a folder): the old file is untouched.
  fs::create_directory(dir.path / "plot.svg.tmp");
  absl::Status blocked = WriteFileAtomically(file.string(), "new contents");
  CHECK(absl::IsPermissionDenied(blocked));
  CHECK(Contents(file) == "old contents");
  fs::remove(dir.path / "plot.svg.tmp");

  // A folder that does not exist: nothing is created anywhere.
  const fs::path missing = dir.path / "no-such-folder" / "out.h";
  absl::Status no_folder = WriteFileAtomically(missing.string(), "bytes");
  CHECK(absl::IsPermissionDenied(no_folder));
  CHECK(std::string(no_folder.message()).find(missing.string()) != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "no-such-folder"));

  // The target is a folder: the rename fails, and the folder is still a folder.
  const fs::path folder = dir.path / "results";
  fs::create_directory(folder);
  absl::Status onto_folder = WriteFileAtomically(folder.string(), "bytes");
  CHECK(absl::IsPermissionDenied(onto_folder));
  CHECK(fs::is_directory(folder));
  // ... and the temporary file it wrote is gone.
  CHECK_FALSE(fs::exists(dir.path / "results.tmp"));
  CHECK(Contents(file) == "old contents");
}

}  // namespace progsearch
