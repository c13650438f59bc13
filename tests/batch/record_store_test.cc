#include "batch/record_store.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace progsearch::batch {
namespace {

namespace fs = std::filesystem;

proto::BatchRecord Sample(const std::string& id) {
  proto::BatchRecord r;
  r.set_job_id(id);
  r.set_config("c");
  r.set_task("t.sl");
  r.set_seed(2);
  r.add_argv("synth");
  r.set_exit_code(0);
  r.set_solved(true);
  r.set_seconds(1.5);
  r.set_output("(define-fun f () Int 1)\n");
  return r;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("batch: a record reads back whole, and its JSON line is beside it") {
  const fs::path dir = fs::temp_directory_path() / ("progsearch-records-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  RecordStore store(dir.string());
  REQUIRE(store.Open().ok());
  proto::BatchRecord back;
  CHECK(store.Read("c/t.sl/2", &back) == RecordState::kMissing);
  REQUIRE(store.Write(Sample("c/t.sl/2")).ok());
  REQUIRE(store.Read("c/t.sl/2", &back) == RecordState::kDone);
  CHECK(back.output() == "(define-fun f () Int 1)\n");
  CHECK(back.seconds() == 1.5);
  std::string json_path = store.RecordPath("c/t.sl/2");
  json_path.replace(json_path.size() - 4, 4, ".json");
  const std::string json = ReadBytes(json_path);
  CHECK_THAT(json, Catch::Contains("\"job_id\":\"c/t.sl/2\""));
  CHECK(json.back() == '\n');
  REQUIRE(store.Write(Sample("c/u.sl/1")).ok());
  CHECK(store.ReadAll().size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("batch: a cut, changed or misplaced record is damaged") {
  const std::string framed = FrameRecord(Sample("c/t.sl/2"));
  proto::BatchRecord back;
  REQUIRE(UnframeRecord(framed, &back));
  CHECK_FALSE(UnframeRecord(framed.substr(0, framed.size() - 1), &back));
  CHECK_FALSE(UnframeRecord(framed + "x", &back));
  std::string flipped = framed;
  flipped[flipped.size() - 3] ^= 0x20;
  CHECK_FALSE(UnframeRecord(flipped, &back));
  CHECK_FALSE(UnframeRecord("", &back));

  const fs::path dir = fs::temp_directory_path() / ("progsearch-damaged-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  RecordStore store(dir.string());
  REQUIRE(store.Open().ok());
  REQUIRE(store.Write(Sample("c/t.sl/2")).ok());
  const std::string path = store.RecordPath("c/t.sl/2");
  const std::string bytes = ReadBytes(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  CHECK(store.Read("c/t.sl/2", &back) == RecordState::kDamaged);
  CHECK(store.ReadAll().empty());
  // A whole record under another job's name is not that job's.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << FrameRecord(Sample("c/other.sl/1"));
  CHECK(store.Read("c/t.sl/2", &back) == RecordState::kDamaged);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace progsearch::batch
