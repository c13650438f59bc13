#include "search/bottom_up/bottom_up_search.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "core/check.h"
#include "core/deadline.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/threads.h"
#include "dsl/interpreter.h"
#include "dsl/primitive.h"
#include "hashing/functional_hash.h"
#include "search/bottom_up/column_store.h"
#include "search/bottom_up/divide_and_conquer.h"
#include "search/bottom_up/grammar_plan.h"
#include "tbb/enumerable_thread_specific.h"
#include "search/parallel_for.h"
#include "tbb/task_arena.h"

namespace progsearch {

namespace {

size_t HalfOfRam() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return size_t{4} << 30;
  return static_cast<size_t>(pages) * static_cast<size_t>(page) / 2;
}

size_t LongestString(const Task& task) {
  size_t longest = 0;
  auto visit = [&longest](const Value& v) {
    if (v.type() == Type::String()) longest = std::max(longest, v.as_string().size());
  };
  for (const Example& e : task.examples) {
    for (const Value& v : e.inputs) visit(v);
    visit(e.output);
  }
  return longest;
}

}  // namespace

// One kept program: where its outputs are stored and how it was built (production + children), so
// terms are only materialized for the answer.
struct BankEntry {
  uint32_t slot;  // in the ColumnStore of its non-terminal
  uint32_t production;
  uint32_t children_begin;  // into Impl::children_
  uint16_t cost;
  uint16_t nonterminal;
};

class BottomUpSearch::Impl {
 public:
  Impl(const Task& task, GrammarPlan plan, const BottomUpConfig& config, BottomUpHooks hooks)
      : plan_(std::move(plan)),
        config_(config),
        hooks_(std::move(hooks)),
        n_(task.examples.size()),
        max_memory_bytes_(config.max_memory_bytes() ? config.max_memory_bytes() : HalfOfRam()) {
    EvalLimits limits;
    limits.max_string_length =
        config_.max_string_length() ? config_.max_string_length() : std::max<size_t>(32, 2 * LongestString(task));
    interpreter_ = Interpreter(limits);
    if (const int threads = ThreadsOrEveryCore(config_.threads()); threads > 1) {
      arena_ = std::make_unique<tbb::task_arena>(threads);
    }
    inputs_ = task.InputColumns();
    expected_ = task.OutputColumn();
    expected_hash_ = FunctionalHash(expected_);
    for (size_t nt = 0; nt < plan_.nonterminals.size(); ++nt) {
      stores_.emplace_back(plan_.nonterminals[nt].type, n_);
      // A non-terminal's cache maps hashes to slots of its own store, so confirming a hit reads one
      // record (which EvaluateRange prefetches) and not a bank entry first.
      caches_.emplace_back(config_.exact_dedup(), [this, nt](uint32_t slot, const ValueColumn& column) {
        return stores_[nt].Equals(slot, column);
      });
    }
    by_cost_.assign(plan_.nonterminals.size(), {});
    // With a scorer, every level a value may land on is reserved: a scored value added at a higher level
    // must not move the lists a split is reading.
    if (hooks_.scorer) {
      for (auto& levels : by_cost_) levels.reserve(static_cast<size_t>(config_.max_cost()) + 2);
    }
    if (config_.divide_and_conquer() && !hooks_.accept) {
      dc_ = DivideAndConquer::Create(plan_, task.synth_funs[0].params.size(), inputs_, expected_);
    }
  }

  BottomUpResult Run(const ProgressFn& progress) {
    start_ = std::chrono::steady_clock::now();
    deadline_ = Deadline::AfterSeconds(config_.timeout_seconds()).StoppedBy(hooks_.interrupt);
    progress_ = progress;
    next_progress_ = start_ + std::chrono::milliseconds(250);
    if (hooks_.scorer) hooks_.scorer->Begin(inputs_, expected_);
    if (hooks_.ranker) hooks_.ranker->Begin(inputs_, expected_);
    for (int cost = 1; cost <= config_.max_cost() && !stop_; ++cost) {
      stats_.cost = cost;
      // Scored values may already sit at higher levels.
      for (auto& levels : by_cost_) levels.resize(std::max(levels.size(), static_cast<size_t>(cost) + 1));
      EnumerateLevel(cost);
      if (!stop_) TryDivideAndConquer();
    }
    BottomUpResult result;
    result.reason = stop_ ? *stop_ : StopReason::kExhausted;
    if (solution_) result.program = BuildTerm(*solution_);
    if (combined_solution_) result.program = combined_solution_;
    stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    stats_.memory_bytes = MemoryBytes();
    stats_.cache = CacheStats{};
    for (const EquivalenceCache& c : caches_) {
      stats_.cache.hits += c.stats().hits;
      stats_.cache.misses += c.stats().misses;
      stats_.cache.collisions += c.stats().collisions;
    }
    result.stats = stats_;
    return result;
  }

