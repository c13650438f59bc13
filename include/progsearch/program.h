// progsearch public API: a program, as the searches return it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/value.h"

namespace progsearch {

// An immutable program over the variables of the search space it came from: printable, evaluable,
// cheap to copy (it shares its sub-terms and keeps its space's operators alive).
class PROGSEARCH_API Program {
 public:
  // An empty program (a moved-from one is empty too): every method but empty() throws Error.
  Program() = default;
  bool empty() const { return impl_ == nullptr; }

  // As an s-expression, e.g. (+ (* x 2.0) 1.0): what SyGuS and `progsearch eval --program` read.
  std::string ToString() const;
  // As a C expression of the variables in double arithmetic (Float programs of + - * / fma sqrt fabs
  // fmin fmax, <math.h>'s functions, and your operators that declare a spelling with
  // SearchSpace::SetCForm). Throws Error for other programs, naming the operator without one.
  std::string ToC() const;
  // Nodes of the program tree (a sub-term used twice counts twice).
  int Size() const;
  ValueKind result_kind() const;
  // The variables the inputs bind, in order: name and kind.
  std::vector<std::pair<std::string, ValueKind>> variables() const;
  // Bit-vector widths: of each variable, and of the result (0 for values of other kinds).
  std::vector<int> variable_widths() const;
  int result_width() const;

  // The program on one input per variable (in the space's order). Throws Error for inputs of the wrong
  // number or kind, and for evaluation errors (Int overflow, a user operator that threw).
  Scalar operator()(const std::vector<Scalar>& inputs) const;
  // The program on columns (one per variable, all of one length): one result per row.
  std::vector<Scalar> Evaluate(const std::vector<std::vector<Scalar>>& columns) const;
  // The same for a Float program of Float variables, without boxing.
  std::vector<double> EvaluateFloats(const std::vector<std::vector<double>>& columns) const;

  // The internal representation, for the engine's own code.
  struct Impl;
  explicit Program(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace progsearch
