#include "hashing/equivalence_cache.h"

namespace progsearch {

std::optional<uint32_t> EquivalenceCache::Confirm(uint64_t hash, uint32_t primary, const ValueColumn& column) const {
  if (!exact_ || same_(primary, column)) return primary;
  auto [begin, end] = overflow_.equal_range(hash);
  for (auto o = begin; o != end; ++o) {
    if (same_(o->second, column)) return o->second;
  }
  return std::nullopt;
}

std::optional<uint32_t> EquivalenceCache::Find(uint64_t hash, const ValueColumn& column) {
  auto it = primary_.find(hash);
  std::optional<uint32_t> found = it == primary_.end() ? std::nullopt : Confirm(hash, it->second, column);
  if (found) {
    ++stats_.hits;
  } else {
    stats_.collisions += it != primary_.end();
    ++stats_.misses;
  }
  return found;
}

bool EquivalenceCache::Contains(uint64_t hash, const ValueColumn& column) const {
  auto it = primary_.find(hash);
  return it != primary_.end() && Confirm(hash, it->second, column).has_value();
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
  if (std::optional<uint32_t> found = Confirm(hash, it->second, column)) {
    ++stats_.hits;
    return found;
  }
  ++stats_.collisions;
  ++stats_.misses;
  overflow_.emplace(hash, id);
  return std::nullopt;
}

}  // namespace progsearch
