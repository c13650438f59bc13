// The GPU path: skipped (exit 77) where no GPU is usable, as on CI. Where one is, the device must give
// bitwise the CPU's logits, and a guided search the same answer and the same candidate count.
#include <cstdlib>
#include <iostream>
#include <random>

#include "catch2/catch.hpp"
#include "formats/sygus.h"
#include "gpu/device.h"
#include "guide/argument_ranker.h"
#include "guide/guide_scorer.h"
#include "tests/guide/model_helpers.h"
#include "search/bottom_up/bottom_up_search.h"
#include "tests/initials_task.h"

namespace progsearch::gpu {
namespace {

void SkipWithoutGpu() {
  if (DeviceCount() == 0) {
    std::cerr << "skipped: no GPU (" << DescribeAccelerator() << ")\n";
    std::exit(77);
  }
}

ValueColumn RandomStrings(size_t rows, std::mt19937_64& rng) {
  std::vector<Value> values;
  for (size_t i = 0; i < rows; ++i) {
    std::string s;
    for (int k = rng() % 8; k > 0; --k) s += "ab .C1-"[rng() % 7];
    values.push_back(Value::String(s));
  }
  return ValueColumn::FromValues(Type::String(), values);
}

}  // namespace

TEST_CASE("the GPU gives bitwise the CPU's logits", "[gpu][device]") {
  SkipWithoutGpu();
  std::mt19937_64 rng(1);
  const ValueColumn expected = RandomStrings(4, rng);
  const std::vector<ValueColumn> inputs = {RandomStrings(4, rng)};
  for (int hidden : {16, 64, 128}) {
    proto::GuideConfig config;
    config.set_mode(proto::GuideConfig::GPU);
    auto scorer = guide::GuideScorer::Create(guide::testing::RandomModel(hidden, hidden), config);
    REQUIRE(scorer.ok());
    REQUIRE((*scorer)->has_device());
    (*scorer)->Begin(inputs, expected);
    // More values than one device chunk, so both buffers and streams take turns.
    std::vector<ValueColumn> values;
    for (int i = 0; i < 5000; ++i) values.push_back(RandomStrings(4, rng));
    std::vector<const ValueColumn*> pointers;
    for (const ValueColumn& v : values) pointers.push_back(&v);
    const std::vector<int64_t> cpu = (*scorer)->Logits(pointers, false);
    const std::vector<int64_t> gpu = (*scorer)->Logits(pointers, true);
    CHECK(cpu == gpu);
  }
}

TEST_CASE("a search guided on the GPU takes the CPU's decisions", "[gpu][device]") {
  SkipWithoutGpu();
  auto task = ParseSygus(::progsearch::testing::kInitialsTask, "gpu.sl");
  REQUIRE(task.ok());
  std::vector<uint64_t> candidates;
  for (proto::GuideConfig::Mode mode : {proto::GuideConfig::CPU, proto::GuideConfig::GPU}) {
    proto::GuideConfig config;
    config.set_mode(mode);
    auto scorer = guide::GuideScorer::Create(guide::testing::RandomModel(4, 64), config);
    REQUIRE(scorer.ok());
    BottomUpHooks hooks;
    hooks.scorer = scorer->get();
    const BottomUpResult r = (*BottomUpSearch::Create(*task, {}, hooks))->Run();
    REQUIRE(r.reason == StopReason::kSolved);
    candidates.push_back(r.stats.candidates);
    if (mode == proto::GuideConfig::GPU) CHECK((*scorer)->stats().on_device > 0);
  }
  CHECK(candidates[0] == candidates[1]);
}

TEST_CASE("a value model that reads operators gives bitwise the CPU's logits on the GPU", "[gpu][device]") {
  SkipWithoutGpu();
  std::mt19937_64 rng(3);
  const ValueColumn expected = RandomStrings(4, rng);
  const std::vector<ValueColumn> inputs = {RandomStrings(4, rng)};
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::GPU);
  auto scorer = guide::GuideScorer::Create(
      guide::testing::RandomModel(8, 64, 2, {"str.++", "str.at"}, proto::GuideModel::VALUES), config);
  REQUIRE(scorer.ok());
  (*scorer)->Begin(inputs, expected);
  std::vector<ValueColumn> values;
  for (int i = 0; i < 3000; ++i) values.push_back(RandomStrings(4, rng));
  std::vector<const ValueColumn*> pointers;
  for (const ValueColumn& v : values) pointers.push_back(&v);
  // Operators in turn: the device's bias changes with each.
  for (const char* op : {"str.++", "str.at", "", "str.++"}) {
    CHECK((*scorer)->Logits(pointers, false, op) == (*scorer)->Logits(pointers, true, op));
  }
}

TEST_CASE("the GPU ranks arguments with bitwise the CPU's logits", "[gpu][device][ranking]") {
  SkipWithoutGpu();
  std::mt19937_64 rng(2);
  const ValueColumn expected = RandomStrings(4, rng);
  const std::vector<ValueColumn> inputs = {RandomStrings(4, rng)};
  proto::GuideConfig config;
  config.set_mode(proto::GuideConfig::GPU);
  auto ranker = guide::GuideArgumentRanker::Create(guide::testing::RandomModel(9, 64, 2, {"str.++", "str.at"}), config);
  REQUIRE(ranker.ok());
  REQUIRE((*ranker)->has_device());
  (*ranker)->Begin(inputs, expected);
  std::vector<ValueColumn> values;
  for (int i = 0; i < 5000; ++i) values.push_back(RandomStrings(4, rng));
  std::vector<const ValueColumn*> pointers;
  std::vector<uint32_t> ids;
  for (const ValueColumn& v : values) {
    ids.push_back(static_cast<uint32_t>(pointers.size()));
    pointers.push_back(&v);
  }
  // Two slots in turn: the device's task bias changes between them.
  for (const ArgumentSlot slot : {ArgumentSlot{"str.++", 0, 0}, ArgumentSlot{"str.at", 1, 0}, ArgumentSlot{"str.++", 1, 0}}) {
    const std::vector<int64_t> cpu = (*ranker)->Logits(slot, ids, pointers, false);
    const std::vector<int64_t> gpu = (*ranker)->Logits(slot, ids, pointers, true);
    CHECK(cpu == gpu);
  }
  CHECK((*ranker)->stats().on_device > 0);
}

}  // namespace progsearch::gpu
