#include <catch2/catch.hpp>
#include <functional>

#include "formats/program_reader.h"
#include "search/bottom_up/argument_ranker.h"
#include "search/bottom_up/bottom_up_search.h"
#include "tests/parse_task.h"
#include "tests/initials_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// Tiers from a function of the slot and the value's first row; counts the slots it was asked about.
struct TestRanker : ArgumentRanker {
  std::function<int(const ArgumentSlot&, const ValueColumn&)> tier_of;
  std::vector<std::string> slots;
  int delay_from = 0;  // tier sums from this one wait two levels; 0: none wait

  int tiers() const override { return 4; }
  int DelayOf(int tier_sum) const override { return delay_from > 0 && tier_sum >= delay_from ? 2 : 0; }
  void Rank(const ArgumentSlot& slot, std::span<const uint32_t> ids, std::span<const ValueColumn* const> values,
            std::span<uint8_t> tier) override {
    REQUIRE(ids.size() == values.size());
    slots.push_back(std::string(slot.op) + "/" + std::to_string(slot.hole));
    for (size_t i = 0; i < values.size(); ++i) tier[i] = static_cast<uint8_t>(tier_of(slot, *values[i]));
  }
};

using ::progsearch::testing::kInitialsTask;

// Every block ranked, however small, so the tiers show on a grammar this size.
BottomUpConfig RankEverything(int threads = 1) {
  BottomUpConfig config;
  config.set_ranking_payoff(0);
  config.set_threads(threads);
  return config;
}

BottomUpHooks Ranked(ArgumentRanker* ranker) {
  BottomUpHooks hooks;
  hooks.ranker = ranker;
  return hooks;
}

// A tier that depends on the value and the slot in no meaningful way, to shuffle the order.
int ScrambledTier(const ArgumentSlot& slot, const ValueColumn& v) {
  return static_cast<int>((std::hash<std::string>()(v.Get(0).ToString()) + slot.hole * 7 + slot.op.size()) % 4);
}

// The first row of the first value kept at `cost` by a search after its run.
std::string FirstAt(const BottomUpSearch& search, int cost) {
  for (uint32_t id = 0; id < search.KeptCount(); ++id) {
    if (search.Kept(id).cost == cost) return search.KeptColumn(id).Get(0).ToString();
  }
  return "";
}

}  // namespace

TEST_CASE("ranking reorders a level but evaluates all of it", "[search][bottom_up][ranking]") {
  // Outputs no program of cost 5 gives: both searches run every level to the end.
  Task task = ParseTask(kInitialsTask);
  task.examples[0].output = Value::String("unreachable");
  BottomUpConfig config = RankEverything();
  config.set_max_cost(5);
  config.set_divide_and_conquer(false);
  BottomUpConfig plain_config = config;
  auto plain = *BottomUpSearch::Create(task, plain_config);
  const BottomUpResult a = plain->Run();
  TestRanker ranker;
  ranker.tier_of = ScrambledTier;
  auto ranked = *BottomUpSearch::Create(task, config, Ranked(&ranker));
  const BottomUpResult b = ranked->Run();
  CHECK(a.reason == StopReason::kExhausted);
  CHECK(b.reason == StopReason::kExhausted);
  CHECK(b.stats.candidates == a.stats.candidates);
  CHECK(b.stats.distinct_values == a.stats.distinct_values);
  for (int nt = 0; nt < 2; ++nt) {
    for (int cost = 1; cost <= 5; ++cost) CHECK(ranked->ValuesAt(nt, cost) == plain->ValuesAt(nt, cost));
  }
  CHECK(!ranker.slots.empty());
}

