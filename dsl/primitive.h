// Primitives: the DSL's operators, each a columnar kernel with a name, an opcode, a signature, a cost and a
// printer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/type.h"
#include "core/value_column.h"
#include "dsl/opcode.h"

namespace progsearch {

// Rows lambda bodies may be evaluated on in one evaluation unless a caller says otherwise.
inline constexpr uint64_t kDefaultLambdaRows = uint64_t{1} << 22;

// What a kernel may report besides its output column. Kernels never fail by themselves: they set a
// flag and the interpreter turns it into a status once the node is done, so the hot loops stay branch-free.
struct EvalContext {
  size_t max_string_length = size_t{1} << 20;
  bool int_overflow = false;     // an Int result left int64 (SMT-LIB Ints are unbounded; ours are not)
  bool string_too_long = false;  // a String result exceeded max_string_length
  bool invalid = false;          // an operator without SMT-LIB totality failed (a spreadsheet #VALUE!)
  // A partial operator with no value on some row (car of an empty list): what went wrong, a literal.
  const char* error = nullptr;
  // Rows that lambda bodies may still be evaluated on in this evaluation (the step budget that keeps
  // fold and unfold finite); higher-order kernels fail once it is spent.
  uint64_t lambda_rows_left = kDefaultLambdaRows;
};

// How a higher-order kernel runs one of its lambda arguments: on a batch of m rows at once, with the
// lambda's parameters bound to `params` (one column of m rows per parameter) and its free variables
// taking the values of the call's row parents[j] on batch row j. Columns in, column out: a map over all
// elements of all examples' lists is one batch.
class LambdaRunner {
 public:
  virtual ~LambdaRunner() = default;
  // `arg` is the lambda's argument position in the call; a deferred argument that is not a lambda
  // runs the same way with no parameters. Fails with the body's own error, or with
  // ResourceExhausted once EvalContext::lambda_rows_left is spent.
  virtual absl::StatusOr<ValueColumn> Run(size_t arg, std::span<const ValueColumn* const> params,
                                          std::span<const uint32_t> parents) = 0;
};

// A higher-order primitive's kernel: args[i] is null where argument i is a lambda.
using HigherOrderKernel = absl::Status (*)(std::span<const ValueColumn* const> args, LambdaRunner& lambdas,
                                           ValueColumn& out, EvalContext& ctx);

// Evaluates the primitive on every example at once. `out` arrives sized (size() == number of examples)
// with the result type; string kernels call out.ResetStrings() and append one string per example.
using Kernel = void (*)(std::span<const ValueColumn* const> args, ValueColumn& out, EvalContext& ctx);
// A kernel with state: an operator a library user computes with a C++ (or Python) callable.
using ClosureKernel = std::function<void(std::span<const ValueColumn* const> args, ValueColumn& out, EvalContext& ctx)>;

// Prints an application given its already printed arguments; empty means `(name arg ...)`.
using Printer = std::function<std::string(std::string_view name, std::span<const std::string> args)>;
// The C expression of an operator applied to its arguments' C expressions (user operators that declare
// one; approx/c_printer.h prints built-ins itself).
using CSpelling = std::function<std::string(std::span<const std::string> args)>;

enum class PrimitiveKind : uint8_t {
  kBuiltin,   // has a kernel
  kMacro,     // a define-fun: evaluated by evaluating `body` with the arguments bound to its parameters
  kSynthFun,  // the function being synthesized: only evaluable with a candidate bound to it
};

// One concrete, fully typed operator (an overload family instantiated at argument types).
struct Primitive {
  std::string name;
  std::vector<Type> arg_types;
  Type result;
  int cost = 1;
  PrimitiveKind kind = PrimitiveKind::kBuiltin;
  // What a built-in computes, for the backends besides the interpreter (dsl/opcode.h); std::monostate
  // for macros, synth-funs and operators registered by name with a kernel of their own.
  Opcode opcode;
  Kernel kernel = nullptr;
  // Set instead of `kernel` for primitives taking lambdas (map, fold, filter, unfold).
  HigherOrderKernel higher_order = nullptr;
  // Bit i set: argument i is not evaluated before the higher-order kernel runs; the kernel runs it
  // through the LambdaRunner on the rows that need it (if's branches). Lambda arguments always are.
  uint32_t deferred_args = 0;
  ClosureKernel closure;  // used when `kernel` is null (user operators)
  Printer printer;
  CSpelling c_form;  // user operators: how C spells a call, when declared
  // Whether the kernel reads its arguments' cell errors itself (IFERROR, ISERROR, IF). Otherwise a row
  // where an argument holds an error holds the first such argument's error, whatever the kernel wrote.
  bool sees_errors = false;
  // Macros: the body reads parameter i as Variable(i); parameter names are kept for printing.
  TermPtr body;
  std::vector<std::string> param_names;
};

// Spreadsheet semantics for an operator that does not see errors: row i of `out` holds the error of the
// first argument with one on row i. Then error rows get their canonical payload.
void PropagateCellErrors(const Primitive& p, std::span<const ValueColumn* const> args, ValueColumn& out);

// Runs `p`'s kernel, or its closure for a user operator, then carries the arguments' cell errors.
inline void RunKernel(const Primitive& p, std::span<const ValueColumn* const> args, ValueColumn& out, EvalContext& ctx) {
  if (p.kernel != nullptr) {
    p.kernel(args, out, ctx);
  } else {
    p.closure(args, out, ctx);
  }
  bool any = out.has_errors();
  for (const ValueColumn* a : args) any |= a != nullptr && a->has_errors();
  if (any) PropagateCellErrors(p, args, out);
}

// Whether `t` applies the built-in operator `op` (e.g. Applies(t, CoreOp::kAnd)).
inline bool Applies(const Term& t, const Opcode& op) { return t.kind() == TermKind::kApply && t.op()->opcode == op; }

// Decides whether a family accepts these argument types and, if so, returns the result type.
using SignatureFn = std::function<std::optional<Type>(std::span<const Type>)>;

}  // namespace progsearch