  size_t KeptCount() const { return bank_.size(); }

  KeptValue Kept(uint32_t id) const {
    const BankEntry& e = bank_[id];
    const size_t k = plan_.productions[e.production].holes.size();
    KeptValue v;
    v.nonterminal = e.nonterminal;
    v.production = e.production;
    v.cost = e.cost;
    v.children.assign(children_.begin() + e.children_begin, children_.begin() + e.children_begin + k);
    return v;
  }

  std::string_view ProductionOperator(uint32_t production) const {
    return production < plan_.productions.size() ? HeadOperator(plan_.productions[production]) : std::string_view();
  }

  ValueColumn KeptColumn(uint32_t id) const {
    ValueColumn column;
    stores_[bank_[id].nonterminal].Load(bank_[id].slot, column);
    return column;
  }


  std::span<const uint32_t> ValueIdsAt(int nt, int cost) const {
    if (nt < 0 || static_cast<size_t>(nt) >= by_cost_.size() || cost < 0) return {};
    const auto& levels = by_cost_[nt];
    return static_cast<size_t>(cost) < levels.size() ? std::span<const uint32_t>(levels[cost]) : std::span<const uint32_t>();
  }

 private:
  using Lists = absl::InlinedVector<const std::vector<uint32_t>*, 4>;

  // One (production, split) of a ranked level: its child lists cut into the ranker's tiers, or whole when
  // ranking it would cost more than it could save. `delay`: how many levels after its own cost it runs
  // (only the tiles the ranker delays that long).
  struct RankedBlock {
    uint32_t production;
    std::vector<int> split;
    std::vector<const std::vector<std::vector<uint32_t>>*> tiers;  // [hole][tier]; empty: not ranked
    int delay = 0;
  };

  // The level's leaves and combinations in production order; with a ranker, the leaves first, then the
  // combinations as RunRankedBlocks orders them.
  void EnumerateLevel(int cost) {
    std::vector<RankedBlock> blocks;
    for (uint32_t p = 0; p < plan_.productions.size() && !stop_; ++p) {
      const PlannedProduction& prod = plan_.productions[p];
      if (prod.kind == PlannedProduction::Kind::kUnit) continue;  // handled when values are added
      if (prod.holes.empty()) {
        if (prod.cost == cost) EvaluateLeaf(p, cost);
      } else if (hooks_.ranker) {
        AddRankedBlocks(p, cost, blocks);
      } else {
        for (const std::vector<int>& split : SplitsOf(prod, cost)) {
          EnumerateSplit(p, split, cost);
          if (stop_) return;
        }
      }
    }
    if (hooks_.ranker) RunRankedBlocks(blocks, cost);
  }

  // Every split of what `cost` leaves for the production's holes (each hole costs at least 1), in a fixed
  // order; none when the holes cannot fit.
  static std::vector<std::vector<int>> SplitsOf(const PlannedProduction& prod, int cost) {
    const int budget = cost - prod.cost;
    if (budget < static_cast<int>(prod.holes.size())) return {};
    return Compositions(budget, prod.holes.size());
  }

