#include "search/cegis/spec_rewrite.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

bool Closed(const Term& term) {
  switch (term.kind()) {
    case TermKind::kConstant:
      return true;
    case TermKind::kApply:
      if (term.op()->kind == PrimitiveKind::kSynthFun) return false;
      return std::all_of(term.args().begin(), term.args().end(), [](const TermPtr& a) { return Closed(*a); });
    default:
      return false;
  }
}

std::optional<bool> BoolConstant(const TermPtr& t) {
  if (t->kind() != TermKind::kConstant || t->type().kind() != TypeKind::kBool) return std::nullopt;
  return t->value().as_bool();
}

TermPtr BoolTerm(bool b) { return Term::Constant(Value::Bool(b)); }

// The identities Simplify applies at one node whose children are already simplified.
TermPtr SimplifyNode(const TermPtr& t, const PrimitiveRegistry& registry) {
  if (t->kind() != TermKind::kApply || t->op()->kind != PrimitiveKind::kBuiltin) return t;
  if (Closed(*t)) {
    auto v = Interpreter().EvaluateGround(*t);
    return v.ok() ? Term::Constant(*v) : t;
  }
  const Opcode& op = t->op()->opcode;
  const std::vector<TermPtr>& a = t->args();
  auto is_any = [&op](std::initializer_list<Opcode> ops) { return std::find(ops.begin(), ops.end(), op) != ops.end(); };
  if (a.size() == 2 && SameTerm(*a[0], *a[1])) {
    // Float's <= and >= are false on NaN, so only the Int ones are reflexive; Float's = is identity
    // (NaN = NaN), and x < x is false for every x.
    if (is_any(
            {CoreOp::kEqual, IntOp::kLe, IntOp::kGe, BitVecOp::kULe, BitVecOp::kSLe, BitVecOp::kUGe, BitVecOp::kSGe})) {
      return BoolTerm(true);
    }
    if (is_any({IntOp::kLt, IntOp::kGt, FloatOp::kLt, FloatOp::kGt, CoreOp::kDistinct, BitVecOp::kULt, BitVecOp::kSLt,
                BitVecOp::kUGt, BitVecOp::kSGt})) {
      return BoolTerm(false);
    }
    if (is_any({CoreOp::kAnd, CoreOp::kOr})) return a[0];
  }
  if (a.size() == 2) {
    auto is = [](const TermPtr& x, int64_t v) {
      return x->kind() == TermKind::kConstant && x->type().kind() == TypeKind::kInt && x->value().as_int() == v;
    };
    if (is_any({IntOp::kAdd, IntOp::kSub}) && is(a[1], 0)) return a[0];
    if (op == Opcode(IntOp::kAdd) && is(a[0], 0)) return a[1];
    if (op == Opcode(IntOp::kMul) && is(a[1], 1)) return a[0];
    if (op == Opcode(IntOp::kMul) && is(a[0], 1)) return a[1];
  }
  if (op == Opcode(CoreOp::kAnd) && a.size() == 2) {
    for (int i = 0; i < 2; ++i) {
      if (auto c = BoolConstant(a[i])) return *c ? a[1 - i] : BoolTerm(false);
    }
  }
  if (op == Opcode(CoreOp::kOr) && a.size() == 2) {
    for (int i = 0; i < 2; ++i) {
      if (auto c = BoolConstant(a[i])) return *c ? BoolTerm(true) : a[1 - i];
    }
  }
  if (op == Opcode(CoreOp::kNot) && Applies(*a[0], CoreOp::kNot)) return a[0]->args()[0];
  if (op == Opcode(CoreOp::kImplies)) {
    if (auto c = BoolConstant(a[0])) return *c ? a[1] : BoolTerm(true);
    if (auto c = BoolConstant(a[1])) {
      if (*c) return BoolTerm(true);
      const Type arg[] = {Type::Bool()};
      auto negation = registry.Resolve("not", arg);
      if (negation.ok()) return Term::Apply(*negation, Type::Bool(), {a[0]});
    }
  }
  if (op == Opcode(CoreOp::kIte)) {
    if (auto c = BoolConstant(a[0])) return *c ? a[1] : a[2];
    if (SameTerm(*a[1], *a[2])) return a[1];
  }
  return t;
}

