// Reads programs written as s-expressions into typed terms, and prints them back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/declaration.h"
#include "dsl/primitive_registry.h"
#include "formats/sexpr.h"

namespace progsearch {

// Turns s-expressions into well-typed terms, reporting the first problem with its file:line:column.
//
// Literals: numerals are Int (or Float where only a Float fits), decimals Float, #x/#b and (_ bvN W)
// bit-vectors, "..." strings, true/false. `(- 5)` reads as the constant -5. Supports `let` (substituted)
// and `(lambda ((x T) ...) body)` (stored with de Bruijn indices).
class ProgramReader {
 public:
  // `variables[i]` reads as Variable(i); `nonterminals[i]` (grammar productions only) as Hole(i).
  ProgramReader(const PrimitiveRegistry& registry, std::vector<Declaration> variables, std::string filename,
                std::vector<Declaration> nonterminals = {});

  absl::StatusOr<TermPtr> Read(const SExpr& e);
  // Parses `text`, which must hold exactly one s-expression.
  absl::StatusOr<TermPtr> ReadText(std::string_view text);
  // Int Bool String Float (Real is read as Float), (_ BitVec W), (List T), (-> A... R), define-sort aliases.
  absl::StatusOr<Type> ReadType(const SExpr& e) const;
  void AddSortAlias(const std::string& name, Type type) { sort_aliases_[name] = std::move(type); }

 private:
  absl::StatusOr<TermPtr> ReadAtom(const SExpr& e);
  absl::StatusOr<TermPtr> ReadList(const SExpr& e);
  absl::StatusOr<TermPtr> ReadIndexedLiteral(const SExpr& e) const;
  absl::StatusOr<TermPtr> ReadNegativeConstant(const SExpr& e) const;
  absl::StatusOr<TermPtr> ReadLet(const SExpr& e);
  absl::StatusOr<TermPtr> ReadLambda(const SExpr& e);
  absl::StatusOr<TermPtr> Apply(const SExpr& e, const std::string& name, std::vector<TermPtr> args);
  absl::Status Error(const SExpr& e, std::string_view message) const;

  const PrimitiveRegistry& registry_;
  std::vector<Declaration> variables_;
  std::vector<Declaration> nonterminals_;
  std::string filename_;
  absl::flat_hash_map<std::string, Type> sort_aliases_;
  // Innermost binding last: let-bound names (a term) and lambda parameters (a flattened de Bruijn stack).
  std::vector<std::pair<std::string, TermPtr>> lets_;
  std::vector<Declaration> lambda_params_;
};

// The s-expression of a term; reads back to the same term with the same registry and variables, except
// that unary minus applied to a literal, (- 5), reads back as the constant -5, which prints the same.
std::string PrintTerm(const Term& t);
// `(define-fun NAME ((p T) ...) R BODY)`, as a SyGuS solver prints a solution.
std::string PrintDefineFun(std::string_view name, const std::vector<Declaration>& params, const Type& result,
                           const Term& body);

}  // namespace progsearch