  // Production p's blocks of a ranked level at `cost`: its own splits, and where the ranker delays poor
  // combinations (ArgumentRanker::DelayOf), the ranked splits of lower costs whose delayed tiles run here,
  // at this level's cost. A block run whole runs at its own cost.
  void AddRankedBlocks(uint32_t p, int cost, std::vector<RankedBlock>& blocks) {
    const PlannedProduction& prod = plan_.productions[p];
    const int tiers = std::max(1, hooks_.ranker->tiers());
    const int last_delay = hooks_.ranker->DelayOf(static_cast<int>(prod.holes.size()) * (tiers - 1));
    for (int delay = 0; delay <= last_delay && cost - delay >= 1; ++delay) {
      for (std::vector<int>& split : SplitsOf(prod, cost - delay)) {
        RankedBlock block = MakeBlock(p, std::move(split));
        block.delay = delay;
        if (delay == 0 || !block.tiers.empty()) blocks.push_back(std::move(block));
      }
    }
  }

  // A ranked level's combinations by the sum of their arguments' tiers (blocks too small to rank count as
  // tier sum 0); within a sum, by production, split and tier tuple.
  void RunRankedBlocks(const std::vector<RankedBlock>& blocks, int cost) {
    const int tiers = std::max(1, hooks_.ranker->tiers());
    size_t most_holes = 0;
    for (const RankedBlock& b : blocks) most_holes = std::max(most_holes, plan_.productions[b.production].holes.size());
    const int last_sum = static_cast<int>(most_holes) * (tiers - 1);
    for (int sum = 0; sum <= last_sum && !stop_; ++sum) {
      const int delay = hooks_.ranker->DelayOf(sum);
      for (const RankedBlock& b : blocks) {
        if (b.tiers.empty()) {
          if (sum == 0) EnumerateSplit(b.production, b.split, cost);
        } else if (b.delay == delay) {
          EnumerateTierSum(b, sum, tiers, cost);
        }
        if (stop_) return;
      }
    }
  }

  // Every tuple of tiers of `b` whose sum is `sum`, the last hole's tier turning fastest.
  void EnumerateTierSum(const RankedBlock& b, int sum, int tiers, int cost) {
    const size_t k = b.tiers.size();
    absl::InlinedVector<int, 4> tier(k, 0);
    Lists lists(k);
    while (!stop_) {
      int total = 0;
      for (int t : tier) total += t;
      if (total == sum) {
        bool empty = false;
        for (size_t i = 0; i < k; ++i) {
          lists[i] = &(*b.tiers[i])[tier[i]];
          empty = empty || lists[i]->empty();
        }
        if (!empty) EnumerateProduct(b.production, lists, cost);
      }
      size_t i = k;
      while (i-- > 0 && ++tier[i] == tiers) tier[i] = 0;
      if (i == SIZE_MAX) return;
    }
  }

  RankedBlock MakeBlock(uint32_t p, std::vector<int> split) {
    const PlannedProduction& prod = plan_.productions[p];
    RankedBlock block{p, std::move(split), {}};
    uint64_t product = 1, listed = 0;
    for (size_t i = 0; i < prod.holes.size(); ++i) {
      const size_t size = ValueIdsAt(prod.holes[i], block.split[i]).size();
      if (size == 0) return block;  // nothing to combine: EnumerateSplit returns at once
      product = product > UINT64_MAX / size ? UINT64_MAX : product * size;
      listed += size;
    }
    // Ranking a list costs about one model evaluation per value (once per production, hole and list: later
    // levels reuse it); running a block costs one evaluation per combination.
    const uint64_t payoff = config_.ranking_payoff();
    if (prod.holes.size() < 2 || (payoff > 0 && product / payoff < listed)) return block;
    for (size_t i = 0; i < prod.holes.size(); ++i) block.tiers.push_back(&TiersOf(p, i, block.split[i]));
    return block;
  }

