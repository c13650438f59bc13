#include "hashing/equivalence_cache.h"

#include <catch2/catch.hpp>

#include "hashing/functional_hash.h"
#include "tests/hashing/columns.h"

namespace progsearch {

using testing::Floats;
using testing::Ints;
using testing::Strings;

TEST_CASE("equal values are found, new ones are not", "[hashing][cache]") {
  std::vector<ValueColumn> store = {Ints({1, 2}), Ints({3, 4})};
  EquivalenceCache cache(true, [&store](uint32_t id, const ValueColumn& c) { return store[id] == c; });
  for (uint32_t id = 0; id < store.size(); ++id) {
    REQUIRE_FALSE(cache.FindOrInsert(FunctionalHash(store[id]), store[id], id));
  }
  ValueColumn again = Ints({3, 4});
  auto hit = cache.Find(FunctionalHash(again), again);
  REQUIRE(hit);
  CHECK(*hit == 1);
  CHECK(cache.stats().hits == 1);
  CHECK(cache.stats().misses == 2);
  CHECK(cache.stats().collisions == 0);
  CHECK(cache.size() == 2);
}

TEST_CASE("exact mode never merges colliding values, and fast mode does", "[hashing][cache]") {
  // Force a collision: two different columns presented under one hash.
  std::vector<ValueColumn> store = {Ints({1}), Ints({2})};
  auto same = [&store](uint32_t id, const ValueColumn& c) { return store[id] == c; };
  const uint64_t same_hash = 42;

  EquivalenceCache exact(true, same);
  exact.Insert(same_hash, 0);
  CHECK_FALSE(exact.Find(same_hash, store[1]));  // a collision, detected
  CHECK(exact.stats().collisions == 1);
  exact.Insert(same_hash, 1);
  CHECK(exact.size() == 2);
  REQUIRE(exact.Find(same_hash, store[1]));
  CHECK(*exact.Find(same_hash, store[1]) == 1);
  CHECK(*exact.Find(same_hash, store[0]) == 0);

  EquivalenceCache fast(false);
  fast.Insert(same_hash, 0);
  REQUIRE(fast.Find(same_hash, store[1]));  // trusted the hash: merged
  CHECK(*fast.Find(same_hash, store[1]) == 0);
  CHECK(fast.stats().collisions == 0);
}

}  // namespace progsearch
