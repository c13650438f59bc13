#include "hashing/functional_hash.h"

#include <catch2/catch.hpp>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "tests/hashing/columns.h"

namespace progsearch {

using testing::Floats;
using testing::Ints;
using testing::Strings;

TEST_CASE("programs that compute the same outputs hash alike", "[hashing]") {
  std::vector<Declaration> vars = {{"x", Type::Int()}};
  ProgramReader reader(BuiltinRegistry(), vars, "<test>");
  std::vector<ValueColumn> inputs = {Ints({-3, 0, 7, 100})};
  auto eval = [&](const char* text) { return *Interpreter().Evaluate(**reader.ReadText(text), inputs, 4); };
  CHECK(FunctionalHash(eval("(+ x x)")) == FunctionalHash(eval("(* 2 x)")));
  CHECK(FunctionalHash(eval("(- x (- 1))")) == FunctionalHash(eval("(+ 1 x)")));
  CHECK(FunctionalHash(eval("(+ x x)")) != FunctionalHash(eval("(+ x 1)")));
}

TEST_CASE("the hash is deterministic and depends on type and layout", "[hashing]") {
  CHECK(FunctionalHash(Ints({1, 2, 3})) == FunctionalHash(Ints({1, 2, 3})));
  // Known values pin the canonical encoding down across runs and builds (XXH3 is specified): a change
  // here invalidates every stored hash, so it must be deliberate.
  CHECK(FunctionalHash(Ints({1, 2, 3})) == 18211960632958083913ull);
  CHECK(FunctionalHash(Strings({"ab", ""})) == 16456232225780883609ull);
  CHECK(FunctionalHash(Ints({1, 2, 3})) != FunctionalHash(Ints({1, 2})));
  const Type bv = *Type::BitVec(64);
  std::vector<Value> ones = {Value::BitVec(bv, 1)};
  CHECK(FunctionalHash(Ints({1})) != FunctionalHash(ValueColumn::FromValues(bv, ones)));
  std::vector<Value> bools = {Value::Bool(true)};
  CHECK(FunctionalHash(Ints({1})) != FunctionalHash(ValueColumn::FromValues(Type::Bool(), bools)));
  // Strings are length-prefixed: the same bytes split differently differ.
  CHECK(FunctionalHash(Strings({"ab", ""})) != FunctionalHash(Strings({"a", "b"})));
  CHECK(FunctionalHash(Strings({"ab", ""})) == FunctionalHash(Strings({"ab", ""})));
}

TEST_CASE("floats are quantized, and the quantum is part of the key", "[hashing]") {
  ValueColumn a = Floats({1.0, -2.5, 1e-3});
  ValueColumn b = Floats({1.0 + 1e-13, -2.5 - 1e-13, 1e-3 * (1 + 1e-13)});
  HashOptions exact;
  HashOptions coarse{1e-9};
  HashOptions coarser{1e-6};
  CHECK(FunctionalHash(a, exact) != FunctionalHash(b, exact));
  CHECK(FunctionalHash(a, coarse) == FunctionalHash(b, coarse));
  CHECK(FunctionalHash(a, coarse) != FunctionalHash(a, coarser));
  CHECK(FunctionalHash(Floats({1.0}), coarse) != FunctionalHash(Floats({1.001}), coarse));
  // Every NaN is one value.
  CHECK(FunctionalHash(Floats({std::nan("1")}), exact) == FunctionalHash(Floats({-std::nan("2")}), exact));
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("an error row hashes apart from the zero it holds, and columns without errors as before",
          "[hashing][errors]") {
  std::vector<Value> zeros = {Value::Int(0), Value::Int(5)};
  std::vector<Value> errors = {Value::Error(Type::Int(), CellError::kValue), Value::Int(5)};
  std::vector<Value> other = {Value::Error(Type::Int(), CellError::kNA), Value::Int(5)};
  const ValueColumn a = ValueColumn::FromValues(Type::Int(), zeros);
  const ValueColumn b = ValueColumn::FromValues(Type::Int(), errors);
  const ValueColumn c = ValueColumn::FromValues(Type::Int(), other);
  CHECK(FunctionalHash(a) != FunctionalHash(b));
  CHECK(FunctionalHash(b) != FunctionalHash(c));
  CHECK(FunctionalHash(b) == FunctionalHash(ValueColumn::FromValues(Type::Int(), errors)));
}

}  // namespace progsearch