  // The list of hole `hole`'s values at `list_cost`, cut into tiers by the ranker; computed once per
  // production, hole and cost (lists below the current level no longer change).
  const std::vector<std::vector<uint32_t>>& TiersOf(uint32_t p, size_t hole, int list_cost) {
    const uint64_t key = (uint64_t{p} << 32) | (uint64_t{hole} << 24) | static_cast<uint64_t>(list_cost);
    std::unique_ptr<std::vector<std::vector<uint32_t>>>& cut = tiers_[key];
    if (cut) return *cut;
    const PlannedProduction& prod = plan_.productions[p];
    const int nt = prod.holes[hole];
    const std::span<const uint32_t> ids = ValueIdsAt(nt, list_cost);
    std::vector<ValueColumn> columns(ids.size());
    std::vector<const ValueColumn*> pointers(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      stores_[nt].Load(bank_[ids[i]].slot, columns[i]);
      pointers[i] = &columns[i];
    }
    std::vector<uint8_t> tier(ids.size(), 0);
    const ArgumentSlot slot{HeadOperator(prod), static_cast<int>(hole), nt};
    hooks_.ranker->Rank(slot, ids, pointers, tier);
    const int tiers = std::max(1, hooks_.ranker->tiers());
    cut = std::make_unique<std::vector<std::vector<uint32_t>>>(tiers);
    for (size_t i = 0; i < ids.size(); ++i) (*cut)[std::min<int>(tier[i], tiers - 1)].push_back(ids[i]);
    // A ranked list is a second copy of its ids, per production and hole: it counts in the memory budget.
    for (const std::vector<uint32_t>& t : *cut) tier_bytes_ += t.capacity() * sizeof(uint32_t) + sizeof(t);
    return *cut;
  }

  // All ways to write `total` as an ordered sum of `parts` positive integers, lexicographically.
  static std::vector<std::vector<int>> Compositions(int total, size_t parts) {
    std::vector<std::vector<int>> out;
    std::vector<int> current;
    std::function<void(int, size_t)> rec = [&](int left, size_t k) {
      if (k == 1) {
        current.push_back(left);
        out.push_back(current);
        current.pop_back();
        return;
      }
      for (int first = 1; first <= left - static_cast<int>(k - 1); ++first) {
        current.push_back(first);
        rec(left - first, k - 1);
        current.pop_back();
      }
    };
    rec(total, parts);
    return out;
  }

  // A candidate that survived the workers' filter: evaluated without error and not equal to a value
  // the non-terminal had before this batch.
  struct Survivor {
    uint64_t index;  // position in the split's product of child lists
    uint64_t hash;
    ValueColumn column;
  };

  // Evaluates the product of the child lists in batches: workers evaluate, hash and drop values already
  // known; the survivors are merged in enumeration order, so the bank, and so the answer, is the same
  // for any number of threads.
  void EnumerateSplit(uint32_t p, const std::vector<int>& split, int cost) {
    const PlannedProduction& prod = plan_.productions[p];
    const size_t k = prod.holes.size();
    Lists lists(k);
    for (size_t i = 0; i < k; ++i) {
      const auto& levels = by_cost_[prod.holes[i]];
      if (static_cast<size_t>(split[i]) >= levels.size() || levels[split[i]].empty()) return;
      lists[i] = &levels[split[i]];
    }
    EnumerateProduct(p, lists, cost);
  }

  // The product of `lists` (one non-empty list per hole of production p), as EnumerateSplit describes.
  void EnumerateProduct(uint32_t p, const Lists& lists, int cost) {
    const PlannedProduction& prod = plan_.productions[p];
    const size_t k = prod.holes.size();
    uint64_t total = 1;
    for (size_t i = 0; i < k; ++i) {
      // The lists hold lower costs than `cost`, so adding values at this level never grows them.
      total = total > UINT64_MAX / lists[i]->size() ? UINT64_MAX : total * lists[i]->size();
    }
    for (uint64_t begin = 0; begin < total && !stop_; begin += kBatch) {
      const uint64_t end = std::min(total, begin + kBatch);
      const uint64_t chunk = (end - begin + kChunks - 1) / kChunks;
      // Reused across batches: the buffers keep their capacity.
      std::vector<std::vector<Survivor>>& survivors = survivors_;
      survivors.resize(kChunks);
      // Survivor slots are overwritten, not destroyed, so their columns keep their buffers.
      std::vector<size_t> used(kChunks, 0);
      std::vector<uint64_t> known(kChunks, 0);
      auto work = [&](size_t c) {
        const uint64_t from = begin + c * chunk, to = std::min(end, from + chunk);
        if (from < to) EvaluateRange(p, lists, from, to, survivors[c], used[c], known[c]);
      };
      if (arena_) {
        arena_->execute([&] { ParallelFor(0, kChunks, work); });
      } else {
        for (size_t c = 0; c < kChunks; ++c) work(c);
      }
      ScoreBatch(prod, cost, used);
      absl::InlinedVector<uint32_t, 4> children(k);
      size_t scored = 0;
      for (size_t c = 0; c < kChunks && !stop_; ++c) {
        caches_[prod.nonterminal].CountHits(known[c]);
        for (size_t u = 0; u < used[c]; ++u) {
          const Survivor& sv = survivors[c][u];
          if (u + kGroup < used[c]) caches_[prod.nonterminal].Prefetch(survivors[c][u + kGroup].hash);
          Decode(lists, sv.index, children);
          const int extra = hooks_.scorer ? extra_cost_[scored++] : 0;
          Add(prod.nonterminal, p, children, cost + extra, sv.column, sv.hash);
          if (stop_) break;
        }
      }
      stats_.candidates += end - begin;
      AfterBatch();
    }
  }