void Collect(const TermPtr& t, const Type& type, absl::flat_hash_set<std::string>& seen, std::vector<TermPtr>& out) {
  if (t->kind() == TermKind::kApply) {
    for (const TermPtr& a : t->args()) Collect(a, type, seen, out);
  }
  if (t->type() != type || Mentions(*t)) return;
  if (t->kind() != TermKind::kApply && t->kind() != TermKind::kConstant && t->kind() != TermKind::kVariable) return;
  if (seen.insert(PrintTerm(*t)).second) out.push_back(t);
}

}  // namespace

bool Mentions(const Term& term, const Primitive* f) {
  if (term.kind() != TermKind::kApply && term.kind() != TermKind::kLambda) return false;
  if (term.kind() == TermKind::kApply) {
    if (f == nullptr ? term.op()->kind == PrimitiveKind::kSynthFun : term.op() == f) return true;
  }
  return std::any_of(term.args().begin(), term.args().end(), [f](const TermPtr& a) { return Mentions(*a, f); });
}

TermPtr ReplaceCalls(const TermPtr& term, const Primitive* f, const TermPtr& by) {
  if (term->kind() != TermKind::kApply) return term;
  if (term->op() == f) return by;
  return MapArgs(term, [&](const TermPtr& a) { return ReplaceCalls(a, f, by); });
}

TermPtr InlineCalls(const TermPtr& term, const Primitive* f, const TermPtr& body) {
  return InlineApplications(term, [&](const Primitive& op) { return &op == f ? body : TermPtr(); });
}

std::vector<TermPtr> SubtermsOfType(std::span<const TermPtr> terms, const Type& type) {
  absl::flat_hash_set<std::string> seen;
  std::vector<TermPtr> out;
  for (const TermPtr& t : terms) Collect(t, type, seen, out);
  std::stable_sort(out.begin(), out.end(), [](const TermPtr& a, const TermPtr& b) { return a->size() < b->size(); });
  return out;
}

TermPtr Simplify(const TermPtr& term, const PrimitiveRegistry& registry) {
  if (term->kind() != TermKind::kApply) return term;
  TermPtr t = MapArgs(term, [&](const TermPtr& a) { return Simplify(a, registry); });
  return SimplifyNode(t, registry);
}

absl::StatusOr<TermPtr> Conjunction(std::span<const TermPtr> terms, const PrimitiveRegistry& registry) {
  if (terms.empty()) return BoolTerm(true);
  const Type b = Type::Bool();
  const Type args[] = {b, b};
  ASSIGN_OR_RETURN(const Primitive* op, registry.Resolve("and", args));
  TermPtr out = terms[0];
  for (size_t i = 1; i < terms.size(); ++i) out = Term::Apply(op, b, {out, terms[i]});
  return out;
}

absl::StatusOr<TermPtr> IfThenElse(const TermPtr& cond, const TermPtr& then, const TermPtr& otherwise,
                                   const PrimitiveRegistry& registry) {
  const Type args[] = {Type::Bool(), then->type(), otherwise->type()};
  ASSIGN_OR_RETURN(const Primitive* op, registry.Resolve("ite", args));
  return Term::Apply(op, then->type(), {cond, then, otherwise});
}

std::optional<std::vector<TermPtr>> ArgumentParameters(const Term& call, const SynthFun& f, size_t num_declared) {
  std::vector<TermPtr> as_param(num_declared);
  for (size_t i = 0; i < call.args().size(); ++i) {
    const Term& a = *call.args()[i];
    if (a.kind() != TermKind::kVariable || static_cast<size_t>(a.index()) >= num_declared ||
        as_param[a.index()] != nullptr) {
      return std::nullopt;
    }
    as_param[a.index()] = Term::Variable(static_cast<int>(i), f.params[i].name, f.params[i].type);
  }
  return as_param;
}

bool VariablesWithin(const Term& t, const std::vector<TermPtr>& as_param) {
  if (t.kind() == TermKind::kVariable) {
    return static_cast<size_t>(t.index()) < as_param.size() && as_param[t.index()] != nullptr;
  }
  for (const TermPtr& a : t.args()) {
    if (!VariablesWithin(*a, as_param)) return false;
  }
  return true;
}

}  // namespace progsearch
