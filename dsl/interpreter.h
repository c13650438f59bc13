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
  // FailedPrecondition (an unbound synth-fun or a lambda outside a higher-order primitive).
  absl::StatusOr<ValueColumn> Evaluate(const Term& term, std::span<const ValueColumn> inputs, size_t num_examples,
                                       const SynthBindings* bindings = nullptr) const;

  // The same with the inputs given by address (no copies), for searchers that keep their own columns.
  absl::StatusOr<ValueColumn> EvaluatePtrs(const Term& term, std::span<const ValueColumn* const> inputs,
                                           size_t num_examples, const SynthBindings* bindings = nullptr) const;

  // Evaluates a closed term (no variables) to one value.
  absl::StatusOr<Value> EvaluateGround(const Term& term) const;

  const EvalLimits& limits() const { return limits_; }

 private:
  struct Frame;
  // Evaluates into `slot` when the node computes something, and returns where the result lives
  // (a variable's result is its input column itself: no copy).
  absl::StatusOr<const ValueColumn*> Eval(const Term& term, std::span<const ValueColumn* const> inputs, Frame& frame,
                                          ValueColumn& slot) const;
  EvalLimits limits_;
};

}  // namespace progsearch
