#include "dsl/constant_folding.h"

#include <vector>

#include "dsl/interpreter.h"

namespace progsearch {
namespace {

bool IsLiteralType(const Type& t) {
  return t == Type::Bool() || t == Type::Int() || t == Type::Float() || t == Type::String() || t.is_bitvec();
}

TermPtr Fold(const TermPtr& t, const Interpreter& interpreter) {
  if (t->kind() != TermKind::kApply) return t;
  std::vector<TermPtr> args;
  args.reserve(t->args().size());
  bool changed = false, constant = true;
  for (const TermPtr& a : t->args()) {
    TermPtr folded = Fold(a, interpreter);
    changed |= folded != a;
    constant &= folded->kind() == TermKind::kConstant;
    args.push_back(std::move(folded));
  }
  TermPtr rebuilt = changed ? Term::Apply(t->op(), t->type(), std::move(args)) : t;
  // A synth-fun placeholder or a macro is not a value; only operators with kernels fold.
  if (!constant || !IsLiteralType(t->type()) || t->op()->kind == PrimitiveKind::kSynthFun) return rebuilt;
  absl::StatusOr<Value> value = interpreter.EvaluateGround(*rebuilt);
  return value.ok() ? Term::Constant(*std::move(value)) : rebuilt;
}

}  // namespace

TermPtr FoldConstants(const TermPtr& program) { return Fold(program, Interpreter()); }

}  // namespace progsearch
