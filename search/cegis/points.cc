#include "search/cegis/points.h"

#include "dsl/interpreter.h"
#include "dsl/random_term.h"
#include "search/cegis/spec_elimination.h"
#include "search/cegis/spec_rewrite.h"

namespace progsearch {
namespace {

std::string RandomString(std::mt19937_64& rng) {
  std::string s;
  for (uint64_t n = rng() % 5; n > 0; --n) s += static_cast<char>('a' + rng() % 3);
  return s;
}

// Value `index` of the initial point sequence for variable number `variable`.
Value PointValue(const Type& type, int index, int variable, std::mt19937_64& rng) {
  switch (type.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBitVec: {
      const std::vector<Value> edges = EdgeValues(type);
      if (index < static_cast<int>(edges.size())) return edges[(index + variable) % edges.size()];
      return SmallValue(type, rng);
    }
    case TypeKind::kBool:
      return Value::Bool(index < 2 ? index == 1 : rng() % 2 == 1);
    case TypeKind::kString: {
      static const char* edges[] = {"", "a", "ab"};
      if (index < 3) return Value::String(edges[index]);
      return Value::String(RandomString(rng));
    }
    default:
      return SampleValue(type, rng);
  }
}

}  // namespace

std::vector<std::vector<Value>> InitialPoints(const std::vector<Declaration>& variables, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Value>> points;
  for (int k = 0; k < count; ++k) {
    std::vector<Value> point;
    for (size_t v = 0; v < variables.size(); ++v)
      point.push_back(PointValue(variables[v].type, k, static_cast<int>(v), rng));
    points.push_back(std::move(point));
  }
  return points;
}

Value SampleValue(const Type& type, std::mt19937_64& rng) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return Value::Int(static_cast<int64_t>(rng() % 61) - 30);
    case TypeKind::kBool:
      return Value::Bool(rng() % 2 == 1);
    case TypeKind::kBitVec:
      return Value::BitVec(type, rng());
    case TypeKind::kString:
      return Value::String(RandomString(rng));
    case TypeKind::kFloat:
      return Value::Float(static_cast<double>(static_cast<int64_t>(rng() % 61) - 30) / 4);
    default:
      return DefaultBody(type)->value();
  }
}

std::vector<std::vector<Value>> SamplePoints(const std::vector<Declaration>& variables, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Value>> points;
  for (int p = 0; p < count; ++p) {
    std::vector<Value> point;
    for (const Declaration& d : variables) point.push_back(SampleValue(d.type, rng));
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<ValueColumn> PointColumns(const std::vector<Declaration>& variables,
                                      const std::vector<std::vector<Value>>& points) {
  std::vector<ValueColumn> columns;
  for (size_t v = 0; v < variables.size(); ++v) {
    std::vector<Value> column;
    for (const std::vector<Value>& p : points) column.push_back(p[v]);
    columns.push_back(ValueColumn::FromValues(variables[v].type, column));
  }
  return columns;
}

std::vector<std::vector<bool>> SpecHoldsWith(const Task& task, std::span<const TermPtr> spec,
                                             std::span<const TermPtr> terms, const std::vector<ValueColumn>& inputs,
                                             size_t n, bool unknown) {
  const SynthFun& f = task.synth_funs[0];
  // The spec with f's application read from an extra input column.
  const TermPtr value = Term::Variable(static_cast<int>(task.declared_vars.size()), "f_value", f.result);
  std::vector<TermPtr> replaced;
  for (const TermPtr& c : spec) replaced.push_back(ReplaceCalls(c, f.primitive, value));
  auto conjunction = Conjunction(replaced, *task.registry);
  std::vector<std::vector<bool>> out(terms.size(), std::vector<bool>(n, unknown));
  if (!conjunction.ok() || n == 0) return out;
  const Interpreter interpreter;
  for (size_t k = 0; k < terms.size(); ++k) {
    auto values = interpreter.Evaluate(*terms[k], inputs, n);
    if (!values.ok()) continue;
    std::vector<ValueColumn> with_value = inputs;
    with_value.push_back(*std::move(values));
    auto holds = interpreter.Evaluate(**conjunction, with_value, n);
    for (size_t p = 0; holds.ok() && p < n; ++p) out[k][p] = holds->Get(p).as_bool();
  }
  return out;
}

}  // namespace progsearch
