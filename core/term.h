// Program terms: immutable trees that share sub-terms, so a searcher can build a bigger program from
// already evaluated smaller ones without copying them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/type.h"
#include "core/value.h"

namespace progsearch {

// Defined by dsl/: core only carries the pointer, so nothing in core knows about concrete operators.
struct Primitive;

class Term;
using TermPtr = std::shared_ptr<const Term>;

enum class TermKind : uint8_t {
  kConstant,  // a literal value
  kVariable,  // a function parameter or declared variable: `index` is its position in the scope
  kApply,     // a primitive applied to argument terms
  kHole,      // a grammar non-terminal inside a production pattern; `index` is the non-terminal's id
  kLambda,    // an anonymous function over de Bruijn-indexed parameters
  kBoundVar,  // a de Bruijn variable ($0 is the innermost lambda's last parameter)
};

class Term {
 public:
  static TermPtr Constant(Value value);
  static TermPtr Variable(int index, std::string name, Type type);
  static TermPtr Apply(const Primitive* op, Type result, std::vector<TermPtr> args);
  static TermPtr Hole(int nonterminal, std::string name, Type type);
  static TermPtr Lambda(std::vector<Type> params, TermPtr body);
  static TermPtr BoundVar(int index, Type type);

  TermKind kind() const { return kind_; }
  const Type& type() const { return type_; }
  const Value& value() const { return value_; }
  int index() const { return index_; }
  const std::string& name() const { return name_; }
  const Primitive* op() const { return op_; }
  const std::vector<TermPtr>& args() const { return args_; }
  // Lambda body (the single argument of a kLambda).
  const TermPtr& body() const { return args_[0]; }
  // Number of nodes; the default cost of a program.
  int size() const { return size_; }
  int depth() const { return depth_; }

 private:
  Term() = default;
  TermKind kind_ = TermKind::kConstant;
  Type type_;
  Value value_;
  int index_ = 0;
  int size_ = 1;
  int depth_ = 1;
  std::string name_;
  const Primitive* op_ = nullptr;
  std::vector<TermPtr> args_;
};

// Structural equality (same shape, same operators, same constants).
bool SameTerm(const Term& a, const Term& b);

// The application `t` with each argument replaced by fn(argument), left to right; `t` itself when every
// argument comes back unchanged, so rewrites share what they do not touch.
template <typename Fn>
TermPtr MapArgs(const TermPtr& t, Fn&& fn) {
  std::vector<TermPtr> args;
  args.reserve(t->args().size());
  bool changed = false;
  for (const TermPtr& a : t->args()) {
    args.push_back(fn(a));
    changed |= args.back() != a;
  }
  return changed ? Term::Apply(t->op(), t->type(), std::move(args)) : t;
}

}  // namespace progsearch
