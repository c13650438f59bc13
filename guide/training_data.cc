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

// Up to targets_per_task start-symbol values worth asking for, in a random order.
std::vector<uint32_t> PickTargets(const BottomUpSearch& search, const std::vector<ValueColumn>& inputs,
                                  const DataOptions& options, std::mt19937_64& rng) {
  const uint32_t kept = static_cast<uint32_t>(search.KeptCount());
  std::vector<uint32_t> candidates, targets;
  for (uint32_t id = 0; id < kept; ++id) {
    const KeptValue v = search.Kept(id);
    if (v.nonterminal == 0 && v.cost >= options.min_target_cost) candidates.push_back(id);
  }
  std::shuffle(candidates.begin(), candidates.end(), rng);
  for (uint32_t target : candidates) {
    if (targets.size() == static_cast<size_t>(options.targets_per_task)) break;
    const ValueColumn column = search.KeptColumn(target);
    // A constant output teaches little, an input copied out is no program, and nobody asks for a
    // column of errors (a spreadsheet formula's answer holds values; IFERROR makes one of an error).
    if (!VariesAcrossExamples(column) || column.has_errors()) continue;
    if (std::any_of(inputs.begin(), inputs.end(), [&](const ValueColumn& in) { return in == column; })) continue;
    targets.push_back(target);
  }
  return targets;
}

// The target's program in id order (a hash set's order differs between runs, the data must not).
std::vector<uint32_t> ProgramOf(const BottomUpSearch& search, uint32_t target) {
  absl::flat_hash_set<uint32_t> program;
  CollectProgram(search, target, program);
  std::vector<uint32_t> ordered(program.begin(), program.end());
  std::sort(ordered.begin(), ordered.end());
  return ordered;
}

// Rows with a slot (argument rows, and value rows of a model that reads operators) before the
// operators are known: the slot is kept by name, its codes written at the end.
struct PendingSlotRows {
  std::vector<uint8_t> task_codes, value_codes;  // per row, TaskFeatureCount() and ValueFeatureCount()
  std::vector<std::string> ops;
  std::vector<int> holes;
  std::vector<float> labels;
  std::vector<uint32_t> task_of;

  void Add(const std::vector<uint8_t>& task, std::string_view op, int hole, const ValueColumn& value,
           const SignatureContext& context, float label, uint32_t t) {
    task_codes.insert(task_codes.end(), task.begin(), task.end());
    value_codes.resize(value_codes.size() + ValueFeatureCount());
    ValueSignature(value, context, value_codes.data() + value_codes.size() - ValueFeatureCount());
    ops.emplace_back(op);
    holes.push_back(hole);
    labels.push_back(label);
    task_of.push_back(t);
  }
};

// A target's outputs as the task's, and what every row's signatures read of them.
struct Target {
  Target(const BottomUpSearch& search, const std::vector<ValueColumn>& inputs, uint32_t id)
      : column(search.KeptColumn(id)), task_codes(TaskFeatureCount()), context(inputs, column) {
    TaskSignature(inputs, column, task_codes.data());
  }
  const ValueColumn column;
  std::vector<uint8_t> task_codes;
  const SignatureContext context;  // reads `column`, declared before it
};

// The operator that built a kept value: its production's, looked up through unit productions; empty for
// a leaf.
std::string_view OperatorOf(const BottomUpSearch& search, uint32_t id) {
  for (;;) {
    const KeptValue v = search.Kept(id);
    const std::string_view op = search.ProductionOperator(v.production);
    if (!op.empty() || v.children.size() != 1) return op;
    id = v.children[0];
  }
}

// The value model's rows for one target: its program's values positive, other values negative. With
// `with_operator` they go to `pending` with the operator that built each value.
void AddValueRows(const BottomUpSearch& search, const std::vector<ValueColumn>& inputs, uint32_t target,
                  const DataOptions& options, uint32_t task, std::mt19937_64& rng, TrainingSet& set,
                  PendingSlotRows& pending) {
  const uint32_t kept = static_cast<uint32_t>(search.KeptCount());
  const Target t(search, inputs, target);
  const ValueColumn& target_column = t.column;
  const std::vector<uint32_t> program = ProgramOf(search, target);
  auto add = [&](uint32_t id, const ValueColumn& column, float label) {
    if (options.with_operator) {
      pending.Add(t.task_codes, OperatorOf(search, id), 0, column, t.context, label, task);
    } else {
      AddRow(set, t.task_codes, column, t.context, label, task);
    }
  };
  // Values equal to a positive (the same value under another non-terminal) are not negatives.
  absl::flat_hash_set<uint64_t> positive_hashes;
  size_t positives = 0;
  for (uint32_t id : program) {
    const ValueColumn column = search.KeptColumn(id);
    const uint64_t hash = FunctionalHash(column);
    if (column == target_column || !positive_hashes.insert(hash).second) continue;
    add(id, column, 1.0f);
    ++positives;
  }
  std::uniform_int_distribution<uint32_t> any(0, kept - 1);
  const size_t negatives = std::max<size_t>(1, positives) * options.negatives_per_positive;
  for (size_t n = 0, tries = 0; n < negatives && tries < 20 * negatives; ++tries) {
    const uint32_t id = any(rng);
    if (std::binary_search(program.begin(), program.end(), id)) continue;
    const ValueColumn column = search.KeptColumn(id);
    if (positive_hashes.contains(FunctionalHash(column)) || column == target_column) continue;
    add(id, column, 0.0f);
    ++n;
  }
}

