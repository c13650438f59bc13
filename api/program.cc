#include "progsearch/program.h"

#include <algorithm>

#include "progsearch/progsearch.h"

#include "api/impl.h"
#include "approx/c_printer.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"

namespace progsearch {

namespace {

// The rows of `columns`, one per variable and all of one length (1 without variables); Error otherwise.
template <typename Column>
size_t CheckColumns(const std::vector<Declaration>& vars, const std::vector<Column>& columns) {
  if (columns.size() != vars.size()) {
    throw Error(StrCat("the program has ", vars.size(), " variables, got ", columns.size(), " input columns"));
  }
  const size_t rows = columns.empty() ? 1 : columns[0].size();
  for (size_t i = 0; i < vars.size(); ++i) {
    if (columns[i].size() != rows) {
      throw Error(StrCat("input column ", vars[i].name, " has ", columns[i].size(), " rows, the first has ", rows));
    }
  }
  return rows;
}

}  // namespace

Program MakeProgram(const SearchSpace::Impl& space, TermPtr term) {
  auto impl = std::make_shared<Program::Impl>();
  impl->term = std::move(term);
  impl->registry = space.registry;
  impl->variables = space.declarations;
  return Program(std::move(impl));
}

const Program::Impl& Program::impl() const {
  if (impl_ == nullptr) throw Error("an empty Program (default-constructed or moved from)");
  return *impl_;
}

std::string Program::ToString() const { return PrintTerm(*impl().term); }

std::string Program::ToC() const {
  std::vector<std::string> names;
  for (const Declaration& d : impl().variables) names.push_back(d.name);
  auto c = ProgramToC(*impl().term, names);
  ThrowIfError(c.status());
  return *c;
}

int Program::Size() const { return impl().term->size(); }

ValueKind Program::result_kind() const { return KindOfType(impl().term->type()); }

int Program::result_width() const { return impl().term->type().is_bitvec() ? impl().term->type().width() : 0; }

std::vector<int> Program::variable_widths() const {
  std::vector<int> out;
  for (const Declaration& d : impl().variables) out.push_back(d.type.is_bitvec() ? d.type.width() : 0);
  return out;
}

std::vector<std::pair<std::string, ValueKind>> Program::variables() const {
  std::vector<std::pair<std::string, ValueKind>> out;
  for (const Declaration& d : impl().variables) out.emplace_back(d.name, KindOfType(d.type));
  return out;
}

std::vector<Scalar> Program::Evaluate(const std::vector<std::vector<Scalar>>& columns) const {
  const std::vector<Declaration>& vars = impl().variables;
  const size_t rows = CheckColumns(vars, columns);
  std::vector<ValueColumn> inputs;
  for (size_t i = 0; i < vars.size(); ++i) {
    inputs.push_back(ToColumn(columns[i], vars[i].type, StrCat("input ", vars[i].name)));
  }
  auto out = Interpreter().Evaluate(*impl().term, inputs, rows);
  ThrowIfError(out.status());
  return ToScalars(*out);
}

Scalar Program::operator()(const std::vector<Scalar>& inputs) const {
  std::vector<std::vector<Scalar>> columns;
  for (const Scalar& s : inputs) columns.push_back({s});
  return Evaluate(columns)[0];
}

std::vector<double> Program::EvaluateFloats(const std::vector<std::vector<double>>& columns) const {
  const std::vector<Declaration>& vars = impl().variables;
  if (impl().term->type() != Type::Float()) throw Error("EvaluateFloats needs a Float program");
  const size_t rows = CheckColumns(vars, columns);
  std::vector<ValueColumn> inputs;
  for (size_t i = 0; i < vars.size(); ++i) {
    if (vars[i].type != Type::Float()) throw Error(StrCat("variable ", vars[i].name, " is not a Float"));
    ValueColumn c(Type::Float(), rows);
    std::copy(columns[i].begin(), columns[i].end(), c.floats());
    inputs.push_back(std::move(c));
  }
  auto out = Interpreter().Evaluate(*impl().term, inputs, rows);
  ThrowIfError(out.status());
  return std::vector<double>(out->floats(), out->floats() + rows);
}

const char* Version() { return PROGSEARCH_VERSION; }

}  // namespace progsearch
