// Helpers shared by the search/lambda tests: Int lists and an independent check of a found program.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "dsl/lambda_program.h"
#include "formats/list_tasks.h"

namespace progsearch::lambda::testing {

inline const Type kInt = Type::Int();
inline const Type kIntList = Type::List(kInt);

inline Value IL(std::vector<int64_t> xs) {
  std::vector<Value> items;
  for (int64_t x : xs) items.push_back(Value::Int(x));
  return Value::List(Type::Int(), std::move(items));
}

// A task `name` of type (List Int) -> `output`: `f` on each of `inputs`.
inline ListTask IntListTask(const std::string& name, const Type& output, const std::vector<std::vector<int64_t>>& inputs,
                            const std::function<Value(const std::vector<int64_t>&)>& f) {
  ListTask t;
  t.name = name;
  t.request = Type::Function({kIntList}, output);
  for (const std::vector<int64_t>& xs : inputs) {
    Example e;
    e.inputs.push_back(IL(xs));
    e.output = f(xs);
    t.examples.push_back(std::move(e));
  }
  return t;
}

// Whether `program` maps every example's input to its output, checked by the interpreter alone.
inline bool Solves(const std::string& program, const ListTask& task) {
  auto e = ParseLambdaExpr(program);
  if (!e.ok()) return false;
  auto term = TypeLambdaProgram(*e, task.request, ListRegistry(), {"x"});
  if (!term.ok()) return false;
  std::vector<Value> in, out;
  for (const Example& ex : task.examples) {
    in.push_back(ex.inputs[0]);
    out.push_back(ex.output);
  }
  std::vector<ValueColumn> columns = {ValueColumn::FromValues(task.request.args()[0], in)};
  auto got = Interpreter().Evaluate(**term, columns, in.size());
  return got.ok() && *got == ValueColumn::FromValues(task.request.result(), out);
}

}  // namespace progsearch::lambda::testing
