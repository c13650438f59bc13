#include "guide/training_data.h"

#include <algorithm>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "core/deadline.h"
#include "core/status_macros.h"
#include "guide/signature.h"
#include "guide/synthetic_tasks.h"
#include "hashing/functional_hash.h"
#include "search/bottom_up/bottom_up_search.h"

namespace progsearch::guide {
namespace {

// The ids of a target's program: the target and every value it was built from.
void CollectProgram(const BottomUpSearch& search, uint32_t id, absl::flat_hash_set<uint32_t>& out) {
  if (!out.insert(id).second) return;
  for (uint32_t child : search.Kept(id).children) CollectProgram(search, child, out);
}

bool VariesAcrossExamples(const ValueColumn& column) {
  for (size_t i = 1; i < column.size(); ++i) {
    if (!(column.Get(i) == column.Get(0))) return true;
  }
  return false;
}

void AddRow(TrainingSet& set, const std::vector<uint8_t>& task_codes, const ValueColumn& value,
            const SignatureContext& context, float label, uint32_t task) {
  const size_t at = set.codes.size();
  set.codes.resize(at + set.features);
  std::copy(task_codes.begin(), task_codes.end(), set.codes.begin() + at);
  ValueSignature(value, context, set.codes.data() + at + task_codes.size());
  set.labels.push_back(label);
  set.task_of.push_back(task);
}

// Samples targets from one finished search and adds their examples.
void AddTargets(const BottomUpSearch& search, const std::vector<ValueColumn>& inputs, const DataOptions& options,
                uint32_t task, std::mt19937_64& rng, TrainingSet& set) {
  const uint32_t kept = static_cast<uint32_t>(search.KeptCount());
  if (kept < 2) return;
  std::vector<uint32_t> candidates;
  for (uint32_t id = 0; id < kept; ++id) {
    const KeptValue v = search.Kept(id);
    if (v.nonterminal == 0 && v.cost >= options.min_target_cost) candidates.push_back(id);
  }
  std::shuffle(candidates.begin(), candidates.end(), rng);
  std::vector<uint8_t> task_codes(TaskFeatureCount());
  int targets = 0;
  for (uint32_t target : candidates) {
    if (targets == options.targets_per_task) break;
    const ValueColumn target_column = search.KeptColumn(target);
    // A constant output teaches little, an input copied out is no program, and nobody asks for a
    // column of errors (a spreadsheet formula's answer holds values; IFERROR makes one of an error).
    if (!VariesAcrossExamples(target_column) || target_column.has_errors()) continue;
    if (std::any_of(inputs.begin(), inputs.end(), [&](const ValueColumn& in) { return in == target_column; })) continue;
    ++targets;
    TaskSignature(inputs, target_column, task_codes.data());
    const SignatureContext context(inputs, target_column);
    absl::flat_hash_set<uint32_t> program;
    CollectProgram(search, target, program);
    // Values equal to a positive (the same value under another non-terminal) are not negatives.
    absl::flat_hash_set<uint64_t> positive_hashes;
    size_t positives = 0;
    // In id order: a hash set's order differs between runs, the data must not.
    std::vector<uint32_t> ordered(program.begin(), program.end());
    std::sort(ordered.begin(), ordered.end());
    for (uint32_t id : ordered) {
      const ValueColumn column = search.KeptColumn(id);
      const uint64_t hash = FunctionalHash(column);
      if (column == target_column || !positive_hashes.insert(hash).second) continue;
      AddRow(set, task_codes, column, context, 1.0f, task);
      ++positives;
    }
    std::uniform_int_distribution<uint32_t> any(0, kept - 1);
    const size_t negatives = std::max<size_t>(1, positives) * options.negatives_per_positive;
    for (size_t n = 0, tries = 0; n < negatives && tries < 20 * negatives; ++tries) {
      const uint32_t id = any(rng);
      if (program.contains(id)) continue;
      const ValueColumn column = search.KeptColumn(id);
      if (positive_hashes.contains(FunctionalHash(column)) || column == target_column) continue;
      AddRow(set, task_codes, column, context, 0.0f, task);
      ++n;
    }
  }
}

}  // namespace

absl::StatusOr<TrainingSet> GenerateTrainingData(const DataOptions& options,
                                                 const std::function<void(uint32_t done)>& progress) {
  if (!CanSynthesizeTasks(options.domain)) {
    return absl::InvalidArgumentError("training data can be made for the domains strings, spreadsheet and bv");
  }
  TrainingSet set;
  set.features = TaskFeatureCount() + ValueFeatureCount();
  std::mt19937_64 rng(options.seed);
  proto::BottomUpConfig config;
  config.set_max_candidates(options.candidates_per_task);
  config.set_divide_and_conquer(false);
  config.set_threads(1);
  BottomUpHooks hooks;
  hooks.interrupt = options.interrupt;
  for (uint32_t t = 0; t < options.tasks && !StopRequested(options.interrupt); ++t) {
    ASSIGN_OR_RETURN(Task task, RandomTask(options.domain, options.examples_per_task, rng));
    ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> search, BottomUpSearch::Create(task, config, hooks));
    if (search->Run().reason == StopReason::kInterrupted) break;  // a cut search's values are not a sample
    AddTargets(*search, task.InputColumns(), options, t, rng, set);
    set.tasks = t + 1;
    if (progress) progress(t + 1);
  }
  return set;
}

}  // namespace progsearch::guide
