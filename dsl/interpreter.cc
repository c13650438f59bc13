#include "dsl/interpreter.h"

#include "core/str_cat.h"
#include "core/status_macros.h"

namespace progsearch {

absl::StatusOr<ValueColumn> Interpreter::Evaluate(const Term& term, std::span<const ValueColumn> inputs,
                                                  size_t num_examples, const SynthBindings* bindings) const {
  EvalContext ctx;
  ctx.max_string_length = limits_.max_string_length;
  return Eval(term, inputs, num_examples, bindings, ctx);
}

absl::StatusOr<Value> Interpreter::EvaluateGround(const Term& term) const {
  ASSIGN_OR_RETURN(ValueColumn column, Evaluate(term, {}, 1));
  return column.Get(0);
}

absl::StatusOr<ValueColumn> Interpreter::Eval(const Term& term, std::span<const ValueColumn> inputs, size_t n,
                                              const SynthBindings* bindings, EvalContext& ctx) const {
  switch (term.kind()) {
    case TermKind::kConstant: return ValueColumn::Broadcast(term.value(), n);
    case TermKind::kVariable:
      if (term.index() < 0 || static_cast<size_t>(term.index()) >= inputs.size()) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' has no input column"));
      }
      if (inputs[term.index()].type() != term.type()) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' is ", term.type().ToString(),
                                                          " but its input is ",
                                                          inputs[term.index()].type().ToString()));
      }
      return inputs[term.index()];
    case TermKind::kHole:
      return absl::FailedPreconditionError(StrCat("grammar non-terminal '", term.name(), "' is not a program"));
    case TermKind::kLambda:
    case TermKind::kBoundVar:
      return absl::FailedPreconditionError("a lambda is evaluated only as the argument of a higher-order primitive");
    case TermKind::kApply: break;
  }
  if (limits_.deadline.expired()) return absl::DeadlineExceededError("evaluation deadline expired");

  const Primitive& op = *term.op();
  std::vector<ValueColumn> args;
  args.reserve(term.args().size());
  for (const TermPtr& a : term.args()) {
    ASSIGN_OR_RETURN(ValueColumn c, Eval(*a, inputs, n, bindings, ctx));
    args.push_back(std::move(c));
  }
  switch (op.kind) {
    case PrimitiveKind::kMacro: return Eval(*op.body, args, n, bindings, ctx);
    case PrimitiveKind::kSynthFun: {
      if (bindings != nullptr) {
        if (auto it = bindings->find(&op); it != bindings->end()) return Eval(*it->second, args, n, bindings, ctx);
      }
      return absl::FailedPreconditionError(StrCat("'", op.name, "' is the function to synthesize; it has no body"));
    }
    case PrimitiveKind::kBuiltin: break;
  }
  const ValueColumn* ptrs[8];
  std::vector<const ValueColumn*> many;
  std::span<const ValueColumn* const> view;
  if (args.size() <= 8) {
    for (size_t i = 0; i < args.size(); ++i) ptrs[i] = &args[i];
    view = std::span<const ValueColumn* const>(ptrs, args.size());
  } else {
    for (const ValueColumn& c : args) many.push_back(&c);
    view = many;
  }
  ValueColumn out(op.result, n);
  op.kernel(view, out, ctx);
  if (ctx.int_overflow) {
    return absl::OutOfRangeError(StrCat("integer overflow in '", op.name, "' (Int is 64-bit here)"));
  }
  if (ctx.string_too_long) {
    return absl::ResourceExhaustedError(
        StrCat("'", op.name, "' produced a string longer than ", ctx.max_string_length, " bytes"));
  }
  return out;
}

}  // namespace progsearch
