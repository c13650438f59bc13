#include "dsl/interpreter.h"

#include <deque>

#include "absl/container/inlined_vector.h"
#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {

// Per-evaluation state shared by every node.
struct Interpreter::Frame {
  size_t n;
  const SynthBindings* bindings;
  EvalContext* ctx;
  // Columns of the bound variables in scope, outermost first ($0 is the last); null where a lambda's
  // body does not use an outer variable, so it was not gathered.
  std::span<const ValueColumn* const> bound;
  // Reading the clock costs as much as a small kernel, so a finite deadline is polled every 32 nodes.
  uint32_t nodes = 0;
};

namespace {

// Marks which inputs and which outer bound variables (index from the innermost, as in `bound`) a
// lambda's body reads; `depth` counts the parameters bound inside the lambda at this point.
void MarkFreeUses(const Term& t, size_t depth, std::vector<bool>& inputs, std::vector<bool>& outer) {
  switch (t.kind()) {
    case TermKind::kVariable:
      if (static_cast<size_t>(t.index()) < inputs.size()) inputs[t.index()] = true;
      return;
    case TermKind::kBoundVar:
      if (static_cast<size_t>(t.index()) >= depth && static_cast<size_t>(t.index()) - depth < outer.size()) {
        outer[t.index() - depth] = true;
      }
      return;
    case TermKind::kLambda:
      MarkFreeUses(*t.body(), depth + t.type().args().size(), inputs, outer);
      return;
    default:
      for (const TermPtr& a : t.args()) MarkFreeUses(*a, depth, inputs, outer);
  }
}

}  // namespace

// Runs a higher-order call's lambda arguments (and deferred arguments) on the batches of rows its kernel
// asks for, in the call's scope.
class Interpreter::Runner : public LambdaRunner {
 public:
  Runner(const Interpreter& interpreter, const Term& call, std::span<const ValueColumn* const> inputs, Frame& frame)
      : interpreter_(interpreter), call_(call), inputs_(inputs), frame_(frame) {}

  absl::StatusOr<ValueColumn> Run(size_t arg, std::span<const ValueColumn* const> params,
                                  std::span<const uint32_t> parents) override {
    const Term& lambda = *call_.args()[arg];
    const bool is_lambda = lambda.kind() == TermKind::kLambda;
    if (params.size() != (is_lambda ? lambda.type().args().size() : 0)) {
      return absl::InternalError(StrCat("'", call_.op()->name, "' ran argument ", arg, " as a ", params.size(),
                                        "-parameter lambda"));
    }
    return interpreter_.OnRows(is_lambda ? *lambda.body() : lambda, inputs_, params, parents, frame_);
  }

 private:
  const Interpreter& interpreter_;
  const Term& call_;
  std::span<const ValueColumn* const> inputs_;
  Frame& frame_;
};

absl::StatusOr<ValueColumn> Interpreter::OnRows(const Term& body, std::span<const ValueColumn* const> inputs,
                                                std::span<const ValueColumn* const> params,
                                                std::span<const uint32_t> parents, Frame& outer) const {
  EvalContext& ctx = *outer.ctx;
  if (ctx.lambda_rows_left < parents.size()) {
    return absl::ResourceExhaustedError(
        StrCat("lambda bodies spent the step budget of ", limits_.max_lambda_rows, " rows"));
  }
  ctx.lambda_rows_left -= parents.size();
  std::vector<bool> used_inputs(inputs.size()), used_outer(outer.bound.size());
  MarkFreeUses(body, params.size(), used_inputs, used_outer);
  std::deque<ValueColumn> gathered;
  std::vector<const ValueColumn*> row_inputs(inputs.size(), nullptr);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (used_inputs[i] && inputs[i] != nullptr) {
      row_inputs[i] = &gathered.emplace_back(ValueColumn::Gather(*inputs[i], parents));
    }
  }
  std::vector<const ValueColumn*> bound(outer.bound.size(), nullptr);
  for (size_t k = 0; k < bound.size(); ++k) {
    const size_t pos = bound.size() - 1 - k;
    if (used_outer[k] && outer.bound[pos] != nullptr) {
      bound[pos] = &gathered.emplace_back(ValueColumn::Gather(*outer.bound[pos], parents));
    }
  }
  bound.insert(bound.end(), params.begin(), params.end());
  Frame child{parents.size(), outer.bindings, outer.ctx, bound, outer.nodes};
  ValueColumn slot;
  ASSIGN_OR_RETURN(const ValueColumn* result, Eval(body, row_inputs, child, slot));
  outer.nodes = child.nodes;
  if (result == &slot) return slot;
  return *result;
}

absl::StatusOr<ValueColumn> Interpreter::EvaluateOnRows(const Term& body, std::span<const ValueColumn* const> inputs,
                                                        std::span<const ValueColumn* const> bound,
                                                        std::span<const ValueColumn* const> params,
                                                        std::span<const uint32_t> parents, EvalContext& ctx) const {
  Frame outer{0, nullptr, &ctx, bound, 0};
  return OnRows(body, inputs, params, parents, outer);
}

absl::StatusOr<ValueColumn> Interpreter::Evaluate(const Term& term, std::span<const ValueColumn> inputs,
                                                  size_t num_examples, const SynthBindings* bindings) const {
  absl::InlinedVector<const ValueColumn*, 8> ptrs;
  for (const ValueColumn& c : inputs) ptrs.push_back(&c);
  return EvaluatePtrs(term, ptrs, num_examples, bindings);
}

