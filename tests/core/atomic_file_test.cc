#include "core/atomic_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "tests/core/scratch_dir.h"

namespace progsearch {
namespace {

namespace fs = std::filesystem;

using testing::ScratchDir;

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

TEST_CASE("a failed write names the user's path and errno's reason, not the temporary", "[core][atomic_file]") {
  ScratchDir dir;
  const fs::path missing = dir.path / "no-such-folder" / "x.h";
  absl::Status s = WriteFileAtomically(missing.string(), "bytes");
  CHECK(std::string(s.message()) == missing.string() + ": cannot write: No such file or directory");
  // A device is not replaced by a regular file (a rename would put one in place of /dev/null).
  absl::Status device = WriteFileAtomically("/dev/null", "bytes");
  CHECK(absl::IsPermissionDenied(device));
  CHECK(std::string(device.message()).find("/dev/null: cannot write: not a regular file") == 0);
}

TEST_CASE("output paths are checked before a run, with the option, the path and the reason",
          "[core][atomic_file]") {
  ScratchDir dir;
  CHECK(CheckWritablePath((dir.path / "new.h").string()).ok());
  CHECK(CheckWritablePath("relative-name-in-the-current-folder.h").ok());
  const fs::path missing = dir.path / "no-such-folder" / "x.h";
  absl::Status no_folder = CheckWritablePath(missing.string(), "--emit-c");
  CHECK(absl::IsPermissionDenied(no_folder));
  CHECK(std::string(no_folder.message()) == "--emit-c: " + missing.string() + ": cannot write: No such file or directory");
  CHECK_FALSE(fs::exists(dir.path / "no-such-folder"));  // nothing is created by a check
  // A file where the folder should be.
  std::ofstream(dir.path / "plain") << "x";
  absl::Status not_folder = CheckWritablePath((dir.path / "plain" / "out.json").string(), "-o");
  CHECK(std::string(not_folder.message()).find("cannot write: Not a directory") != std::string::npos);
  // The output is itself a folder.
  absl::Status onto_folder = CheckWritablePath(dir.path.string(), "--plot");
  CHECK(std::string(onto_folder.message()) == "--plot: " + dir.path.string() + ": cannot write: Is a directory");
  CHECK(absl::IsInvalidArgument(CheckWritablePath("", "-o")));
  CHECK(CheckWritableFolder(dir.path.string()).ok());
  CHECK_FALSE(CheckWritableFolder((dir.path / "plain").string()).ok());
  if (::geteuid() != 0) {  // permission bits do not stop root
    const fs::path locked = dir.path / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    absl::Status read_only = CheckWritablePath((locked / "x.h").string());
    CHECK(std::string(read_only.message()).find("cannot write: Permission denied") != std::string::npos);
    fs::permissions(locked, fs::perms::owner_all);
  }
}

}  // namespace progsearch

