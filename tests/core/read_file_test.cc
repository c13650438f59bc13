#include "core/read_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "tests/core/scratch_dir.h"

namespace progsearch {
namespace {

namespace fs = std::filesystem;

using testing::ScratchDir;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

}  // namespace

TEST_CASE("a file is read whole, bytes as they are", "[core][read_file]") {
  ScratchDir dir;
  const fs::path file = dir.path / "task.sl";
  const std::string bytes("(set-logic\0 \xff)\n", 15);
  std::ofstream(file, std::ios::binary) << bytes;
  auto read = ReadFileToString(file.string());
  REQUIRE(read.ok());
  CHECK(*read == bytes);
  std::ofstream(dir.path / "empty.sl");
  auto empty = ReadFileToString((dir.path / "empty.sl").string());
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("a folder is refused by name, not read as an empty file", "[core][read_file]") {
  ScratchDir dir;
  auto read = ReadFileToString(dir.path.string());
  REQUIRE_FALSE(read.ok());
  CHECK(absl::IsInvalidArgument(read.status()));
  CHECK(Message(read.status()) == dir.path.string() + ": is a directory");
}

TEST_CASE("a device is refused, a missing file says why with errno's text", "[core][read_file]") {
  auto device = ReadFileToString("/dev/null");
  REQUIRE_FALSE(device.ok());
  CHECK(Message(device.status()) == "/dev/null: is a device, not a file");
  ScratchDir dir;
  const std::string missing = (dir.path / "none.sl").string();
  auto absent = ReadFileToString(missing);
  REQUIRE_FALSE(absent.ok());
  CHECK(absl::IsNotFound(absent.status()));
  CHECK(Message(absent.status()) == missing + ": cannot open: No such file or directory");
  CHECK_FALSE(ReadFileToString("").ok());
}

TEST_CASE("a pipe is read (a shell's <(...) passes one)", "[core][read_file]") {
  ScratchDir dir;
  const fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(fifo) << "{\"train\": []}"; });
  auto read = ReadFileToString(fifo.string());
  writer.join();
  REQUIRE(read.ok());
  CHECK(*read == "{\"train\": []}");
}

}  // namespace progsearch