  // Mixed-radix decoding, the last hole varying fastest.
  static void Decode(const Lists& lists, uint64_t index, absl::InlinedVector<uint32_t, 4>& children) {
    for (size_t i = lists.size(); i-- > 0;) {
      const uint64_t size = lists[i]->size();
      children[i] = (*lists[i])[index % size];
      index /= size;
    }
  }

  // Worker state: one set of step results per slot of a probe group, reused across candidates.
  struct Scratch {
    std::vector<std::vector<ValueColumn>> steps;  // [slot][step]
    std::vector<ValueColumn> results;             // [slot], interpreter path
    std::vector<ValueColumn> children;            // [hole]: the child values, loaded from the stores
    std::vector<uint32_t> loaded;                 // [hole]: which bank entry children[hole] holds
    EvalContext ctx;
  };
  static constexpr size_t kGroup = 8;  // candidates whose cache probes are prefetched together

  // Evaluates one candidate into slot `j`; returns its column, or nullptr when it has no value.
  const ValueColumn* Evaluate(const PlannedProduction& prod, std::span<const uint32_t> children, Scratch& sc,
                              size_t j) const {
    // Children change one hole at a time (an odometer), so most stay loaded from the last candidate.
    absl::InlinedVector<const ValueColumn*, 8> holes;
    for (size_t h = 0; h < children.size(); ++h) {
      if (sc.loaded[h] != children[h]) {
        const BankEntry& e = bank_[children[h]];
        stores_[e.nonterminal].Load(e.slot, sc.children[h]);
        sc.loaded[h] = children[h];
      }
      holes.push_back(&sc.children[h]);
    }
    return EvaluatePlanned(prod, *prod.eval_term, inputs_, holes, n_, interpreter_, sc.steps[j], sc.results[j], sc.ctx);
  }

  // Worker body: reads the bank and the caches, writes only its own outputs. Candidates go in groups
  // whose cache buckets are prefetched before they are probed, so the memory latency of one probe
  // overlaps with the others once the tables outgrow the caches.
  void EvaluateRange(uint32_t p, const Lists& lists, uint64_t from, uint64_t to, std::vector<Survivor>& out,
                     size_t& used, uint64_t& known) const {
    const PlannedProduction& prod = plan_.productions[p];
    const EquivalenceCache& cache = caches_[prod.nonterminal];
    const ColumnStore& store = stores_[prod.nonterminal];
    const size_t k = lists.size();
    // Each thread keeps its scratch columns across ranges, so their buffers are allocated once.
    Scratch& sc = scratch_.local();
    sc.steps.resize(kGroup);
    sc.results.resize(kGroup);
    sc.children.resize(k);
    sc.loaded.assign(k, UINT32_MAX);
    // An odometer over the child lists, started at `from`, the last hole turning fastest.
    absl::InlinedVector<size_t, 4> digit(k);
    uint64_t rest = from;
    for (size_t i = k; i-- > 0;) {
      digit[i] = rest % lists[i]->size();
      rest /= lists[i]->size();
    }
    absl::InlinedVector<uint32_t, 4> children(k);
    const ValueColumn* value[kGroup];
    uint64_t hash[kGroup], index[kGroup];
    for (uint64_t base = from; base < to; base += kGroup) {
      const size_t group = static_cast<size_t>(std::min<uint64_t>(kGroup, to - base));
      for (size_t j = 0; j < group; ++j) {
        for (size_t i = 0; i < k; ++i) children[i] = (*lists[i])[digit[i]];
        index[j] = base + j;
        value[j] = Evaluate(prod, children, sc, j);
        if (value[j] != nullptr) {
          hash[j] = FunctionalHash(*value[j]);
          cache.Prefetch(hash[j]);
        }
        for (size_t i = k; i-- > 0;) {
          if (++digit[i] < lists[i]->size()) break;
          digit[i] = 0;
        }
      }
      if (cache.exact()) {
        // Start loading the stored columns that the hits will be compared with.
        for (size_t j = 0; j < group; ++j) {
          if (value[j] == nullptr) continue;
          if (std::optional<uint32_t> slot = cache.PrimaryId(hash[j])) store.Prefetch(*slot);
        }
      }
      for (size_t j = 0; j < group; ++j) {
        if (value[j] == nullptr) continue;
        if (cache.Contains(hash[j], *value[j])) {
          ++known;
        } else {
          if (used == out.size()) out.emplace_back();
          Survivor& sv = out[used++];
          sv.index = index[j];
          sv.hash = hash[j];
          sv.column = *value[j];
        }
      }
    }
  }

