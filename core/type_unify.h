// Polymorphic types: a substitution of type variables, unification with an occurs check, and the
// instantiation of a scheme (a type whose variables are implicitly universally quantified, such as
// map's (-> (-> t0 t1) (List t0) (List t1))) at fresh variables.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/type.h"

namespace progsearch {

class TypeSubstitution {
 public:
  // A variable no scheme instantiated through this substitution has used yet.
  Type Fresh() { return Type::Var(next_++); }
  // Ensures Fresh() never returns a variable with id <= `id` (for types built outside Fresh()).
  void Reserve(int id) { next_ = next_ > id ? next_ : id + 1; }

  // Binds variables so that `a` and `b` become equal. On a clash (Int against Bool, different
  // arities) or a cyclic binding (t0 against (List t0)) it returns false; bindings made before the
  // clash stay, so callers that go on after a failure unify on a copy.
  bool Unify(const Type& a, const Type& b);

  // `t` with every bound variable replaced, recursively; unbound variables stay.
  Type Apply(const Type& t) const;

 private:
  bool Occurs(int id, const Type& t) const;
  Type Bind(const Type& t) const;  // follows one variable's chain of bindings
  absl::flat_hash_map<int, Type> bindings_;
  int next_ = 0;
};

// `t` rebuilt with each parameter (a list's element, a function's arguments and result) mapped by fn;
// other types unchanged.
template <typename Fn>
Type MapTypeParams(const Type& t, Fn&& fn) {
  switch (t.kind()) {
    case TypeKind::kList:
      return Type::List(fn(t.element()));
    case TypeKind::kFunction: {
      std::vector<Type> args;
      for (const Type& a : t.args()) args.push_back(fn(a));
      return Type::Function(std::move(args), fn(t.result()));
    }
    default:
      return t;
  }
}

// `scheme` with each of its variables renamed to a variable fresh in `s`.
Type Instantiate(const Type& scheme, TypeSubstitution& s);

// The largest variable id in `t`, or -1 when it has none.
int MaxVarId(const Type& t);

// The result type of a primitive with this argument/result scheme applied to arguments of types
// `args` (ground, or with variables of their own), or nullopt when they do not unify. What a
// registry's SignatureFn for a polymorphic family computes.
std::optional<Type> ApplyScheme(std::span<const Type> scheme_args, const Type& scheme_result, std::span<const Type> args);

}  // namespace progsearch
