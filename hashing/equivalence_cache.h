// EquivalenceCache: functional hash -> the id of the representative value with that behaviour.
//
// The caller owns the values and hands the cache a way to compare a representative with a column. In
// exact mode a hash hit is confirmed by that comparison, so a 64-bit collision can never merge two
// different behaviours (colliding values are kept side by side and counted); in fast mode the hash
// alone decides, which is what most searchers can afford.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>

#include "absl/container/flat_hash_map.h"
#include "core/value_column.h"

namespace progsearch {

struct CacheStats {
  uint64_t hits = 0;        // lookups that found an equivalent value
  uint64_t misses = 0;      // lookups that found none
  uint64_t collisions = 0;  // exact mode: equal hashes whose columns differed
};

class EquivalenceCache {
 public:
  // Whether the value with this id equals `column`.
  using SameValue = std::function<bool(uint32_t id, const ValueColumn& column)>;

  // `same` is needed (and only called) in exact mode.
  explicit EquivalenceCache(bool exact, SameValue same = nullptr) : exact_(exact), same_(std::move(same)) {}

  // The representative for `column` (whose hash is `hash`), if one was inserted.
  std::optional<uint32_t> Find(uint64_t hash, const ValueColumn& column);
  // Like Find, but counts nothing, so threads may call it together while nobody inserts.
  bool Contains(uint64_t hash, const ValueColumn& column) const;
  // The first representative stored under `hash`, without comparing anything (for prefetching).
  std::optional<uint32_t> PrimaryId(uint64_t hash) const {
    auto it = primary_.find(hash);
    if (it == primary_.end()) return std::nullopt;
    return it->second;
  }
  // Starts loading the bucket of `hash` into the CPU cache ahead of a Find or Contains.
  void Prefetch(uint64_t hash) const { primary_.prefetch(hash); }
  // Hits found through Contains, counted afterwards by the owner.
  void CountHits(uint64_t n) { stats_.hits += n; }
  // Makes `id` the representative of `hash`; call after Find() found none.
  void Insert(uint64_t hash, uint32_t id);
  // Find, and Insert `id` when nothing is found. Returns the existing representative or nullopt.
  std::optional<uint32_t> FindOrInsert(uint64_t hash, const ValueColumn& column, uint32_t id);

  size_t size() const { return primary_.size() + overflow_.size(); }
  const CacheStats& stats() const { return stats_; }
  bool exact() const { return exact_; }
  void Reserve(size_t n) { primary_.reserve(n); }
  size_t footprint_bytes() const {
    return primary_.capacity() * (sizeof(uint64_t) + sizeof(uint32_t) + 1) + overflow_.size() * 32;
  }

 private:
  // `primary` (the first entry stored under `hash`) or an overflow entry, if one equals `column`.
  std::optional<uint32_t> Confirm(uint64_t hash, uint32_t primary, const ValueColumn& column) const;

  bool exact_;
  SameValue same_;
  absl::flat_hash_map<uint64_t, uint32_t> primary_;
  // Exact mode only: further values whose hash collided with a primary entry.
  std::unordered_multimap<uint64_t, uint32_t> overflow_;
  CacheStats stats_;
};

}  // namespace progsearch