  // The scorer's extra cost for each survivor of the batch (chunks in order), into extra_cost_.
  void ScoreBatch(const PlannedProduction& prod, int cost, const std::vector<size_t>& used) {
    if (!hooks_.scorer) return;
    batch_.clear();
    const std::string_view op = HeadOperator(prod);
    for (size_t c = 0; c < kChunks; ++c) {
      for (size_t u = 0; u < used[c]; ++u) batch_.push_back({prod.nonterminal, cost, &survivors_[c][u].column, false, op});
    }
    Score(batch_);
  }

  void Score(std::span<const CandidateValue> batch) {
    extra_cost_.assign(batch.size(), 0);
    hooks_.scorer->Score(batch, extra_cost_);
    // Past max_cost is past every level: there the cost no longer matters (and cannot overflow).
    for (size_t i = 0; i < batch.size(); ++i) {
      extra_cost_[i] = std::clamp(extra_cost_[i], 0, std::max(0, config_.max_cost() + 1 - batch[i].cost));
    }
  }

  // Leaves: evaluated once, in the calling thread.
  void EvaluateLeaf(uint32_t p, int cost) {
    const PlannedProduction& prod = plan_.productions[p];
    ++stats_.candidates;
    auto out = interpreter_.Evaluate(*prod.eval_term, inputs_, n_);
    if (out.ok()) {
      const uint64_t hash = FunctionalHash(*out);
      int extra = 0;
      if (hooks_.scorer) {
        const CandidateValue value[] = {{prod.nonterminal, cost, &*out, true}};
        Score(value);
        extra = extra_cost_[0];
      }
      Add(prod.nonterminal, p, {}, cost + extra, *out, hash);
    }
  }

  // Budgets, progress and the divide-and-conquer attempts run between batches, at candidate counts
  // that do not depend on timing or threads (except the clock-based budgets themselves).
  void AfterBatch() {
    CheckBudgets();
    if (dc_ && !stop_ && stats_.candidates >= next_combination_) {
      TryDivideAndConquer();
      next_combination_ = stats_.candidates + kCombinationInterval;
    }
  }

