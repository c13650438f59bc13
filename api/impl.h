// The public API's handles, opened: what a Program and a SearchSpace hold of the engine. Internal: the
// installed headers only declare these.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/term.h"
#include "core/value_column.h"
#include "dsl/primitive.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "progsearch/program.h"
#include "progsearch/search_space.h"

namespace progsearch {

struct SearchSpace::Impl {
  // The space's own operators, over the built-in ones. Shared with every Program built here, so a
  // program outlives its space safely.
  std::shared_ptr<PrimitiveRegistry> registry;
  std::vector<std::pair<std::string, ValueKind>> variables;
  std::vector<Declaration> declarations;
  ValueKind result = ValueKind::kFloat;
  std::vector<const Primitive*> ops;
  std::vector<std::string> descriptions;
};

struct Program::Impl {
  TermPtr term;
  std::shared_ptr<const PrimitiveRegistry> registry;
  std::vector<Declaration> variables;
};

// A Program of `space` computing `term`.
Program MakeProgram(const SearchSpace::Impl& space, TermPtr term);

// Conversions between the API's values and the engine's.
Type TypeOf(ValueKind kind);
ValueKind KindOfType(const Type& type);  // throws Error for sorts the API does not exchange
Value ToValue(const Scalar& s, ValueKind kind, const std::string& where);  // throws Error on a kind mismatch
Value ToValue(const Scalar& s, const Type& type, const std::string& where);  // the same, bit-vector widths too
Scalar ToScalar(const Value& v);
ValueColumn ToColumn(const std::vector<Scalar>& column, ValueKind kind, const std::string& where);
ValueColumn ToColumn(const std::vector<Scalar>& column, const Type& type, const std::string& where);
std::vector<Scalar> ToScalars(const ValueColumn& column);

// Throws Error with the status's message unless it is OK.
void ThrowIfError(const absl::Status& status);

}  // namespace progsearch
