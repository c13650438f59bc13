#include "core/term.h"

#include <catch2/catch.hpp>

namespace progsearch {

TEST_CASE("terms cache size and depth and share sub-terms", "[core][term]") {
  TermPtr x = Term::Variable(0, "x", Type::Int());
  TermPtr one = Term::Constant(Value::Int(1));
  // The operator pointer is opaque to core; any stable address will do for structure tests.
  static const int fake_op = 0;
  const auto* op = reinterpret_cast<const Primitive*>(&fake_op);
  TermPtr sum = Term::Apply(op, Type::Int(), {x, one});
  TermPtr nested = Term::Apply(op, Type::Int(), {sum, sum});
  CHECK(sum->size() == 3);
  CHECK(sum->depth() == 2);
  CHECK(nested->size() == 7);
  CHECK(nested->depth() == 3);
  CHECK(nested->args()[0] == nested->args()[1]);  // shared, not copied
  CHECK(SameTerm(*sum, *Term::Apply(op, Type::Int(), {Term::Variable(0, "x", Type::Int()), one})));
  CHECK_FALSE(SameTerm(*sum, *Term::Apply(op, Type::Int(), {one, x})));
}

TEST_CASE("lambdas have function types over de Bruijn variables", "[core][term]") {
  TermPtr body = Term::BoundVar(0, Type::Int());
  TermPtr id = Term::Lambda({Type::Int()}, body);
  CHECK(id->type() == Type::Function({Type::Int()}, Type::Int()));
  CHECK(id->size() == 2);
  CHECK(id->body()->kind() == TermKind::kBoundVar);
}

}  // namespace progsearch
