#include "hashing/equivalence_cache.h"

namespace progsearch {

std::optional<uint32_t> EquivalenceCache::Find(uint64_t hash, const ValueColumn& column) {
  auto it = primary_.find(hash);
  if (it == primary_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  if (!exact_ || same_(it->second, column)) {
    ++stats_.hits;
    return it->second;
  }
  auto [begin, end] = overflow_.equal_range(hash);
  for (auto o = begin; o != end; ++o) {
    if (same_(o->second, column)) {
      ++stats_.hits;
      return o->second;
    }
  }
  ++stats_.collisions;
  ++stats_.misses;
  return std::nullopt;
}

bool EquivalenceCache::Contains(uint64_t hash, const ValueColumn& column) const {
  auto it = primary_.find(hash);
  if (it == primary_.end()) return false;
  if (!exact_ || same_(it->second, column)) return true;
  auto [begin, end] = overflow_.equal_range(hash);
  for (auto o = begin; o != end; ++o) {
    if (same_(o->second, column)) return true;
  }
  return false;
}

void EquivalenceCache::Insert(uint64_t hash, uint32_t id) {
  auto [it, inserted] = primary_.try_emplace(hash, id);
  if (!inserted && exact_) overflow_.emplace(hash, id);
}

std::optional<uint32_t> EquivalenceCache::FindOrInsert(uint64_t hash, const ValueColumn& column, uint32_t id) {
  // One probe for the common outcomes (a new hash, or a hit on the primary entry).
  auto [it, inserted] = primary_.try_emplace(hash, id);
  if (inserted) {
    ++stats_.misses;
    return std::nullopt;
  }
  if (!exact_ || same_(it->second, column)) {
    ++stats_.hits;
    return it->second;
  }
  auto [begin, end] = overflow_.equal_range(hash);
  for (auto o = begin; o != end; ++o) {
    if (same_(o->second, column)) {
      ++stats_.hits;
      return o->second;
    }
  }
  ++stats_.collisions;
  ++stats_.misses;
  overflow_.emplace(hash, id);
  return std::nullopt;
}

}  // namespace progsearch
