#include "search/evolution/fitness_cache.h"

namespace progsearch {

std::optional<double> FitnessCache::Lookup(uint64_t hash) {
  auto it = index_.find(hash);
  if (it == index_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  ++stats_.hits;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void FitnessCache::Insert(uint64_t hash, double fitness) {
  if (capacity_ == 0) return;
  if (auto it = index_.find(hash); it != index_.end()) {
    it->second->second = fitness;
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  if (index_.size() >= capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
    ++stats_.evictions;
  }
  order_.emplace_front(hash, fitness);
  index_[hash] = order_.begin();
}

void FitnessCache::Restore(const std::vector<std::pair<uint64_t, double>>& entries, const FitnessCacheStats& stats) {
  order_.clear();
  index_.clear();
  // Inserted least recent first, so the most recent ends up in front as it was.
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) Insert(it->first, it->second);
  stats_ = stats;
}

}  // namespace progsearch
