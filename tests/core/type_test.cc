#include "core/type.h"

#include <catch2/catch.hpp>

#include "absl/hash/hash.h"

namespace progsearch {

TEST_CASE("types print in SMT-LIB spelling", "[core][type]") {
  CHECK(Type::Int().ToString() == "Int");
  CHECK(Type::Bool().ToString() == "Bool");
  CHECK(Type::String().ToString() == "String");
  CHECK(Type::Float().ToString() == "Float");
  CHECK(Type::BitVec(8)->ToString() == "(_ BitVec 8)");
  CHECK(Type::List(Type::Int()).ToString() == "(List Int)");
  CHECK(Type::Function({Type::Int(), Type::Bool()}, Type::String()).ToString() == "(-> Int Bool String)");
}

TEST_CASE("bit-vector widths outside 1..64 are rejected", "[core][type]") {
  CHECK_FALSE(Type::BitVec(0).ok());
  CHECK_FALSE(Type::BitVec(65).ok());
  CHECK(Type::BitVec(1).ok());
  CHECK(Type::BitVec(64)->width() == 64);
}

TEST_CASE("type equality is structural and hashing agrees", "[core][type]") {
  Type a = Type::Function({Type::List(Type::Int())}, Type::Bool());
  Type b = Type::Function({Type::List(Type::Int())}, Type::Bool());
  Type c = Type::Function({Type::List(Type::String())}, Type::Bool());
  CHECK(a == b);
  CHECK(a != c);
  CHECK(*Type::BitVec(8) != *Type::BitVec(16));
  CHECK(absl::HashOf(a) == absl::HashOf(b));
  CHECK(a.args().size() == 1);
  CHECK(a.result() == Type::Bool());
  CHECK(Type::List(Type::Int()).element() == Type::Int());
}

}  // namespace progsearch
