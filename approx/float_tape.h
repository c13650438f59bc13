// FloatTape: a Float program of one variable compiled to straight-line code, with equal sub-terms
// computed once, as a register machine would run it. It is the one fast evaluator of Float programs
// outside the interpreter: it gives the operation count of that straight-line program, evaluates it in
// double with exact derivatives with respect to its constants (which the minimax constant tuner needs),
// and evaluates it in float32 arithmetic (which the search's float32 mode and the exhaustive float32
// check need).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/term.h"
#include "dsl/opcode.h"

namespace progsearch {

// Operations in the straight-line form of `program`: every distinct sub-term applying an operation
// counts once, however often it is used, and fma counts 2 (a multiply and an add, as a Horner step is
// counted in the literature: Sollya's degree-5 minimax is "10 operations").
int OperationCount(const Term& program);

// Per-operation weights, by operator name: an operation's cost is its weight, 1 for names not listed.
// The default weighs fma 2, as above; e.g. {"fma": 1, "/": 4} models a machine with fused multiply-add
// and slow division.
using OperationWeights = std::map<std::string, int>;
OperationWeights DefaultOperationWeights();
// How costs are counted, for labels: "fma counts 2", or "every operation counts 1".
std::string DescribeWeights(const OperationWeights& weights);
// The cost of `program`'s straight-line form: the weights of its distinct operations, summed.
int OperationCost(const Term& program, const OperationWeights& weights);

// Which Float operators a tape may hold.
enum class TapeOperators {
  // The correctly rounded IEEE operations + - * / fma sqrt, negation, fabs, fmin, fmax: each means the
  // same in float and in double, so a tape of them runs in either.
  kArithmetic,
  // Those and libm's elementary functions (exp ... erf): for references computed in double. In
  // float32 arithmetic an elementary function is computed in double and rounded to float.
  kWithElementary,
};

// Whether the tape evaluates `op` when compiled with `allowed`, and how: comparisons (Bool-valued) never.
bool TapeEvaluates(FloatOp op, TapeOperators allowed = TapeOperators::kArithmetic);

class FloatTape {
 public:
  // nullopt unless `program` is built from Variable(0), Float constants and the operators `allowed`.
  static std::optional<FloatTape> Compile(const Term& program, TapeOperators allowed = TapeOperators::kArithmetic);

  // The tuning parameters: one per constant, except that the constants of a sub-term used in several
  // places (one node of the straight-line program) are tied, so tuning keeps shared sub-terms shared.
  size_t num_parameters() const { return parameters_.size(); }
  const std::vector<double>& parameters() const { return parameters_; }
  // The parameter each Float constant of the program (in pre-order) reads.
  const std::vector<int>& occurrence_parameter() const { return occurrence_parameter_; }
  // Nodes of the straight-line program (variable and constants included): the scratch size of Run.
  size_t num_nodes() const { return nodes_.size(); }

  // The program at `x` with the given parameters; `gradient` (num_parameters() entries) receives
  // d value / d parameter when not null. `scratch` is reused between calls.
  double Evaluate(double x, const std::vector<double>& parameters, double* gradient,
                  std::vector<double>& scratch) const;
  // The program run in float32 arithmetic: parameters rounded to float, every operation rounded to
  // float, fma fused.
  float EvaluateFloat(float x, const std::vector<double>& parameters, std::vector<float>& scratch) const;

  // The program at `x` in T arithmetic (float or double) with `parameters` already in T, using
  // `values` (num_nodes() entries) as scratch: the allocation-free loop for billions of points.
  template <typename T>
  T Run(T x, const T* parameters, T* values) const;

 private:
  enum class Kind : uint8_t { kVariable, kParameter, kOperation };
  struct Node {
    Kind kind = Kind::kOperation;
    FloatOp op = FloatOp::kAdd;  // kOperation
    int a = -1, b = -1, c = -1;  // operand nodes; for kParameter, `a` is the parameter
  };
  // One operation of `node` on operand values in T arithmetic.
  template <typename T>
  static T Apply(const Node& node, T a, T b, T c);

  std::vector<Node> nodes_;  // operands before their users; the last node is the result
  std::vector<double> parameters_;
  std::vector<int> occurrence_parameter_;
};

}  // namespace progsearch
