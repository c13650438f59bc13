#include "batch/subprocess.h"

#include <catch2/catch.hpp>

namespace progsearch::batch {
namespace {

TEST_CASE("batch: a child's exit code and output are captured") {
  auto run = RunProcess("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"}, 0, 1024, 1024);
  REQUIRE(run.ok());
  CHECK(run->exit_code == 3);
  CHECK(run->out == "out\n");
  CHECK(run->err == "err\n");
  CHECK_FALSE(run->timed_out);
}

TEST_CASE("batch: only the tail of a long output is kept") {
  auto run = RunProcess("/bin/sh", {"-c", "i=0; while [ $i -lt 3000 ]; do echo line$i; i=$((i+1)); done"}, 0, 10, 10);
  REQUIRE(run.ok());
  CHECK(run->out == "\nline2999\n");
}

TEST_CASE("batch: a child past its time limit is killed with what it started") {
  // The grandchild holds the pipe too: killing only the child would leave the read waiting.
  auto run = RunProcess("/bin/sh", {"-c", "sleep 30 & sleep 30; echo never"}, 0.3, 1024, 1024);
  REQUIRE(run.ok());
  CHECK(run->timed_out);
  CHECK(run->exit_code == 128 + 9);
  CHECK(run->seconds < 10);
  CHECK(run->out.empty());
}

TEST_CASE("batch: a program that cannot be run exits 127") {
  auto run = RunProcess("/nonexistent/progsearch", {}, 0, 1024, 1024);
  REQUIRE(run.ok());
  CHECK(run->exit_code == 127);
}

}  // namespace
}  // namespace progsearch::batch
