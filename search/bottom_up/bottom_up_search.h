// Bottom-up enumeration with observational equivalence (BUSTLE / EUSolver style).
//
// Programs are built by increasing cost from already evaluated smaller programs, following the task's
// grammar: every non-terminal keeps one program per distinct output column (deduplicated by the
// functional hash), and the search stops at the first program of the start symbol whose outputs equal
// the expected ones. Since each value keeps its cheapest program and costs grow level by level, the
// answer is a cheapest program in the grammar (node count by default) among those that fit the examples.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/stop_reason.h"
#include "core/term.h"
#include "dsl/task.h"
#include "hashing/equivalence_cache.h"
#include "proto/config.pb.h"
#include "search/bottom_up/argument_ranker.h"
#include "search/bottom_up/value_scorer.h"

namespace progsearch {

// Budgets and switches (proto/config.proto: the defaults, with what each field means).
using BottomUpConfig = proto::BottomUpConfig;

// What a caller plugs into a search, besides its settings.
struct BottomUpHooks {
  // When set, a start-symbol program is an answer when `accept` says so, instead of when its outputs
  // equal the examples' (whose inputs then only serve to tell values apart). CEGIS uses it for specs
  // that apply the function to several argument lists. Divide and conquer is off in this mode.
  std::function<bool(const TermPtr& program)> accept;
  // When set, scores every new value and may delay it (value_scorer.h); not owned, outlives the search.
  ValueScorer* scorer = nullptr;
  // When set, orders each cost level's combinations by the tiers it gives their arguments
  // (argument_ranker.h); not owned, outlives the search.
  ArgumentRanker* ranker = nullptr;
  // When set, the search ends (StopReason::kInterrupted) at its next budget check once this is true: how
  // SIGINT, SIGTERM or a caller's cancel reach it. Not owned; outlives the search.
  const std::atomic<bool>* interrupt = nullptr;
};

struct BottomUpStats {
  uint64_t candidates = 0;       // programs evaluated
  uint64_t distinct_values = 0;  // programs kept (one per value and non-terminal)
  int cost = 0;                  // cost level being (or last) enumerated
  double seconds = 0;
  size_t memory_bytes = 0;  // estimate of what the value bank holds
  CacheStats cache;
};

struct BottomUpResult {
  StopReason reason = StopReason::kExhausted;
  TermPtr program;  // the solution, over the synth-fun's parameters (Variable(i) = parameter i)
  BottomUpStats stats;
};

// InvalidArgument, naming the setting, for values no search can run with (max_cost 1 to 1000, threads 1
// to 1024, a timeout from 0 up). `prefix` names the message the config sits in ("search.").
absl::Status ValidateBottomUpConfig(const BottomUpConfig& config, std::string_view prefix = "");

// One value the search kept: for training the guide on what searches build (guide/training_data.h).
struct KeptValue {
  int nonterminal = 0;
  uint32_t production = 0;          // of the grammar plan; ProductionOperator names its operator
  int cost = 0;                     // after any scorer's delay
  std::vector<uint32_t> children;  // ids of the kept values its program was built from
};

// Called about four times a second during a run; returning false ends it (StopReason::kInterrupted).
using ProgressFn = std::function<bool(const BottomUpStats&)>;

class BottomUpSearch {
 public:
  // Fails for tasks it cannot search: no single synth-fun, no examples, no grammar.
  static absl::StatusOr<std::unique_ptr<BottomUpSearch>> Create(const Task& task, const BottomUpConfig& config,
                                                                BottomUpHooks hooks = {});
  ~BottomUpSearch();

  BottomUpResult Run(const ProgressFn& progress = nullptr);

  // Distinct values kept for non-terminal `nt` at exactly `cost` (after a run; for tests and reports).
  size_t ValuesAt(int nt, int cost) const;
  // Their ids, in the order they were kept: the list a hole of `nt` at `cost` combines.
  std::span<const uint32_t> ValueIdsAt(int nt, int cost) const;

  // Every value kept (after a run), by id 0 .. KeptCount()-1 in the order they were kept: how each was
  // built and its outputs on the examples.
  size_t KeptCount() const;
  KeptValue Kept(uint32_t id) const;
  ValueColumn KeptColumn(uint32_t id) const;
  // The operator heading a production's pattern; empty for leaves and unit productions.
  std::string_view ProductionOperator(uint32_t production) const;

 private:
  class Impl;
  explicit BottomUpSearch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace progsearch
