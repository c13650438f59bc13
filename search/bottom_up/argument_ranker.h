// The argument-ranking hook of bottom-up search (CrossBeam's and LambdaBeam's idea, in a form that keeps
// enumeration exhaustive): a ranker puts each value a production's hole may take into a tier, and a
// cost level then runs its (production, arguments) combinations by the sum of their arguments' tiers,
// best first. Without delays every combination of a level is evaluated before the next level starts, so
// ranking changes which programs a budget reaches, never which cost an answer has; with delays
// (DelayOf), poor combinations run some levels later. The neural argument model implements it
// (guide/argument_ranker.h).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/value_column.h"

namespace progsearch {

// Where values would go: hole `hole` (pre-order) of a production whose pattern is headed by `op`.
struct ArgumentSlot {
  std::string_view op;
  int hole = 0;
  int nonterminal = 0;  // the hole's
};

class ArgumentRanker {
 public:
  virtual ~ArgumentRanker() = default;

  // Called once before enumeration, as ValueScorer::Begin.
  virtual void Begin(std::span<const ValueColumn> inputs, const ValueColumn& expected) {}

  // How many tiers Rank uses (at least 1); tier 0 is run first.
  virtual int tiers() const = 0;

  // How many cost levels a combination whose arguments' tiers sum to `tier_sum` waits: 0 (the default)
  // keeps every combination at its own cost and only orders the level; more makes poor combinations
  // wait as the value scorer makes poor values wait, so an answer may then cost more than the cheapest.
  // Must not decrease as tier_sum grows.
  virtual int DelayOf(int tier_sum) const { return 0; }

  // Sets tier[i] (in [0, tiers())) of values[i] at `slot`. ids[i] names values[i] for the whole search
  // (the same id is the same value), so a ranker may keep what it computed of a value across slots.
  // Called on the search's thread; the tiers must depend only on the arguments, so the search's
  // answer does not depend on its threads.
  virtual void Rank(const ArgumentSlot& slot, std::span<const uint32_t> ids,
                    std::span<const ValueColumn* const> values, std::span<uint8_t> tier) = 0;
};

}  // namespace progsearch
