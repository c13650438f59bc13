#include <algorithm>
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "guide/signature.h"

namespace progsearch::guide {
namespace {

ValueColumn Strings(std::vector<std::string> items) {
  std::vector<Value> values;
  for (auto& s : items) values.push_back(Value::String(s));
  return ValueColumn::FromValues(Type::String(), values);
}

ValueColumn Ints(std::vector<int64_t> items) {
  std::vector<Value> values;
  for (int64_t v : items) values.push_back(Value::Int(v));
  return ValueColumn::FromValues(Type::Int(), values);
}

ValueColumn Words(std::vector<uint64_t> items) {
  const Type bv64 = *Type::BitVec(64);
  std::vector<Value> values;
  for (uint64_t v : items) values.push_back(Value::BitVec(bv64, v));
  return ValueColumn::FromValues(bv64, values);
}

// The category of one named property.
int Code(const ValueColumn& value, const ValueColumn& expected, const std::string& name,
         const std::vector<ValueColumn>& inputs = {}) {
  const std::vector<std::string> names = ValueFeatureNames();
  const auto at = std::find(names.begin(), names.end(), name);
  REQUIRE(at != names.end());
  std::vector<uint8_t> codes(ValueFeatureCount());
  ValueSignature(value, inputs, expected, codes.data());
  return codes[at - names.begin()];
}

}  // namespace

TEST_CASE("string properties reduce over the examples", "[gpu][signature]") {
  const ValueColumn out = Strings({"A.L.", "Hello World", "xyz"});
  // "B" is in no output; "World" and "xyz" are in theirs.
  const ValueColumn v = Strings({"B", "World", "xyz"});
  CHECK(Code(v, out, "str.substring_of_output") == kMixed);
  CHECK(Code(Strings({"L.", "World", "z"}), out, "str.substring_of_output") == kAllTrue);
  CHECK(Code(Strings({"L.", "World", "z"}), out, "str.suffix_of_output") == kAllTrue);
  CHECK(Code(Strings({"L.", "World", "z"}), out, "str.prefix_of_output") == kAllFalse);
  CHECK(Code(Strings({"", "", ""}), out, "str.empty") == kAllTrue);
  CHECK(Code(v, out, "str.empty") == kAllFalse);
  CHECK(Code(v, out, "str.length_1") == kMixed);
  CHECK(Code(Strings({"a.l.", "HELLO WORLD", "XYZ"}), out, "str.equals_output_ignoring_case") == kAllTrue);
  CHECK(Code(Strings({"a b", "c d", "e f"}), out, "str.has_space") == kAllTrue);
  CHECK(Code(Strings({"12", "3", "0"}), out, "str.only_digits") == kAllTrue);
  CHECK(Code(Strings({"ab", "CD", "e"}), out, "str.lowercase") == kMixed);
  // Against an Int output: the value's text is the number.
  CHECK(Code(Strings({"12", "-3"}), Ints({12, -3}), "str.is_output_as_text") == kAllTrue);
  CHECK(Code(Strings({"12", "-3"}), Ints({12, -3}), "str.substring_of_output") == kNotApplicable);
  // Blocks of other types do not apply.
  CHECK(Code(v, out, "int.zero") == kNotApplicable);
  CHECK(Code(v, out, "bv.odd") == kNotApplicable);
}

TEST_CASE("integer properties against Int and String outputs", "[gpu][signature]") {
  const ValueColumn strings = Strings({"abc", "hello"});
  CHECK(Code(Ints({3, 5}), strings, "int.output_length") == kAllTrue);
  CHECK(Code(Ints({2, 5}), strings, "int.output_length_minus_1") == kMixed);
  CHECK(Code(Ints({0, 4}), strings, "int.index_into_output") == kAllTrue);
  CHECK(Code(Ints({-1, 4}), strings, "int.negative") == kMixed);
  CHECK(Code(Ints({7, 8}), Ints({6, 9}), "int.output_plus_or_minus_1") == kAllTrue);
  CHECK(Code(Ints({2, 3}), Ints({6, 9}), "int.divides_output") == kAllTrue);
  CHECK(Code(Ints({2, 3}), Ints({6, 9}), "int.less_than_output") == kAllTrue);
  CHECK(Code(Ints({2, 3}), strings, "int.less_than_output") == kNotApplicable);
  // Extremes do not overflow.
  CHECK(Code(Ints({INT64_MIN}), Ints({INT64_MAX}), "int.output_plus_or_minus_1") == kAllTrue);
}

TEST_CASE("bit-vector properties count bits and compare with the output", "[gpu][signature]") {
  const ValueColumn out = Words({0xF0, 0x8000000000000000ull});
  CHECK(Code(Words({0x10, 0x80}), out, "bv.power_of_2") == kAllTrue);
  CHECK(Code(Words({0x10, 0x80}), out, "bv.bits_within_output") == kMixed);
  CHECK(Code(Words({0x30, 0x8000000000000000ull}), out, "bv.bits_within_output") == kAllTrue);
  CHECK(Code(Words({~0xF0ull, 0x7FFFFFFFFFFFFFFFull}), out, "bv.not_output") == kAllTrue);
  CHECK(Code(Words({0xF1, 0x8000000000000001ull}), out, "bv.one_bit_from_output") == kAllTrue);
  CHECK(Code(Words({0, 0}), out, "bv.less_than_output_unsigned") == kAllTrue);
  // 0x80.. is the smallest signed value: 0 is not below it.
  CHECK(Code(Words({0, 0}), out, "bv.less_than_output_signed") == kMixed);
  CHECK(Code(Words({0xF000000000000000ull, ~0ull}), out, "bv.top_4_set") == kAllTrue);
  CHECK(Code(Words({3, 5}), out, "bv.below_half_width") == kAllTrue);
  CHECK(Code(Words({3, 5}), Strings({"a", "b"}), "bv.equals_output") == kNotApplicable);
}

TEST_CASE("relations to the inputs hold when they hold for one input", "[gpu][signature]") {
  const ValueColumn out = Strings({"x", "y"});
  const std::vector<ValueColumn> inputs = {Strings({"Ada Lovelace", "Alan Turing"}), Strings({"a-b", "c"})};
  CHECK(Code(Strings({"Love", "c"}), out, "str.in_an_input", inputs) == kAllTrue);
  CHECK(Code(Strings({"Love", "c"}), out, "str.equals_an_input", inputs) == kMixed);
  CHECK(Code(Strings({"Ada", "Alan"}), out, "str.prefix_of_an_input", inputs) == kAllTrue);
  CHECK(Code(Strings({"Ada", "Alan"}), out, "str.in_an_input") == kNotApplicable);
  // 12 is "Ada Lovelace"'s length, 3 "a-b"'s; 3 and 4 are spaces, 1 is '-'.
  CHECK(Code(Ints({12, 1}), out, "int.an_input_length", inputs) == kAllTrue);
  CHECK(Code(Ints({3, 4}), out, "int.delimiter_position_in_an_input", inputs) == kAllTrue);
  CHECK(Code(Ints({1, 11}), out, "int.delimiter_position_in_an_input", inputs) == kMixed);
  CHECK(Code(Ints({11, 20}), out, "int.index_into_an_input", inputs) == kMixed);
  CHECK(Code(Ints({5, 6}), Ints({0, 0}), "int.equals_an_input", {Ints({5, 7})}) == kMixed);
  CHECK(Code(Words({0x10, 0x3}), Words({0, 0}), "bv.bits_within_an_input", {Words({0xF0, 0x7})}) == kAllTrue);
  CHECK(Code(Words({0x10, 0x3}), Words({0, 0}), "bv.equals_an_input", {Words({0xF0, 0x7})}) == kAllFalse);
}

TEST_CASE("a task's signature is its inputs' and output's, missing inputs not applicable", "[gpu][signature]") {
  const ValueColumn out = Strings({"Ada", "Alan"});
  const std::vector<ValueColumn> inputs = {Strings({"Ada Lovelace", "Alan Turing"})};
  std::vector<uint8_t> task(TaskFeatureCount());
  TaskSignature(inputs, out, task.data());
  const int n = ValueFeatureCount();
  std::vector<uint8_t> first(n), output(n);
  ValueSignature(inputs[0], inputs, out, first.data());
  ValueSignature(out, inputs, out, output.data());
  CHECK(std::equal(first.begin(), first.end(), task.begin()));
  CHECK(std::all_of(task.begin() + n, task.begin() + kMaxInputs * n, [](uint8_t c) { return c == kNotApplicable; }));
  CHECK(std::equal(output.begin(), output.end(), task.begin() + kMaxInputs * n));
  CHECK(ValueFeatureNames().size() == static_cast<size_t>(n));
}

}  // namespace progsearch::guide
