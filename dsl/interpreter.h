// The interpreter: evaluates a program on every example at once, one columnar kernel call per node.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/deadline.h"
#include "core/term.h"
#include "core/value_column.h"
#include "dsl/primitive.h"

namespace progsearch {

struct EvalLimits {
  // Longest string any node may produce; longer results fail the evaluation (ResourceExhausted).
  size_t max_string_length = size_t{1} << 20;
  // Checked between nodes; an expired deadline fails the evaluation (DeadlineExceeded).
  Deadline deadline;
  // Rows lambda bodies may be evaluated on in one evaluation (map over 1000 elements spends 1000); the
  // step budget that stops a runaway unfold or a fold nested in a map (ResourceExhausted).
  uint64_t max_lambda_rows = kDefaultLambdaRows;
};

// Candidate bodies for synth-fun placeholders (a body reads the function's parameter i as Variable(i)),
// so that a logical spec mentioning `f` can be evaluated with a candidate in its place.
using SynthBindings = absl::flat_hash_map<const Primitive*, TermPtr>;

class Interpreter {
 public:
  explicit Interpreter(EvalLimits limits = {}) : limits_(limits) {}

  // Evaluates `term` with Variable(i) bound to `inputs[i]`; every input has `num_examples` rows
  // (num_examples matters when there are no inputs, e.g. for ground terms).
  // Errors: OutOfRange (Int overflow), ResourceExhausted (string limit), DeadlineExceeded,
  // FailedPrecondition (an unbound synth-fun or a lambda outside a higher-order primitive),
  // InvalidArgument (a partial list operator without a value, such as car of an empty list).
  absl::StatusOr<ValueColumn> Evaluate(const Term& term, std::span<const ValueColumn> inputs, size_t num_examples,
                                       const SynthBindings* bindings = nullptr) const;

  // The same with the inputs given by address (no copies), for searchers that keep their own columns.
  absl::StatusOr<ValueColumn> EvaluatePtrs(const Term& term, std::span<const ValueColumn* const> inputs,
                                           size_t num_examples, const SynthBindings* bindings = nullptr) const;

  // Evaluates the body of a lambda on its own: BoundVar($k) reads bound[bound.size() - 1 - k] (the last
  // column is $0), every column having `num_rows` rows. How a searcher compares lambda bodies on probe rows.
  absl::StatusOr<ValueColumn> EvaluateBody(const Term& body, std::span<const ValueColumn* const> inputs,
                                           std::span<const ValueColumn* const> bound, size_t num_rows) const;

  // What a higher-order kernel's LambdaRunner does: evaluates a lambda's `body` (or, with no params, any
  // term) on a batch of rows, row j reading the free variables at row parents[j] of `inputs` and `bound`
  // and the lambda's own parameters from `params`. Only the variables the body reads are gathered; the
  // batch spends parents.size() of ctx.lambda_rows_left (ResourceExhausted once spent).
  absl::StatusOr<ValueColumn> EvaluateOnRows(const Term& body, std::span<const ValueColumn* const> inputs,
                                             std::span<const ValueColumn* const> bound,
                                             std::span<const ValueColumn* const> params,
                                             std::span<const uint32_t> parents, EvalContext& ctx) const;

  // Evaluates a closed term (no variables) to one value.
  absl::StatusOr<Value> EvaluateGround(const Term& term) const;

  const EvalLimits& limits() const { return limits_; }

 private:
  struct Frame;
  class Runner;
  absl::StatusOr<ValueColumn> Run(const Term& term, std::span<const ValueColumn* const> inputs,
                                  std::span<const ValueColumn* const> bound, size_t n,
                                  const SynthBindings* bindings) const;
  absl::StatusOr<ValueColumn> OnRows(const Term& body, std::span<const ValueColumn* const> inputs,
                                     std::span<const ValueColumn* const> params, std::span<const uint32_t> parents,
                                     Frame& outer) const;
  // Applies a built-in (first-order or higher-order) kernel and turns its flags into a status.
  absl::Status ApplyKernel(const Term& term, std::span<const ValueColumn* const> args,
                           std::span<const ValueColumn* const> inputs, Frame& frame, ValueColumn& slot) const;
  // Evaluates into `slot` when the node computes something, and returns where the result lives
  // (a variable's result is its input column itself: no copy).
  absl::StatusOr<const ValueColumn*> Eval(const Term& term, std::span<const ValueColumn* const> inputs, Frame& frame,
                                          ValueColumn& slot) const;
  EvalLimits limits_;
};

// Runs a built-in primitive on its argument columns (null where a higher-order kernel runs the argument
// itself through `lambdas`) into `out`, which arrives sized and typed, and turns the kernel's flags into
// a status: OutOfRange (Int overflow), InvalidArgument (no value: car of [], #VALUE!), ResourceExhausted.
absl::Status RunPrimitive(const Primitive& op, std::span<const ValueColumn* const> args, LambdaRunner* lambdas,
                          ValueColumn& out, EvalContext& ctx);

}  // namespace progsearch
