// FitnessCache: the functional equivalence cache of regularized evolution (AutoML-Zero's FEC).
// Candidates whose outputs on a few probe inputs hash alike are taken to be the same function, so the
// expensive fitness is computed once per behaviour. Bounded, least recently used entries go first.
#pragma once

#include <cstdint>
#include <list>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace progsearch {

struct FitnessCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  double hit_rate() const { return hits + misses ? static_cast<double>(hits) / (hits + misses) : 0; }
};

class FitnessCache {
 public:
  explicit FitnessCache(size_t capacity) : capacity_(capacity) {}

  // The fitness remembered for `hash`, refreshing its recency; counts a hit or a miss.
  std::optional<double> Lookup(uint64_t hash);
  // Remembers `fitness` for `hash`, evicting the least recently used entry when full.
  void Insert(uint64_t hash, double fitness);

  // Every entry, most recently used first, for checkpoints.
  std::vector<std::pair<uint64_t, double>> Entries() const { return {order_.begin(), order_.end()}; }
  // Replaces the contents by `entries` (most recently used first) and the statistics by `stats`.
  void Restore(const std::vector<std::pair<uint64_t, double>>& entries, const FitnessCacheStats& stats);

  size_t size() const { return index_.size(); }
  size_t capacity() const { return capacity_; }
  const FitnessCacheStats& stats() const { return stats_; }

 private:
  size_t capacity_;
  std::list<std::pair<uint64_t, double>> order_;  // most recently used first
  absl::flat_hash_map<uint64_t, std::list<std::pair<uint64_t, double>>::iterator> index_;
  FitnessCacheStats stats_;
};

}  // namespace progsearch
