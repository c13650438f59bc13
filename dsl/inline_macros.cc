#include "dsl/inline_macros.h"

#include "dsl/primitive.h"

namespace progsearch {

TermPtr SubstituteVariables(const TermPtr& term, std::span<const TermPtr> args) {
  switch (term->kind()) {
    case TermKind::kVariable:
      return static_cast<size_t>(term->index()) < args.size() ? args[term->index()] : term;
    case TermKind::kApply:
      return MapArgs(term, [&](const TermPtr& a) { return SubstituteVariables(a, args); });
    case TermKind::kLambda: {
      TermPtr body = SubstituteVariables(term->body(), args);
      return body == term->body() ? term : Term::Lambda(term->type().args(), body);
    }
    default:
      return term;
  }
}

TermPtr InlineApplications(const TermPtr& term, const std::function<TermPtr(const Primitive&)>& body_of) {
  switch (term->kind()) {
    case TermKind::kApply: {
      TermPtr t = MapArgs(term, [&](const TermPtr& a) { return InlineApplications(a, body_of); });
      TermPtr body = body_of(*t->op());
      if (body == nullptr) return t;
      return InlineApplications(SubstituteVariables(body, t->args()), body_of);
    }
    case TermKind::kLambda: {
      TermPtr body = InlineApplications(term->body(), body_of);
      return body == term->body() ? term : Term::Lambda(term->type().args(), body);
    }
    default:
      return term;
  }
}

TermPtr InlineMacros(const TermPtr& term) {
  return InlineApplications(term,
                            [](const Primitive& op) { return op.kind == PrimitiveKind::kMacro ? op.body : TermPtr(); });
}

}  // namespace progsearch