TEST_CASE("a level runs its best-tier combinations first", "[search][bottom_up][ranking]") {
  const Task task = ParseTask(kInitialsTask);
  BottomUpConfig config = RankEverything();
  config.set_max_cost(3);
  auto plain = *BottomUpSearch::Create(task, config);
  plain->Run();
  // In grammar order the first combination of cost 3 is (str.++ name name).
  CHECK(FirstAt(*plain, 3) == "\"Ada LovelaceAda Lovelace\"");
  // The ranker likes "." before anything and the name after it: (str.++ "." name) comes first.
  TestRanker ranker;
  ranker.tier_of = [](const ArgumentSlot& slot, const ValueColumn& v) {
    if (slot.op != "str.++") return 3;
    const std::string first = v.Get(0).ToString();
    return (slot.hole == 0 && first == "\".\"") || (slot.hole == 1 && first == "\"Ada Lovelace\"") ? 0 : 3;
  };
  auto ranked = *BottomUpSearch::Create(task, config, Ranked(&ranker));
  ranked->Run();
  CHECK(FirstAt(*ranked, 3) == "\".Ada Lovelace\"");
  // Each (production, hole, list) is ranked once.
  std::vector<std::string> slots = ranker.slots;
  std::sort(slots.begin(), slots.end());
  CHECK(std::count(slots.begin(), slots.end(), "str.++/0") == 1);
}

TEST_CASE("a ranker's delays make poor combinations wait levels", "[search][bottom_up][ranking]") {
  const Task task = ParseTask(kInitialsTask);
  BottomUpConfig config = RankEverything();
  config.set_max_cost(5);
  TestRanker ranker;
  // Only "." then the name is good for str.++; two poor arguments (tier sum 6) wait two levels.
  ranker.tier_of = [](const ArgumentSlot& slot, const ValueColumn& v) {
    const std::string first = v.Get(0).ToString();
    return (slot.hole == 0 && first == "\".\"") || (slot.hole == 1 && first == "\"Ada Lovelace\"") ? 0 : 3;
  };
  ranker.delay_from = 6;
  auto search = *BottomUpSearch::Create(task, config, Ranked(&ranker));
  search->Run();
  auto cost_of = [&](const std::string& first) {
    for (uint32_t id = 0; id < search->KeptCount(); ++id) {
      if (search->Kept(id).nonterminal == 0 && search->KeptColumn(id).Get(0).ToString() == first) {
        return search->Kept(id).cost;
      }
    }
    return -1;
  };
  CHECK(cost_of("\".Ada Lovelace\"") == 3);
  CHECK(cost_of("\" .\"") == 5);
  // One good argument and one poor (tier sum 3) do not wait.
  CHECK(cost_of("\"..\"") == 3);
  CHECK(cost_of("\"Ada LovelaceAda Lovelace\"") == 3);
  // A search whose answer needs delayed combinations still finds one, a little later.
  const Task full = ParseTask(kInitialsTask);
  auto delayed = *BottomUpSearch::Create(full, RankEverything(), Ranked(&ranker));
  const BottomUpResult r = delayed->Run();
  CHECK(r.reason == StopReason::kSolved);
}

TEST_CASE("a ranked search gives the same answer on any number of threads", "[threads][search][bottom_up][ranking]") {
  const Task task = ParseTask(kInitialsTask);
  TestRanker one_ranker, two_ranker;
  one_ranker.tier_of = two_ranker.tier_of = ScrambledTier;
  const BottomUpResult one = (*BottomUpSearch::Create(task, RankEverything(1), Ranked(&one_ranker)))->Run();
  const BottomUpResult two = (*BottomUpSearch::Create(task, RankEverything(2), Ranked(&two_ranker)))->Run();
  REQUIRE(one.reason == StopReason::kSolved);
  REQUIRE(two.reason == StopReason::kSolved);
  CHECK(PrintTerm(*one.program) == PrintTerm(*two.program));
  CHECK(one.stats.candidates == two.stats.candidates);
  // Ranking never changes the answer's cost: the unranked search's answer is as large.
  const BottomUpResult plain = (*BottomUpSearch::Create(task, RankEverything(1)))->Run();
  CHECK(one.program->size() == plain.program->size());
}

TEST_CASE("blocks too small to pay for ranking are run whole", "[search][bottom_up][ranking]") {
  const Task task = ParseTask(kInitialsTask);
  BottomUpConfig config;
  config.set_max_cost(4);
  TestRanker ranker;
  ranker.tier_of = ScrambledTier;
  (*BottomUpSearch::Create(task, config, Ranked(&ranker)))->Run();
  // With the default payoff, lists of a handful of values never reach the model.
  CHECK(ranker.slots.empty());
}

}  // namespace progsearch
