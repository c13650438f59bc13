#include "search/cegis/spec_elimination.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/str_cat.h"
#include "dsl/inline_macros.h"
#include "search/cegis/spec_rewrite.h"

namespace progsearch {
namespace {

constexpr int kMaxDefinitionSize = 100000;

int FunIndex(const Task& task, const Primitive* p) {
  for (size_t i = 0; i < task.synth_funs.size(); ++i) {
    if (task.synth_funs[i].primitive == p) return static_cast<int>(i);
  }
  return -1;
}

struct Found {
  int fun;
  TermPtr body;  // over the function's parameters
};

class Isolator {
 public:
  explicit Isolator(const Task& task) : task_(task) {
    const Type ints[] = {Type::Int(), Type::Int()};
    if (auto p = task.registry->Resolve("+", ints); p.ok()) plus_ = *p;
    if (auto m = task.registry->Resolve("-", ints); m.ok()) minus_ = *m;
  }

  // A definition read off side = other: side is (g args) or reaches one through + and -.
  std::optional<Found> Isolate(const TermPtr& side, const TermPtr& other) const {
    if (side->kind() != TermKind::kApply) return std::nullopt;
    const Primitive* op = side->op();
    if (op->kind == PrimitiveKind::kSynthFun) {
      const int g = FunIndex(task_, op);
      if (g < 0 || Mentions(*other, op)) return std::nullopt;
      auto as_param = ArgumentParameters(*side, task_.synth_funs[g], task_.declared_vars.size());
      if (!as_param || !VariablesWithin(*other, *as_param)) return std::nullopt;
      return Found{g, SubstituteVariables(other, *as_param)};
    }
    if (plus_ == nullptr || minus_ == nullptr || side->args().size() != 2 || side->type() != Type::Int()) {
      return std::nullopt;
    }
    const TermPtr& a = side->args()[0];
    const TermPtr& b = side->args()[1];
    if (op == plus_) {
      if (auto f = Isolate(a, Term::Apply(minus_, Type::Int(), {other, b}))) return f;
      return Isolate(b, Term::Apply(minus_, Type::Int(), {other, a}));
    }
    if (op == minus_) {
      if (auto f = Isolate(a, Term::Apply(plus_, Type::Int(), {other, b}))) return f;
      return Isolate(b, Term::Apply(minus_, Type::Int(), {a, other}));
    }
    return std::nullopt;
  }

 private:
  const Task& task_;
  const Primitive* plus_ = nullptr;
  const Primitive* minus_ = nullptr;
};

bool IsTrue(const Term& t) {
  return t.kind() == TermKind::kConstant && t.type().kind() == TypeKind::kBool && t.value().as_bool();
}

}  // namespace

Elimination EliminateDefinitions(const Task& task) {
  Elimination e;
  e.definitions.assign(task.synth_funs.size(), nullptr);
  std::vector<TermPtr> spec;
  for (const TermPtr& c : task.spec) spec.push_back(InlineMacros(c));
  const Isolator isolator(task);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t c = 0; c < spec.size() && !progress; ++c) {
      const TermPtr& t = spec[c];
      if (!Applies(*t, CoreOp::kEqual) || t->args().size() != 2) continue;
      std::optional<Found> found = isolator.Isolate(t->args()[0], t->args()[1]);
      if (!found) found = isolator.Isolate(t->args()[1], t->args()[0]);
      if (!found) continue;
      const Primitive* g = task.synth_funs[found->fun].primitive;
      spec.erase(spec.begin() + static_cast<std::ptrdiff_t>(c));
      for (TermPtr& other : spec) other = Simplify(InlineCalls(other, g, found->body), *task.registry);
      for (TermPtr& d : e.definitions) {
        if (d != nullptr) d = InlineCalls(d, g, found->body);
      }
      e.definitions[found->fun] = found->body;
      ++e.eliminated;
      // Definitions inlined into definitions can double at each step (f2 := f1 + f1, f3 := f2 + f2, ...).
      progress = std::none_of(e.definitions.begin(), e.definitions.end(),
                              [](const TermPtr& d) { return d != nullptr && d->size() > kMaxDefinitionSize; });
    }
  }
  e.reduced = task;
  e.reduced.synth_funs.clear();
  e.reduced.spec.clear();
  // A constraint no synth-fun is left in holds or not whatever the bodies are: the final proof of the
  // whole task checks it, and the functions left need not see it.
  for (const TermPtr& c : spec) {
    if (!IsTrue(*c) && Mentions(*c)) e.reduced.spec.push_back(c);
  }
  for (size_t i = 0; i < task.synth_funs.size(); ++i) {
    if (e.definitions[i] != nullptr) continue;
    e.free.push_back(static_cast<int>(i));
    e.reduced.synth_funs.push_back(task.synth_funs[i]);
  }
  // Examples constrain synth_funs[0] only; they stay when it is still the first function to solve.
  if (e.free.empty() || e.free[0] != 0) e.reduced.examples.clear();
  return e;
}

absl::StatusOr<std::vector<TermPtr>> ComposeBodies(const Task& task, const Elimination& elimination,
                                                   std::span<const TermPtr> free_bodies) {
  if (free_bodies.size() != elimination.free.size()) {
    return absl::InvalidArgumentError(
        StrCat(elimination.free.size(), " free synth-funs and ", free_bodies.size(), " bodies for them"));
  }
  std::vector<TermPtr> out(task.synth_funs.size());
  for (size_t k = 0; k < elimination.free.size(); ++k) out[elimination.free[k]] = free_bodies[k];
  for (size_t i = 0; i < out.size(); ++i) {
    if (elimination.definitions[i] == nullptr) continue;
    TermPtr body = elimination.definitions[i];
    for (size_t k = 0; k < elimination.free.size(); ++k) {
      body = InlineCalls(body, task.synth_funs[elimination.free[k]].primitive, free_bodies[k]);
    }
    out[i] = Simplify(body, *task.registry);
  }
  return out;
}

TermPtr DefaultBody(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kBool:
      return Term::Constant(Value::Bool(false));
    case TypeKind::kBitVec:
      return Term::Constant(Value::BitVec(type, 0));
    case TypeKind::kString:
      return Term::Constant(Value::String(""));
    case TypeKind::kFloat:
      return Term::Constant(Value::Float(0));
    case TypeKind::kList:
      return Term::Constant(Value::List(type.element(), {}));
    default:
      return Term::Constant(Value::Int(0));
  }
}

}  // namespace progsearch
