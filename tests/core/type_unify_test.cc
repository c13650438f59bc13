#include "core/type_unify.h"

#include <catch2/catch.hpp>

namespace progsearch {
namespace {

const Type kInt = Type::Int();
const Type kBool = Type::Bool();
Type L(const Type& t) { return Type::List(t); }
Type V(int id) { return Type::Var(id); }
Type F(std::vector<Type> args, const Type& r) { return Type::Function(std::move(args), r); }

}  // namespace

TEST_CASE("type variables print as t<id> and are not ground", "[core][type_unify]") {
  CHECK(V(3).ToString() == "t3");
  CHECK(F({V(0)}, L(V(1))).ToString() == "(-> t0 (List t1))");
  CHECK_FALSE(L(V(0)).is_ground());
  CHECK(F({L(kInt)}, kBool).is_ground());
  CHECK(V(1) != V(2));
  CHECK(MaxVarId(F({V(4), L(V(7))}, kInt)) == 7);
  CHECK(MaxVarId(kInt) == -1);
}

TEST_CASE("unification binds variables through lists and functions", "[core][type_unify]") {
  TypeSubstitution s;
  s.Reserve(10);
  REQUIRE(s.Unify(F({F({V(0)}, V(1)), L(V(0))}, L(V(1))), F({F({kInt}, kBool), L(kInt)}, V(2))));
  CHECK(s.Apply(V(0)) == kInt);
  CHECK(s.Apply(V(1)) == kBool);
  CHECK(s.Apply(V(2)) == L(kBool));
  // Chains of variables resolve fully.
  TypeSubstitution c;
  REQUIRE(c.Unify(V(0), V(1)));
  REQUIRE(c.Unify(V(1), L(V(2))));
  REQUIRE(c.Unify(V(2), kInt));
  CHECK(c.Apply(V(0)) == L(kInt));
}

TEST_CASE("unification rejects clashes, arity mismatches and cyclic types", "[core][type_unify]") {
  TypeSubstitution a;
  CHECK_FALSE(a.Unify(kInt, kBool));
  TypeSubstitution b;
  CHECK_FALSE(b.Unify(L(V(0)), kInt));
  TypeSubstitution c;
  CHECK_FALSE(c.Unify(F({kInt}, kInt), F({kInt, kInt}, kInt)));
  TypeSubstitution d;
  CHECK_FALSE(d.Unify(V(0), L(V(0))));  // occurs check
  TypeSubstitution e;
  CHECK(e.Unify(V(0), V(0)));
}

TEST_CASE("instantiation renames a scheme's variables apart", "[core][type_unify]") {
  TypeSubstitution s;
  s.Reserve(5);
  const Type scheme = F({V(0), L(V(0))}, L(V(0)));
  const Type a = Instantiate(scheme, s);
  const Type b = Instantiate(scheme, s);
  CHECK(a != b);
  CHECK(a.args()[0] == a.args()[1].element());
  CHECK(a.args()[0].var_id() > 5);
}

TEST_CASE("a scheme applied to argument types gives the result type", "[core][type_unify]") {
  const std::vector<Type> map_args = {F({V(0)}, V(1)), L(V(0))};
  const Type map_result = L(V(1));
  const std::vector<Type> good = {F({kInt}, kBool), L(kInt)};
  CHECK(ApplyScheme(map_args, map_result, good) == L(kBool));
  const std::vector<Type> bad = {F({kInt}, kBool), L(kBool)};
  CHECK_FALSE(ApplyScheme(map_args, map_result, bad).has_value());
  const std::vector<Type> short_args = {F({kInt}, kBool)};
  CHECK_FALSE(ApplyScheme(map_args, map_result, short_args).has_value());
  // Argument types with variables of their own do not collide with the scheme's.
  const std::vector<Type> open = {F({V(0)}, V(0)), L(kInt)};
  CHECK(ApplyScheme(map_args, map_result, open) == L(kInt));
}

}  // namespace progsearch