  // Keeps `column` for `nt` unless an equivalent value is there already; propagates along unit
  // productions (M ::= N) and checks the start symbol against the expected outputs.
  void Add(int nt, uint32_t p, std::span<const uint32_t> children, int cost, const ValueColumn& column, uint64_t hash) {
    PROGSEARCH_DCHECK(bank_.size() < UINT32_MAX && stores_[nt].count() < UINT32_MAX);
    const uint32_t id = static_cast<uint32_t>(bank_.size());
    const uint32_t slot = static_cast<uint32_t>(stores_[nt].count());
    if (caches_[nt].FindOrInsert(hash, column, slot)) return;
    BankEntry& e = bank_.emplace_back();
    e.slot = stores_[nt].Add(column);
    e.production = p;
    e.children_begin = static_cast<uint32_t>(children_.size());
    children_.insert(children_.end(), children.begin(), children.end());
    // Costs above 65535 are clamped (no level reaches them); a nonterminal always fits.
    PROGSEARCH_DCHECK(cost >= 0);
    PROGSEARCH_DCHECK(nt >= 0 && nt <= UINT16_MAX);
    e.cost = static_cast<uint16_t>(std::min(cost, int{UINT16_MAX}));
    e.nonterminal = static_cast<uint16_t>(nt);
    // A value a scorer delayed past the largest cost is kept (it still deduplicates and may be the
    // answer) but no level builds on it.
    if (cost <= config_.max_cost()) {
      if (by_cost_[nt].size() <= static_cast<size_t>(cost)) by_cost_[nt].resize(cost + 1);
      by_cost_[nt][cost].push_back(id);
    }
    ++stats_.distinct_values;
    if (nt == 0 && (hooks_.accept ? hooks_.accept(BuildTerm(id)) : hash == expected_hash_ && column == expected_)) {
      solution_ = id;
      stop_ = StopReason::kSolved;
      return;
    }
    if (dc_) {
      if (nt == dc_->term_nonterminal()) dc_->OfferTerm(id, column);
      if (nt == dc_->predicate_nonterminal()) dc_->OfferPredicate(id, column, interpreter_);
    }
    for (uint32_t unit : plan_.units_from[nt]) {
      const uint32_t child[1] = {id};
      Add(plan_.productions[unit].nonterminal, unit, child, cost, column, hash);
      if (stop_) return;
    }
  }

  // Everything the bank holds, read off the containers: entries, child lists, the per-cost id lists
  // (every kept value's id sits in one at most: none if a scorer delayed it past max_cost), the caches,
  // the column stores and a ranker's tiers.
  size_t MemoryBytes() const {
    size_t bytes = bank_.capacity() * sizeof(BankEntry) + children_.capacity() * sizeof(uint32_t) +
                   stats_.distinct_values * sizeof(uint32_t);
    for (const EquivalenceCache& c : caches_) bytes += c.footprint_bytes();
    for (const ColumnStore& s : stores_) bytes += s.bytes();
    return bytes + tier_bytes_;
  }

  void CheckBudgets() {
    const auto now = std::chrono::steady_clock::now();
    stats_.memory_bytes = MemoryBytes();
    stats_.seconds = std::chrono::duration<double>(now - start_).count();
    if (deadline_.expired()) {
      stop_ = deadline_.stopped() ? StopReason::kInterrupted : StopReason::kTimeout;
    } else if (config_.max_candidates() && stats_.candidates >= config_.max_candidates()) {
      stop_ = StopReason::kCandidates;
    } else if (stats_.memory_bytes >= max_memory_bytes_) {
      stop_ = StopReason::kMemory;
    }
    if (progress_ && now >= next_progress_) {
      next_progress_ = now + std::chrono::milliseconds(250);
      if (!progress_(stats_) && !stop_) stop_ = StopReason::kInterrupted;
    }
  }

  // Combines partial solutions with the grammar's conditional; keeps the tree only if it reproduces
  // every example.
  void TryDivideAndConquer() {
    if (!dc_ || !dc_->WorthTrying()) return;
    TermPtr tree = dc_->TryBuild([this](uint32_t id) { return BuildTerm(id); }, deadline_);
    if (tree == nullptr) return;
    auto out = interpreter_.Evaluate(*tree, inputs_, n_);
    if (out.ok() && *out == expected_) {
      combined_solution_ = tree;
      stop_ = StopReason::kSolved;
    }
  }

  TermPtr BuildTerm(uint32_t id) const {
    const BankEntry& e = bank_[id];
    const PlannedProduction& prod = plan_.productions[e.production];
    std::vector<TermPtr> children;
    for (size_t i = 0; i < prod.holes.size(); ++i) children.push_back(BuildTerm(children_[e.children_begin + i]));
    if (prod.kind == PlannedProduction::Kind::kUnit) return children[0];
    return FillHoles(prod.pattern, children);
  }

