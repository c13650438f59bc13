#include "core/value_column.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace progsearch {

TEST_CASE("values print as SMT-LIB literals", "[core][value]") {
  CHECK(Value::Int(5).ToString() == "5");
  CHECK(Value::Int(-5).ToString() == "(- 5)");
  CHECK(Value::Int(INT64_MIN).ToString() == "(- 9223372036854775808)");
  CHECK(Value::Bool(true).ToString() == "true");
  CHECK(Value::String("a\"b").ToString() == "\"a\"\"b\"");
  CHECK(Value::String(std::string("\x01", 1)).ToString() == "\"\\u{1}\"");
  CHECK(Value::String("a\\b").ToString() == "\"a\\u{5c}b\"");
  CHECK(Value::BitVec(*Type::BitVec(8), 0x1ff).ToString() == "#xff");
  CHECK(Value::BitVec(*Type::BitVec(3), 5).ToString() == "#b101");
  CHECK(Value::Float(1.5).ToString() == "1.5");
  CHECK(Value::Float(2).ToString() == "2.0");
  CHECK(Value::Float(-0.25).ToString() == "(- 0.25)");
}

TEST_CASE("columns round-trip values of every kind", "[core][value]") {
  std::vector<Value> ints = {Value::Int(1), Value::Int(-7), Value::Int(INT64_MAX)};
  std::vector<Value> strs = {Value::String(""), Value::String("abc"), Value::String("de")};
  std::vector<Value> bvs = {Value::BitVec(*Type::BitVec(4), 3), Value::BitVec(*Type::BitVec(4), 15)};
  std::vector<Value> floats = {Value::Float(0.5), Value::Float(NAN)};
  std::vector<Value> lists = {Value::List(Type::Int(), {Value::Int(1), Value::Int(2)}), Value::List(Type::Int(), {})};
  for (const auto& [type, values] :
       std::vector<std::pair<Type, std::vector<Value>>>{{Type::Int(), ints},
                                                        {Type::String(), strs},
                                                        {*Type::BitVec(4), bvs},
                                                        {Type::Float(), floats},
                                                        {Type::List(Type::Int()), lists}}) {
    ValueColumn c = ValueColumn::FromValues(type, values);
    REQUIRE(c.size() == values.size());
    for (size_t i = 0; i < values.size(); ++i) CHECK(c.Get(i) == values[i]);
    ValueColumn copy = c;
    CHECK(copy == c);
  }
}

TEST_CASE("string columns share one arena", "[core][value]") {
  ValueColumn c(Type::String(), 3);
  c.ResetStrings();
  c.AppendString("ab");
  c.AppendString("");
  c.AppendString("cde");
  CHECK(c.arena_bytes() == 5);
  CHECK(c.string_at(0) == "ab");
  CHECK(c.string_at(1).empty());
  CHECK(c.string_at(2) == "cde");
}

TEST_CASE("column equality distinguishes values, NaN equals NaN", "[core][value]") {
  ValueColumn a = ValueColumn::Broadcast(Value::Float(NAN), 2);
  ValueColumn b = ValueColumn::Broadcast(Value::Float(NAN), 2);
  CHECK(a == b);
  ValueColumn z = ValueColumn::Broadcast(Value::Float(0.0), 2);
  ValueColumn nz = ValueColumn::Broadcast(Value::Float(-0.0), 2);
  CHECK_FALSE(z == nz);
  CHECK_FALSE(ValueColumn::Broadcast(Value::Int(1), 2) == ValueColumn::Broadcast(Value::Int(2), 2));
  CHECK_FALSE(ValueColumn::Broadcast(Value::Int(1), 2) == ValueColumn::Broadcast(Value::Int(1), 3));
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("cell errors live in their rows, with a canonical payload", "[core][value][errors]") {
  const Value err = Value::Error(Type::String(), CellError::kValue);
  CHECK(err.ToString() == "#VALUE!");
  CHECK(err.as_string().empty());
  CHECK(err != Value::String(""));
  CHECK(err != Value::Error(Type::String(), CellError::kNA));
  std::vector<Value> values = {Value::String("ab"), err, Value::String("c")};
  ValueColumn c = ValueColumn::FromValues(Type::String(), values);
  REQUIRE(c.has_errors());
  CHECK(c.error_at(0) == CellError::kNone);
  CHECK(c.error_at(1) == CellError::kValue);
  CHECK(c.Get(1) == err);
  CHECK(c.Get(2) == Value::String("c"));
  // A kernel's leftover text in an error row goes away: equal meaning, equal bytes.
  ValueColumn written(Type::String(), 3);
  written.ResetStrings();
  for (const char* s : {"ab", "junk", "c"}) written.AppendString(s);
  written.SetError(1, CellError::kValue);
  written.CanonicalizeErrors();
  CHECK(written == c);
  CHECK(written.string_at(1).empty());
  // Clearing the last error drops the error bytes, so the column equals one that never had any.
  written.SetError(1, CellError::kNone);
  written.CanonicalizeErrors();
  CHECK_FALSE(written.has_errors());
  std::vector<Value> plain = {Value::String("ab"), Value::String(""), Value::String("c")};
  CHECK(written == ValueColumn::FromValues(Type::String(), plain));
  // Gather, Concat and Broadcast keep the errors with their rows.
  const std::vector<uint32_t> rows = {1, 1, 0};
  ValueColumn g = ValueColumn::Gather(c, rows);
  CHECK(g.error_at(0) == CellError::kValue);
  CHECK(g.error_at(2) == CellError::kNone);
  ValueColumn joined = ValueColumn::Concat(ValueColumn::FromValues(Type::String(), plain), c);
  CHECK(joined.error_at(4) == CellError::kValue);
  CHECK(joined.error_at(1) == CellError::kNone);
  ValueColumn all = ValueColumn::Broadcast(Value::Error(Type::Int(), CellError::kDivZero), 3);
  CHECK(all.all_errors());
  CHECK(all.Get(2).ToString() == "#DIV/0!");
  ValueColumn reused = all;
  reused.Reset(Type::Int(), 3);  // a reused column starts without errors
  CHECK_FALSE(reused.has_errors());
}

}  // namespace progsearch
