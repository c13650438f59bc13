#include "core/type_unify.h"

#include <algorithm>
#include <vector>

namespace progsearch {

Type TypeSubstitution::Bind(const Type& t) const {
  Type cur = t;
  while (cur.kind() == TypeKind::kVar) {
    auto it = bindings_.find(cur.var_id());
    if (it == bindings_.end()) break;
    cur = it->second;
  }
  return cur;
}

bool TypeSubstitution::Occurs(int id, const Type& t) const {
  const Type b = Bind(t);
  if (b.kind() == TypeKind::kVar) return b.var_id() == id;
  if (b.kind() == TypeKind::kList) return Occurs(id, b.element());
  if (b.kind() == TypeKind::kFunction) {
    for (const Type& a : b.args()) {
      if (Occurs(id, a)) return true;
    }
    return Occurs(id, b.result());
  }
  return false;
}

bool TypeSubstitution::Unify(const Type& a, const Type& b) {
  const Type x = Bind(a);
  const Type y = Bind(b);
  if (x.kind() == TypeKind::kVar || y.kind() == TypeKind::kVar) {
    const Type& var = x.kind() == TypeKind::kVar ? x : y;
    const Type& other = x.kind() == TypeKind::kVar ? y : x;
    if (other.kind() == TypeKind::kVar && other.var_id() == var.var_id()) return true;
    if (Occurs(var.var_id(), other)) return false;
    bindings_[var.var_id()] = other;
    Reserve(var.var_id());
    return true;
  }
  if (x.kind() != y.kind() || x.width() != y.width()) return false;
  if (x.kind() == TypeKind::kList) return Unify(x.element(), y.element());
  if (x.kind() == TypeKind::kFunction) {
    const std::vector<Type> xa = x.args();
    const std::vector<Type> ya = y.args();
    if (xa.size() != ya.size()) return false;
    for (size_t i = 0; i < xa.size(); ++i) {
      if (!Unify(xa[i], ya[i])) return false;
    }
    return Unify(x.result(), y.result());
  }
  return true;
}

Type TypeSubstitution::Apply(const Type& t) const {
  const Type b = Bind(t);
  if (b.kind() == TypeKind::kVar) return b;
  return MapTypeParams(b, [&](const Type& p) { return Apply(p); });
}

int MaxVarId(const Type& t) {
  if (t.kind() == TypeKind::kVar) return t.var_id();
  int best = -1;
  if (t.kind() == TypeKind::kList) best = MaxVarId(t.element());
  if (t.kind() == TypeKind::kFunction) {
    for (const Type& a : t.args()) best = std::max(best, MaxVarId(a));
    best = std::max(best, MaxVarId(t.result()));
  }
  return best;
}

namespace {

Type Rename(const Type& t, absl::flat_hash_map<int, Type>& fresh, TypeSubstitution& s) {
  if (t.kind() == TypeKind::kVar) {
    auto [it, inserted] = fresh.try_emplace(t.var_id());
    if (inserted) it->second = s.Fresh();
    return it->second;
  }
  return MapTypeParams(t, [&](const Type& p) { return Rename(p, fresh, s); });
}

}  // namespace

Type Instantiate(const Type& scheme, TypeSubstitution& s) {
  absl::flat_hash_map<int, Type> fresh;
  return Rename(scheme, fresh, s);
}

std::optional<Type> ApplyScheme(std::span<const Type> scheme_args, const Type& scheme_result, std::span<const Type> args) {
  if (scheme_args.size() != args.size()) return std::nullopt;
  TypeSubstitution s;
  for (const Type& a : args) s.Reserve(MaxVarId(a));
  const Type fn = Instantiate(Type::Function(std::vector<Type>(scheme_args.begin(), scheme_args.end()), scheme_result), s);
  const std::vector<Type> formal = fn.args();
  for (size_t i = 0; i < args.size(); ++i) {
    if (!s.Unify(formal[i], args[i])) return std::nullopt;
  }
  return s.Apply(fn.result());
}

}  // namespace progsearch
