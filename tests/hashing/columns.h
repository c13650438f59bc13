// Columns from literal lists, for the hashing tests.
#pragma once

#include <string>
#include <vector>

#include "core/value_column.h"

namespace progsearch::testing {

inline ValueColumn Ints(const std::vector<int64_t>& v) {
  std::vector<Value> values;
  for (int64_t x : v) values.push_back(Value::Int(x));
  return ValueColumn::FromValues(Type::Int(), values);
}
inline ValueColumn Strings(const std::vector<std::string>& v) {
  std::vector<Value> values;
  for (const auto& s : v) values.push_back(Value::String(s));
  return ValueColumn::FromValues(Type::String(), values);
}
inline ValueColumn Floats(const std::vector<double>& v) {
  std::vector<Value> values;
  for (double x : v) values.push_back(Value::Float(x));
  return ValueColumn::FromValues(Type::Float(), values);
}

}  // namespace progsearch::testing
