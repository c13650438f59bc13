#include "core/term.h"

#include <algorithm>

namespace progsearch {

TermPtr Term::Constant(Value value) {
  auto t = std::shared_ptr<Term>(new Term());
  t->kind_ = TermKind::kConstant;
  t->type_ = value.type();
  t->value_ = std::move(value);
  return t;
}

TermPtr Term::Variable(int index, std::string name, Type type) {
  auto t = std::shared_ptr<Term>(new Term());
  t->kind_ = TermKind::kVariable;
  t->index_ = index;
  t->name_ = std::move(name);
  t->type_ = std::move(type);
  return t;
}

TermPtr Term::Apply(const Primitive* op, Type result, std::vector<TermPtr> args) {
  auto t = std::shared_ptr<Term>(new Term());
  t->kind_ = TermKind::kApply;
  t->op_ = op;
  t->type_ = std::move(result);
  int depth = 0;
  for (const TermPtr& a : args) {
    t->size_ += a->size_;
    depth = std::max(depth, a->depth_);
  }
  t->depth_ = depth + 1;
  t->args_ = std::move(args);
  return t;
}

TermPtr Term::Hole(int nonterminal, std::string name, Type type) {
  auto t = Variable(nonterminal, std::move(name), std::move(type));
  std::const_pointer_cast<Term>(t)->kind_ = TermKind::kHole;
  return t;
}

TermPtr Term::Lambda(std::vector<Type> params, TermPtr body) {
  auto t = std::shared_ptr<Term>(new Term());
  t->kind_ = TermKind::kLambda;
  t->type_ = Type::Function(std::move(params), body->type());
  t->size_ = body->size_ + 1;
  t->depth_ = body->depth_ + 1;
  t->args_.push_back(std::move(body));
  return t;
}

TermPtr Term::BoundVar(int index, Type type) {
  auto t = std::shared_ptr<Term>(new Term());
  t->kind_ = TermKind::kBoundVar;
  t->index_ = index;
  t->type_ = std::move(type);
  return t;
}

bool SameTerm(const Term& a, const Term& b) {
  if (&a == &b) return true;
  if (a.kind() != b.kind() || a.type() != b.type() || a.size() != b.size()) return false;
  switch (a.kind()) {
    case TermKind::kConstant:
      return a.value() == b.value();
    case TermKind::kVariable:
    case TermKind::kHole:
    case TermKind::kBoundVar:
      return a.index() == b.index();
    case TermKind::kApply:
    case TermKind::kLambda:
      if (a.op() != b.op() || a.args().size() != b.args().size()) return false;
      for (size_t i = 0; i < a.args().size(); ++i) {
        if (!SameTerm(*a.args()[i], *b.args()[i])) return false;
      }
      return true;
  }
  return false;
}

}  // namespace progsearch