absl::StatusOr<ValueColumn> Interpreter::EvaluatePtrs(const Term& term, std::span<const ValueColumn* const> inputs,
                                                      size_t num_examples, const SynthBindings* bindings) const {
  return Run(term, inputs, {}, num_examples, bindings);
}

absl::StatusOr<ValueColumn> Interpreter::EvaluateBody(const Term& body, std::span<const ValueColumn* const> inputs,
                                                      std::span<const ValueColumn* const> bound,
                                                      size_t num_rows) const {
  return Run(body, inputs, bound, num_rows, nullptr);
}

absl::StatusOr<ValueColumn> Interpreter::Run(const Term& term, std::span<const ValueColumn* const> inputs,
                                             std::span<const ValueColumn* const> bound, size_t n,
                                             const SynthBindings* bindings) const {
  EvalContext ctx;
  ctx.max_string_length = limits_.max_string_length;
  ctx.lambda_rows_left = limits_.max_lambda_rows;
  Frame frame{n, bindings, &ctx, bound, 0};
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
      if (i >= inputs.size() || inputs[i] == nullptr) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' has no input column"));
      }
      if (inputs[i]->type() != term.type()) {
        return absl::FailedPreconditionError(StrCat("variable '", term.name(), "' is ", term.type().ToString(),
                                                    " but its input is ", inputs[i]->type().ToString()));
      }
      return inputs[i];
    }
    case TermKind::kBoundVar: {
      const size_t k = static_cast<size_t>(term.index());
      if (k >= frame.bound.size() || frame.bound[frame.bound.size() - 1 - k] == nullptr) {
        return absl::FailedPreconditionError(StrCat("bound variable $", k, " is not in scope"));
      }
      const ValueColumn* column = frame.bound[frame.bound.size() - 1 - k];
      if (column->type() != term.type()) {
        return absl::FailedPreconditionError(StrCat("bound variable $", k, " is ", term.type().ToString(),
                                                    " but its column is ", column->type().ToString()));
      }
      return column;
    }
    case TermKind::kHole:
      return absl::FailedPreconditionError(StrCat("grammar non-terminal '", term.name(), "' is not a program"));
    case TermKind::kLambda:
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
    // A higher-order kernel runs its lambdas itself, on the rows it chooses.
    if (op.higher_order != nullptr &&
        (term.args()[i]->kind() == TermKind::kLambda || ((op.deferred_args >> i) & 1) != 0)) {
      continue;
    }
    ASSIGN_OR_RETURN(args[i], Eval(*term.args()[i], inputs, frame, slots[i]));
  }
  // A body that is one of its parameters answers with that argument's column, which lives in `slots`
  // and dies with this call: it is copied into the caller's slot first.
  auto outlive_call = [&](absl::StatusOr<const ValueColumn*> result) -> absl::StatusOr<const ValueColumn*> {
    if (!result.ok()) return result;
    for (const ValueColumn& s : slots) {
      if (*result == &s) {
        slot = s;
        return &slot;
      }
    }
    return result;
  };
  switch (op.kind) {
    case PrimitiveKind::kMacro: {
      // A define-fun's body sees its parameters only, not the caller's lambdas.
      const std::span<const ValueColumn* const> outer = frame.bound;
      frame.bound = {};
      auto result = Eval(*op.body, args, frame, slot);
      frame.bound = outer;
      return outlive_call(std::move(result));
    }
    case PrimitiveKind::kSynthFun: {
      if (frame.bindings != nullptr) {
        if (auto it = frame.bindings->find(&op); it != frame.bindings->end()) {
          return outlive_call(Eval(*it->second, args, frame, slot));
        }
      }
      return absl::FailedPreconditionError(StrCat("'", op.name, "' is the function to synthesize; it has no body"));
    }
    case PrimitiveKind::kBuiltin:
      break;
  }
  RETURN_IF_ERROR(ApplyKernel(term, args, inputs, frame, slot));
  return &slot;
}

absl::Status Interpreter::ApplyKernel(const Term& term, std::span<const ValueColumn* const> args,
                                      std::span<const ValueColumn* const> inputs, Frame& frame,
                                      ValueColumn& slot) const {
  // The term's type, not op.result: a nullary polymorphic primitive (empty) takes its type from its use.
  slot.Reset(term.type(), frame.n);
  Runner runner(*this, term, inputs, frame);
  return RunPrimitive(*term.op(), args, &runner, slot, *frame.ctx);
}

absl::Status RunPrimitive(const Primitive& op, std::span<const ValueColumn* const> args, LambdaRunner* lambdas,
                          ValueColumn& out, EvalContext& ctx) {
  if (op.higher_order != nullptr) {
    if (lambdas == nullptr) return absl::InternalError(StrCat("'", op.name, "' takes lambdas but has no runner"));
    RETURN_IF_ERROR(op.higher_order(args, *lambdas, out, ctx));
  } else {
    RunKernel(op, args, out, ctx);
  }
  if (ctx.int_overflow) {
    return absl::OutOfRangeError(StrCat("integer overflow in '", op.name, "' (Int is 64-bit here)"));
  }
  if (ctx.error != nullptr) return absl::InvalidArgumentError(StrCat("'", op.name, "': ", ctx.error));
  if (ctx.invalid) {
    return absl::InvalidArgumentError(StrCat("'", op.name, "' has no value on some example (#VALUE!)"));
  }
  if (ctx.string_too_long) {
    return absl::ResourceExhaustedError(
        StrCat("'", op.name, "' produced a string longer than ", ctx.max_string_length, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace progsearch
