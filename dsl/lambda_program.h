// Programs in DreamCoder's syntax, `(lambda (map (lambda (+ $0 1)) $0))`: untyped lambda terms over a
// registry's polymorphic primitives, with de Bruijn variables and inline abstractions `#(lambda ...)`.
// Type inference (unification over the primitives' schemes, core/type_unify.h) turns one into a typed
// Term the interpreter evaluates; PrintDreamCoder turns a Term back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/type.h"
#include "dsl/primitive_registry.h"

namespace progsearch {

struct LambdaExpr {
  enum class Kind : uint8_t {
    kPrimitive,  // `name`: a primitive, bare or as the head of an application
    kIndex,      // $index
    kLambda,     // children[0] is the body
    kApply,      // children[0] applied to children[1..]
    kInvented,   // an inline abstraction #(...): children[0] is its body, `name` its text with the '#'
  };
  Kind kind = Kind::kPrimitive;
  std::string name;
  int index = 0;
  std::vector<LambdaExpr> children;
  size_t column = 0;  // 1-based position in the text it was read from, for errors
};

// Reads one program. `lambda` and `lam` both open a lambda. Errors (InvalidArgument) name the column.
absl::StatusOr<LambdaExpr> ParseLambdaExpr(std::string_view text);
// DreamCoder's spelling, the inverse of ParseLambdaExpr (with `lambda`).
std::string PrintLambdaExpr(const LambdaExpr& e);

// `e` with every application of an inline abstraction beta-reduced (and the redexes that creates),
// so it uses the registry's primitives only.
LambdaExpr InlineInventions(const LambdaExpr& e);

// The principal type of a closed program, its leading lambdas taken as one function's parameters:
// (lambda (lambda (map $0 $1))) is (-> (List t0) (-> t0 t1) (List t1)). Variables are numbered t0, t1...
// in order of appearance. A primitive given fewer arguments than it takes is partially applied, as in
// DreamCoder's curried library: (cons (car $0)) reads as (lambda (cons (car $1) $0)). Fails
// (InvalidArgument, with the column) on unknown primitives, more arguments than a primitive takes,
// unbound variables and types that do not unify.
absl::StatusOr<Type> InferLambdaType(const LambdaExpr& e, const PrimitiveRegistry& registry);

// The typed Term of a program solving a task of type `request` ((-> in... out), or just out): its
// leading lambdas bind the task's inputs, which become Variable(i) named input_names[i]; inner lambdas
// become Term lambdas, a run of nested lambdas passed where a k-parameter function is expected making
// one k-parameter Lambda. Type variables no use pins down (the element type of a `(length empty)`) are
// taken as Int. Inline abstractions are inlined first.
absl::StatusOr<TermPtr> TypeLambdaProgram(const LambdaExpr& e, const Type& request, const PrimitiveRegistry& registry,
                                          const std::vector<std::string>& input_names);

// The operator of a function-typed variable applied to arguments (args[0] is the variable): how an
// abstraction's body calls its function parameter. Substituting a lambda for the variable and
// beta-reducing removes it (search/lambda); evaluated as such, it fails.
const Primitive* ParameterCall();

// A Term over `num_inputs` inputs in DreamCoder's syntax: a leading lambda per input, $-indices for the
// inputs and for lambda parameters, nullary primitives bare.
std::string PrintDreamCoder(const Term& program, size_t num_inputs);

}  // namespace progsearch
