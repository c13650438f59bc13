#include "dsl/task.h"

#include "absl/container/flat_hash_map.h"
#include "core/str_cat.h"

namespace progsearch {
namespace {

std::vector<ValueColumn> Inputs(const Task& task, const std::vector<Example>& examples) {
  std::vector<ValueColumn> columns;
  if (task.synth_funs.empty()) return columns;
  const auto& params = task.synth_funs[0].params;
  for (size_t p = 0; p < params.size(); ++p) {
    std::vector<Value> values;
    values.reserve(examples.size());
    for (const Example& e : examples) values.push_back(e.inputs[p]);
    columns.push_back(ValueColumn::FromValues(params[p].type, values));
  }
  return columns;
}

ValueColumn Outputs(const Task& task, const std::vector<Example>& examples) {
  std::vector<Value> values;
  values.reserve(examples.size());
  for (const Example& e : examples) values.push_back(e.output);
  return ValueColumn::FromValues(task.synth_funs.empty() ? Type::Int() : task.synth_funs[0].result, values);
}

// "WHERE" or "WHAT N" for example i.
std::string NameOf(const Example& e, size_t i, std::string_view what) {
  return e.where.empty() ? StrCat(what, " ", i + 1) : e.where;
}

}  // namespace

absl::Status CheckExamplesAgree(const std::vector<Example>& examples, std::string_view what) {
  absl::flat_hash_map<std::string, size_t> first_with;  // the inputs, printed, to the first such example
  for (size_t i = 0; i < examples.size(); ++i) {
    std::string key;
    for (const Value& v : examples[i].inputs) StrAppend(&key, v.ToString(), " ");
    const auto [at, inserted] = first_with.emplace(key, i);
    if (inserted) continue;
    const Example& earlier = examples[at->second];
    if (earlier.output == examples[i].output) continue;
    key.pop_back();
    return absl::InvalidArgumentError(StrCat(
        NameOf(earlier, at->second, what), " and ", NameOf(examples[i], i, what), ": the same inputs (", key,
        ") with different outputs, ", earlier.output.ToString(), " and ", examples[i].output.ToString(),
        ": no function fits both"));
  }
  return absl::OkStatus();
}

std::vector<Declaration> MacroParameters(const Primitive& macro) {
  std::vector<Declaration> params;
  for (size_t i = 0; i < macro.arg_types.size(); ++i)
    params.push_back(Declaration{macro.param_names[i], macro.arg_types[i]});
  return params;
}

std::vector<ValueColumn> Task::InputColumns() const { return Inputs(*this, examples); }
ValueColumn Task::OutputColumn() const { return Outputs(*this, examples); }
std::vector<ValueColumn> Task::TestInputColumns() const { return Inputs(*this, test_examples); }
ValueColumn Task::TestOutputColumn() const { return Outputs(*this, test_examples); }

}  // namespace progsearch
