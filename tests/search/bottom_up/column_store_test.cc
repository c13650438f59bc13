#include "search/bottom_up/column_store.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace progsearch {
namespace {

ValueColumn Column(const Type& type, std::vector<Value> values) { return ValueColumn::FromValues(type, values); }

ValueColumn Strings(std::vector<std::string> values) {
  std::vector<Value> v;
  for (std::string& s : values) v.push_back(Value::String(std::move(s)));
  return ValueColumn::FromValues(Type::String(), v);
}

ValueColumn Floats(std::vector<double> values) {
  std::vector<Value> v;
  for (double d : values) v.push_back(Value::Float(d));
  return ValueColumn::FromValues(Type::Float(), v);
}

ValueColumn Ints(size_t n, int64_t seed) {
  std::vector<Value> v;
  for (size_t i = 0; i < n; ++i) v.push_back(Value::Int(seed * 1000003 + static_cast<int64_t>(i) * (seed % 7 - 3)));
  return ValueColumn::FromValues(Type::Int(), v);
}

uint64_t Bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

double NaNWithPayload(uint64_t payload) {
  const uint64_t bits = 0x7ff8000000000000ull | payload;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// Every column comes back equal, Equals agrees with ==, and a column equals only its own slot.
void CheckRoundTrip(const Type& type, const std::vector<ValueColumn>& columns) {
  ColumnStore store(type, columns[0].size());
  for (size_t i = 0; i < columns.size(); ++i) CHECK(store.Add(columns[i]) == i);
  CHECK(store.count() == columns.size());
  ValueColumn out;
  for (size_t i = 0; i < columns.size(); ++i) {
    store.Load(static_cast<uint32_t>(i), out);
    INFO(type.ToString() << " slot " << i);
    CHECK(out.type() == type);
    REQUIRE(out.size() == columns[i].size());
    CHECK(out == columns[i]);
    for (size_t j = 0; j < columns.size(); ++j) {
      CHECK(store.Equals(static_cast<uint32_t>(i), columns[j]) == (columns[i] == columns[j]));
    }
  }
}

}  // namespace

TEST_CASE("columns of every type round-trip through the store, and Equals agrees with ==",
          "[search][bottom_up][column_store]") {
  const Type bv8 = *Type::BitVec(8);
  const Type bv64 = *Type::BitVec(64);
  CheckRoundTrip(Type::Int(), {Column(Type::Int(), {Value::Int(INT64_MIN), Value::Int(-1), Value::Int(INT64_MAX)}),
                               Column(Type::Int(), {Value::Int(0), Value::Int(0), Value::Int(0)}),
                               Column(Type::Int(), {Value::Int(0), Value::Int(0), Value::Int(1)})});
  CheckRoundTrip(Type::Bool(), {Column(Type::Bool(), {Value::Bool(true), Value::Bool(false)}),
                                Column(Type::Bool(), {Value::Bool(false), Value::Bool(true)})});
  CheckRoundTrip(bv8, {Column(bv8, {Value::BitVec(bv8, 0xff), Value::BitVec(bv8, 0x80)}),
                       Column(bv8, {Value::BitVec(bv8, 0x7f), Value::BitVec(bv8, 0x80)})});
  CheckRoundTrip(bv64, {Column(bv64, {Value::BitVec(bv64, ~uint64_t{0}), Value::BitVec(bv64, uint64_t{1} << 63)}),
                        Column(bv64, {Value::BitVec(bv64, 1), Value::BitVec(bv64, uint64_t{1} << 63)})});
  CheckRoundTrip(Type::Float(),
                 {Floats({1.5, -0.0, std::numeric_limits<double>::infinity(), 4.9e-324}),
                  Floats({1.5, 0.0, std::numeric_limits<double>::infinity(), 4.9e-324}),
                  Floats({NAN, 2.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::max()})});
  // Strings with empty elements, a NUL and bytes above 127; the last two share their bytes but split them
  // differently.
  CheckRoundTrip(Type::String(), {Strings({"", "abc", std::string("n\0l", 3), "\xff\xfe"}), Strings({"", "", "", ""}),
                                  Strings({"ab", "c", "", "x"}), Strings({"a", "bc", "", "x"})});
  const Type list = Type::List(Type::Int());
  CheckRoundTrip(
      list, {Column(list, {Value::List(Type::Int(), {Value::Int(1), Value::Int(2)}), Value::List(Type::Int(), {})}),
             Column(list, {Value::List(Type::Int(), {Value::Int(1)}), Value::List(Type::Int(), {Value::Int(2)})})});
}

TEST_CASE("Float columns compare as ValueColumn does: any NaN equals any NaN, -0 is not +0",
          "[search][bottom_up][column_store]") {
  ColumnStore store(Type::Float(), 2);
  const ValueColumn quiet = Floats({NaNWithPayload(1), 0.0});
  const uint32_t slot = store.Add(quiet);
  const ValueColumn other_nan = Floats({NaNWithPayload(0x1234), 0.0});
  REQUIRE(other_nan == quiet);
  CHECK(store.Equals(slot, other_nan));
  CHECK_FALSE(store.Equals(slot, Floats({NaNWithPayload(1), -0.0})));
  CHECK_FALSE(store.Equals(slot, Floats({0.0, 0.0})));
  CHECK_FALSE(store.Equals(slot, Floats({1.0, NaNWithPayload(1)})));
  // The stored bits come back exactly, payload and all.
  ValueColumn out;
  store.Load(slot, out);
  CHECK(Bits(out.floats()[0]) == Bits(quiet.floats()[0]));
  CHECK(Bits(out.floats()[1]) == Bits(0.0));
}

TEST_CASE("loading reuses a column that held anything before", "[search][bottom_up][column_store]") {
  ColumnStore strings(Type::String(), 3);
  strings.Add(Strings({"a long first string", "b", "c"}));
  strings.Add(Strings({"x", "", "yz"}));
  ColumnStore ints(Type::Int(), 2);
  ints.Add(Column(Type::Int(), {Value::Int(7), Value::Int(-7)}));
  // One scratch column through every kind, as the search's reused buffers are.
  ValueColumn out = Floats({1, 2, 3, 4, 5});
  strings.Load(0, out);
  CHECK(out == Strings({"a long first string", "b", "c"}));
  strings.Load(1, out);  // shorter strings over longer ones: nothing of the old bytes is left
  CHECK(out == Strings({"x", "", "yz"}));
  CHECK(out.arena_bytes() == 3);
  ints.Load(0, out);
  CHECK(out == Column(Type::Int(), {Value::Int(7), Value::Int(-7)}));
  strings.Load(0, out);
  CHECK(out == Strings({"a long first string", "b", "c"}));
}

TEST_CASE("many columns across storage chunks come back intact", "[search][bottom_up][column_store]") {
  // 8 KB records: a 4 MiB chunk holds 524, so 1200 columns span three chunks.
  const size_t n = 1000;
  ColumnStore ints(Type::Int(), n);
  for (int64_t k = 0; k < 1200; ++k) REQUIRE(ints.Add(Ints(n, k)) == static_cast<uint32_t>(k));
  ValueColumn out;
  for (int64_t k : {0, 523, 524, 525, 1047, 1048, 1199}) {
    ints.Load(static_cast<uint32_t>(k), out);
    CHECK(out == Ints(n, k));
    CHECK(ints.Equals(static_cast<uint32_t>(k), Ints(n, k)));
    CHECK_FALSE(ints.Equals(static_cast<uint32_t>(k), Ints(n, k + 1)));
  }
  // String bytes: 60 columns of ~100 KB fill two byte chunks, and a 5 MiB string exceeds a whole chunk.
  ColumnStore strings(Type::String(), 2);
  std::vector<ValueColumn> added;
  for (int k = 0; k < 60; ++k) {
    added.push_back(Strings({std::string(50000 + k, static_cast<char>('a' + k % 26)), std::string(50000, 'z')}));
    strings.Add(added.back());
    if (k == 30) {
      added.push_back(Strings({std::string(5 << 20, 'q'), "tail"}));
      strings.Add(added.back());
    }
  }
  REQUIRE(strings.count() == added.size());
  for (size_t k = 0; k < added.size(); ++k) {
    strings.Load(static_cast<uint32_t>(k), out);
    INFO("slot " << k);
    CHECK(out == added[k]);
    CHECK(strings.Equals(static_cast<uint32_t>(k), added[k]));
  }
  CHECK(strings.bytes() >= (size_t{5} << 20) + 60 * 100000);
}

TEST_CASE("the store counts the data it holds, not the chunks it allocates ahead",
          "[search][bottom_up][column_store]") {
  ColumnStore store(Type::Int(), 10);
  CHECK(store.bytes() == 0);
  CHECK(store.count() == 0);
  store.Add(Ints(10, 1));
  const size_t one = store.bytes();
  CHECK(one >= 10 * sizeof(int64_t));
  CHECK(one < 1024);  // a 4 MiB chunk was allocated, but one record was written
  store.Add(Ints(10, 2));
  CHECK(store.bytes() == 2 * one);
  CHECK(store.count() == 2);
  // Columns with no elements still get slots.
  ColumnStore empty(Type::String(), 0);
  CHECK(empty.Add(Strings({})) == 0);
  CHECK(empty.Add(Strings({})) == 1);
  ValueColumn out = Strings({"old"});
  empty.Load(1, out);
  CHECK(out.size() == 0);
  CHECK(out.type() == Type::String());
  CHECK(empty.Equals(0, Strings({})));
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("the store keeps cell errors with their columns", "[search][bottom_up][column_store][errors]") {
  for (const Type& type : {Type::Int(), Type::Float(), Type::String()}) {
    INFO(type.ToString());
    std::vector<Value> plain = {Value::Error(type, CellError::kNone), Value::Error(type, CellError::kNone)};
    std::vector<Value> erring = {Value::Error(type, CellError::kNone), Value::Error(type, CellError::kDivZero)};
    const ValueColumn a = ValueColumn::FromValues(type, plain);
    const ValueColumn b = ValueColumn::FromValues(type, erring);
    ColumnStore store(type, 2);
    const uint32_t sa = store.Add(a), sb = store.Add(b), sa2 = store.Add(a);
    CHECK(store.Equals(sa, a));
    CHECK_FALSE(store.Equals(sa, b));
    CHECK(store.Equals(sb, b));
    CHECK_FALSE(store.Equals(sb, a));
    ValueColumn out;
    store.Load(sb, out);
    CHECK(out == b);
    store.Load(sa2, out);  // the same buffers, now without errors
    CHECK(out == a);
    CHECK_FALSE(out.has_errors());
  }
}

}  // namespace progsearch
