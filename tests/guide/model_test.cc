#include <filesystem>
#include <fstream>
#include <string>

#include "catch2/catch.hpp"
#include "guide/model.h"
#include "tests/guide/model_helpers.h"

namespace progsearch::guide {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("progsearch-model-test-" + name)).string();
}

void Overwrite(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string Contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("a model file reads back as written", "[gpu][model]") {
  const proto::GuideModel model = testing::RandomModel(1);
  const std::string path = TempPath("roundtrip.guide");
  REQUIRE(WriteModel(model, path).ok());
  auto back = ReadModel(path);
  REQUIRE(back.ok());
  CHECK(back->SerializeAsString() == model.SerializeAsString());
  std::filesystem::remove(path);
}

TEST_CASE("missing, damaged and mismatched model files are refused by name", "[gpu][model]") {
  const std::string path = TempPath("bad.guide");
  std::filesystem::remove(path);
  CHECK(ReadModel(path).status().code() == absl::StatusCode::kNotFound);

  REQUIRE(WriteModel(testing::RandomModel(2), path).ok());
  std::string bytes = Contents(path);
  // One flipped byte in the weights, then a cut file, then something else entirely.
  bytes[bytes.size() / 2] ^= 0x40;
  Overwrite(path, bytes);
  auto flipped = ReadModel(path);
  CHECK(flipped.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(flipped.status().message()).find(path) != std::string::npos);
  Overwrite(path, bytes.substr(0, bytes.size() - 10));
  CHECK(ReadModel(path).status().code() == absl::StatusCode::kDataLoss);
  Overwrite(path, "(set-logic SLIA)\n");
  CHECK(ReadModel(path).status().code() == absl::StatusCode::kDataLoss);

  // Frames that hold but models that do not fit this build.
  proto::GuideModel old = testing::RandomModel(3);
  old.set_signature_version(kSignatureVersion + 1);
  CHECK(WriteModel(old, path).code() == absl::StatusCode::kInvalidArgument);
  proto::GuideModel cut = testing::RandomModel(3);
  cut.mutable_w2()->RemoveLast();
  absl::Status status = ValidateModel(cut);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(status.message()).find("w2") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("domains follow the synth-fun's types", "[gpu][model]") {
  const Type bv = *Type::BitVec(64);
  CHECK(DomainOf(std::vector<Type>{Type::String()}, Type::String()) == "strings");
  CHECK(DomainOf(std::vector<Type>{Type::String()}, Type::Int()) == "strings");
  CHECK(DomainOf(std::vector<Type>{Type::Float()}, Type::Float()) == "");
  CHECK(DomainOf(std::vector<Type>{Type::Int(), Type::Int()}, Type::Int()) == "lia");
  CHECK(DomainOf(std::vector<Type>{bv}, bv) == "bv");
}

}  // namespace progsearch::guide
