#include "dsl/task.h"

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

}  // namespace

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
