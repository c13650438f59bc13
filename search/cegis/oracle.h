// The single-invocation oracle: Z3, with the synth-fun left uninterpreted, says what the function must
// return at a point of a single-invocation spec, which turns the point into an input/output example for
// bottom-up search.
#pragma once

#include <z3++.h>

#include <chrono>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/value.h"
#include "dsl/task.h"
#include "verify/z3_encoder.h"

namespace progsearch {

class SpecOracle {
 public:
  // `call`: the one application of the task's synth-fun in the spec, over the declared variables.
  SpecOracle(const Task& task, TermPtr call);

  // Encodes the spec; errors for what Z3Encoder cannot encode.
  absl::Status Init();

  // Queries end by `deadline` (each also within 5 s), so CEGIS keeps to its budget.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }

  // The candidate's value at `point`: the call evaluated with `program` bound to the synth-fun.
  std::optional<Value> CandidateAt(const std::vector<Value>& point, const TermPtr& program) const;

  // A point (values of the declared variables) where some return value of f breaks the spec, other than
  // the points in `avoid`; nullopt when there is none (every f satisfies the spec) or Z3 cannot tell.
  absl::StatusOr<std::optional<std::vector<Value>>> ConstrainingPoint(const std::vector<std::vector<Value>>& avoid);

  // The example `point` gives: f's arguments there and a value f must return (other than `exclude`, if
  // given). nullopt when any value will do (the point constrains nothing) or no value will (the spec is
  // unrealizable there; `unrealizable` is then set). OutOfRange when the value f must return does not
  // fit the interpreter's 64-bit Int.
  absl::StatusOr<std::optional<Example>> ExampleAt(const std::vector<Value>& point, const std::optional<Value>& exclude,
                                                   bool& unrealizable);

 private:
  unsigned TimeoutMs() const;
  absl::StatusOr<z3::expr_vector> ToZ3(const std::vector<Value>& point);

  const Task& task_;
  z3::context& ctx_;  // the thread's (ThreadZ3Context)
  Z3Encoder encoder_;
  TermPtr call_term_;
  std::optional<z3::expr> spec_, call_;
  std::vector<z3::expr> encoded_args_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace progsearch
