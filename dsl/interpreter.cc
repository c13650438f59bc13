#include "dsl/interpreter.h"

#include "absl/container/inlined_vector.h"
#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {

// Per-evaluation state shared by every node.
struct Interpreter::Frame {
  size_t n;
  const SynthBindings* bindings;
  EvalContext ctx;
  // Reading the clock costs as much as a small kernel, so a finite deadline is polled every 32 nodes.
  uint32_t nodes = 0;
};

absl::StatusOr<ValueColumn> Interpreter::Evaluate(const Term& term, std::span<const ValueColumn> inputs,
                                                  size_t num_examples, const SynthBindings* bindings) const {
  absl::InlinedVector<const ValueColumn*, 8> ptrs;
  for (const ValueColumn& c : inputs) ptrs.push_back(&c);
  return EvaluatePtrs(term, ptrs, num_examples, bindings);
}

absl::StatusOr<ValueColumn> Interpreter::EvaluatePtrs(const Term& term, std::span<const ValueColumn* const> inputs,
                                                      size_t num_examples, const SynthBindings* bindings) const {
  Frame frame{num_examples, bindings, EvalContext{}, 0};
  frame.ctx.max_string_length = limits_.max_string_length;
  ValueColumn slot;
  ASSIGN_OR_RETURN(const ValueColumn* result, Eval(term, inputs, frame, slot));
  if (result == &slot) return slot;
  return *result;  // the program is a bare variable: copy its input
}

absl::StatusOr<Value> Interpreter::EvaluateGround(const Term& term) const {
  ASSIGN_OR_RETURN(ValueColumn column, Evaluate(term, {}, 1));
  return column.Get(0);
}

absl::StatusOr<const ValueColumn*> Interpreter::Eval(const Term& term, std::span<const ValueColumn* const> inputs,
                                                     Frame& frame, ValueColumn& slot) const {
  switch (term.kind()) {
    case TermKind::kConstant:
      slot.Fill(term.value(), frame.n);
      return &slot;
    case TermKind::kVariable: {
      const size_t i = static_cast<size_t>(term.index());
      if (i >= inputs.size()) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' has no input column"));
      }
      if (inputs[i]->type() != term.type()) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' is ", term.type().ToString(),
                                                    " but its input is ", inputs[i]->type().ToString()));
      }
      return inputs[i];
    }
    case TermKind::kHole:
      return absl::FailedPreconditionError(StrCat("grammar non-terminal '", term.name(), "' is not a program"));
    case TermKind::kLambda:
    case TermKind::kBoundVar:
      return absl::FailedPreconditionError("a lambda is evaluated only as the argument of a higher-order primitive");
    case TermKind::kApply:
      break;
  }
  if (!limits_.deadline.unlimited() && (frame.nodes++ & 31) == 0 && limits_.deadline.expired()) {
    return absl::DeadlineExceededError("evaluation deadline expired");
  }

  const Primitive& op = *term.op();
  const size_t arity = term.args().size();
  absl::InlinedVector<ValueColumn, 3> slots(arity);
  absl::InlinedVector<const ValueColumn*, 4> args(arity);
  for (size_t i = 0; i < arity; ++i) {
    ASSIGN_OR_RETURN(args[i], Eval(*term.args()[i], inputs, frame, slots[i]));
  }
  switch (op.kind) {
    case PrimitiveKind::kMacro:
      return Eval(*op.body, args, frame, slot);
    case PrimitiveKind::kSynthFun: {
      if (frame.bindings != nullptr) {
        if (auto it = frame.bindings->find(&op); it != frame.bindings->end()) {
          return Eval(*it->second, args, frame, slot);
        }
      }
      return absl::FailedPreconditionError(StrCat("'", op.name, "' is the function to synthesize; it has no body"));
    }
    case PrimitiveKind::kBuiltin:
      break;
  }
  slot.Reset(op.result, frame.n);
  RunKernel(op, args, slot, frame.ctx);
  if (frame.ctx.int_overflow) {
    return absl::OutOfRangeError(StrCat("integer overflow in '", op.name, "' (Int is 64-bit here)"));
  }
  if (frame.ctx.invalid) {
    return absl::InvalidArgumentError(StrCat("'", op.name, "' has no value on some example (#VALUE!)"));
  }
  if (frame.ctx.string_too_long) {
    return absl::ResourceExhaustedError(
        StrCat("'", op.name, "' produced a string longer than ", frame.ctx.max_string_length, " bytes"));
  }
  return &slot;
}

}  // namespace progsearch
