#include "dsl/inline_macros.h"

#include "dsl/primitive.h"

namespace progsearch {

TermPtr SubstituteVariables(const TermPtr& term, std::span<const TermPtr> args) {
  switch (term->kind()) {
    case TermKind::kVariable:
      return static_cast<size_t>(term->index()) < args.size() ? args[term->index()] : term;
    case TermKind::kApply: {
      std::vector<TermPtr> children;
      bool changed = false;
      for (const TermPtr& a : term->args()) {
        children.push_back(SubstituteVariables(a, args));
        changed |= children.back() != a;
      }
      return changed ? Term::Apply(term->op(), term->type(), std::move(children)) : term;
    }
    case TermKind::kLambda: {
      TermPtr body = SubstituteVariables(term->body(), args);
      return body == term->body() ? term : Term::Lambda(term->type().args(), body);
    }
    default:
      return term;
  }
}

TermPtr InlineMacros(const TermPtr& term) {
  switch (term->kind()) {
    case TermKind::kApply: {
      std::vector<TermPtr> children;
      bool changed = false;
      for (const TermPtr& a : term->args()) {
        children.push_back(InlineMacros(a));
        changed |= children.back() != a;
      }
      if (term->op()->kind == PrimitiveKind::kMacro) {
        // The body may itself call macros defined earlier.
        return InlineMacros(SubstituteVariables(term->op()->body, children));
      }
      return changed ? Term::Apply(term->op(), term->type(), std::move(children)) : term;
    }
    case TermKind::kLambda: {
      TermPtr body = InlineMacros(term->body());
      return body == term->body() ? term : Term::Lambda(term->type().args(), body);
    }
    default:
      return term;
  }
}

}  // namespace progsearch