// The argument model's rows for one target: each operator node's children are positives at their holes,
// values of the lists they came from (the search's, for the child's non-terminal and cost) negatives.
void AddArgumentRows(const BottomUpSearch& search, const std::vector<ValueColumn>& inputs, uint32_t target,
                     const DataOptions& options, uint32_t task, std::mt19937_64& rng, PendingSlotRows& rows) {
  const Target t(search, inputs, target);
  for (uint32_t id : ProgramOf(search, target)) {
    const KeptValue node = search.Kept(id);
    const std::string_view op = search.ProductionOperator(node.production);
    if (op.empty()) continue;  // a leaf or a unit production combines nothing
    for (size_t hole = 0; hole < node.children.size(); ++hole) {
      const KeptValue child = search.Kept(node.children[hole]);
      const ValueColumn positive = search.KeptColumn(node.children[hole]);
      rows.Add(t.task_codes, op, static_cast<int>(hole), positive, t.context, 1.0f, task);
      const std::span<const uint32_t> list = search.ValueIdsAt(child.nonterminal, child.cost);
      if (list.size() < 2) continue;
      std::uniform_int_distribution<size_t> any(0, list.size() - 1);
      const uint64_t positive_hash = FunctionalHash(positive);
      const int negatives = options.negatives_per_positive;
      for (int n = 0, tries = 0; n < negatives && tries < 20 * negatives; ++tries) {
        const ValueColumn column = search.KeptColumn(list[any(rng)]);
        if (FunctionalHash(column) == positive_hash) continue;
        rows.Add(t.task_codes, op, static_cast<int>(hole), column, t.context, 0.0f, task);
        ++n;
      }
    }
  }
}

// Writes the pending rows into `set`, their slots one-hot over every operator seen, sorted.
void FinishSlotRows(const PendingSlotRows& rows, bool arguments, TrainingSet& set) {
  set.arguments = arguments;
  set.slots = true;
  set.operators.assign(rows.ops.begin(), rows.ops.end());
  std::sort(set.operators.begin(), set.operators.end());
  set.operators.erase(std::unique(set.operators.begin(), set.operators.end()), set.operators.end());
  const size_t task = TaskFeatureCount(), slot = SlotFeatureCount(set.operators.size()), value = ValueFeatureCount();
  set.features = task + slot + value;
  set.codes.resize(rows.labels.size() * set.features);
  for (size_t r = 0; r < rows.labels.size(); ++r) {
    uint8_t* out = set.codes.data() + r * set.features;
    std::copy_n(rows.task_codes.data() + r * task, task, out);
    SlotCodes(set.operators, rows.ops[r], rows.holes[r], out + task);
    std::copy_n(rows.value_codes.data() + r * value, value, out + task + slot);
  }
  set.labels = rows.labels;
  set.task_of = rows.task_of;
}

}  // namespace

absl::StatusOr<TrainingSet> GenerateTrainingData(const DataOptions& options,
                                                 const std::function<void(uint32_t done)>& progress) {
  if (!CanSynthesizeTasks(options.domain)) {
    return absl::InvalidArgumentError("training data can be made for the domains strings, spreadsheet and bv");
  }
  TrainingSet set;
  set.features = TaskFeatureCount() + ValueFeatureCount();
  PendingSlotRows pending;
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
    const std::vector<ValueColumn> inputs = task.InputColumns();
    if (search->KeptCount() >= 2) {
      const std::vector<uint32_t> targets = PickTargets(*search, inputs, options, rng);
      if (options.arguments) {
        for (uint32_t target : targets) AddArgumentRows(*search, inputs, target, options, t, rng, pending);
      } else {
        for (uint32_t target : targets) AddValueRows(*search, inputs, target, options, t, rng, set, pending);
      }
    }
    set.tasks = t + 1;
    if (progress) progress(t + 1);
  }
  if (options.arguments || options.with_operator) FinishSlotRows(pending, options.arguments, set);
  return set;
}

}  // namespace progsearch::guide
