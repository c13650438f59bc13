#include "dsl/task.h"

namespace progsearch {

std::vector<ValueColumn> Task::InputColumns() const {
  std::vector<ValueColumn> columns;
  if (synth_funs.empty()) return columns;
  const auto& params = synth_funs[0].params;
  for (size_t p = 0; p < params.size(); ++p) {
    std::vector<Value> values;
    values.reserve(examples.size());
    for (const Example& e : examples) values.push_back(e.inputs[p]);
    columns.push_back(ValueColumn::FromValues(params[p].type, values));
  }
  return columns;
}

ValueColumn Task::OutputColumn() const {
  std::vector<Value> values;
  values.reserve(examples.size());
  for (const Example& e : examples) values.push_back(e.output);
  return ValueColumn::FromValues(synth_funs.empty() ? Type::Int() : synth_funs[0].result, values);
}

}  // namespace progsearch