  GrammarPlan plan_;
  BottomUpConfig config_;
  BottomUpHooks hooks_;
  size_t n_;
  size_t max_memory_bytes_;
  Interpreter interpreter_;
  std::vector<ValueColumn> inputs_;
  ValueColumn expected_;
  uint64_t expected_hash_ = 0;

  std::vector<BankEntry> bank_;
  std::deque<ColumnStore> stores_;  // one per non-terminal (a deque: a store does not move)
  std::vector<uint32_t> children_;
  std::vector<std::vector<Survivor>> survivors_;              // per chunk of the current batch
  std::vector<CandidateValue> batch_;                         // the batch's survivors, for the scorer
  std::vector<int> extra_cost_;                               // the scorer's answer for batch_
  mutable tbb::enumerable_thread_specific<Scratch> scratch_;  // EvaluateRange's, per worker thread
  std::vector<EquivalenceCache> caches_;                      // one per non-terminal
  std::vector<std::vector<std::vector<uint32_t>>> by_cost_;   // [nonterminal][cost] -> ids
  // TiersOf's answers, by production, hole and list cost.
  absl::flat_hash_map<uint64_t, std::unique_ptr<std::vector<std::vector<uint32_t>>>> tiers_;
  size_t tier_bytes_ = 0;  // what tiers_ holds

  BottomUpStats stats_;
  std::optional<StopReason> stop_;
  std::optional<uint32_t> solution_;
  std::optional<DivideAndConquer> dc_;
  TermPtr combined_solution_;
  std::chrono::steady_clock::time_point start_, next_progress_;
  uint64_t next_combination_ = kCombinationInterval;
  std::unique_ptr<tbb::task_arena> arena_;  // null: run batches in the calling thread

  static constexpr uint64_t kBatch = 4096;
  static constexpr size_t kChunks = 16;
  static constexpr uint64_t kCombinationInterval = uint64_t{1} << 16;
  Deadline deadline_;
  ProgressFn progress_;
};

absl::Status ValidateBottomUpConfig(const BottomUpConfig& config, std::string_view prefix) {
  RETURN_IF_ERROR(RequireTimeLimit(StrCat(prefix, "timeout_seconds"), config.timeout_seconds()));
  RETURN_IF_ERROR(RequireRange(StrCat(prefix, "max_cost"), config.max_cost(), 1, 1000));
  return RequireRange(StrCat(prefix, "threads"), config.threads(), 0, 1024);
}

absl::StatusOr<std::unique_ptr<BottomUpSearch>> BottomUpSearch::Create(const Task& task, const BottomUpConfig& config,
                                                                       BottomUpHooks hooks) {
  RETURN_IF_ERROR(ValidateBottomUpConfig(config));
  if (task.synth_funs.size() != 1) {
    return absl::InvalidArgumentError(
        StrCat("bottom-up search needs exactly one synth-fun, the task has ", task.synth_funs.size()));
  }
  if (task.examples.empty()) {
    return absl::InvalidArgumentError(
        "bottom-up search needs input/output examples; this task has only a logical spec");
  }
  auto plan = PlanGrammar(task, task.synth_funs[0]);
  if (!plan.ok()) return plan.status();
  return std::unique_ptr<BottomUpSearch>(
      new BottomUpSearch(std::make_unique<Impl>(task, *std::move(plan), config, std::move(hooks))));
}

BottomUpSearch::BottomUpSearch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BottomUpSearch::~BottomUpSearch() = default;
BottomUpResult BottomUpSearch::Run(const ProgressFn& progress) { return impl_->Run(progress); }
size_t BottomUpSearch::ValuesAt(int nt, int cost) const { return impl_->ValueIdsAt(nt, cost).size(); }
std::span<const uint32_t> BottomUpSearch::ValueIdsAt(int nt, int cost) const { return impl_->ValueIdsAt(nt, cost); }
size_t BottomUpSearch::KeptCount() const { return impl_->KeptCount(); }
KeptValue BottomUpSearch::Kept(uint32_t id) const { return impl_->Kept(id); }
ValueColumn BottomUpSearch::KeptColumn(uint32_t id) const { return impl_->KeptColumn(id); }
std::string_view BottomUpSearch::ProductionOperator(uint32_t production) const {
  return impl_->ProductionOperator(production);
}

}  // namespace progsearch
