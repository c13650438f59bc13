#include "guide/signature.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <string_view>
#include <type_traits>

namespace progsearch::guide {
namespace {

// One example's answers for one block: which properties apply, and which of those hold.
struct RowBits {
  uint64_t applies = 0;
  uint64_t holds = 0;
  void Set(int bit, bool value) {
    applies |= uint64_t{1} << bit;
    if (value) holds |= uint64_t{1} << bit;
  }
};

// The names of each block, in bit order; a block's size is its name count.
constexpr std::array kStringNames = {
    "empty", "length_1", "length_le_5", "length_le_10", "lowercase", "uppercase", "has_space", "has_digit",
    "only_digits", "has_letter", "has_punctuation", "starts_upper", "only_letters",
    // against a String output
    "equals_output", "substring_of_output", "contains_output", "prefix_of_output", "suffix_of_output",
    "equals_output_ignoring_case", "shorter_than_output", "as_long_as_output", "chars_all_in_output",
    "substring_of_output_ignoring_case", "same_first_char",
    // against an Int output
    "is_output_as_text", "length_is_output", "contains_output_as_text",
    // against the String inputs (true when it holds for one of them)
    "in_an_input", "equals_an_input", "contains_an_input", "prefix_of_an_input", "suffix_of_an_input"};
constexpr std::array kIntNames = {
    "zero", "one", "negative", "positive", "abs_lt_10", "abs_lt_100", "even",
    // against an Int output
    "equals_output", "less_than_output", "greater_than_output", "output_plus_or_minus_1", "divides_output",
    "negated_output",
    // against a String output
    "output_length", "less_than_output_length", "greater_than_output_length", "index_into_output",
    "output_length_minus_1", "text_in_output",
    // against the inputs: String ones (true when it holds for one of them), then Int ones
    "an_input_length", "index_into_an_input", "delimiter_position_in_an_input", "equals_an_input"};
constexpr std::array kBoolNames = {"true", "equals_output"};
constexpr std::array kBitVecNames = {
    "zero", "all_ones", "odd", "top_bit", "power_of_2", "popcount_le_quarter", "popcount_le_half",
    "popcount_ge_three_quarters", "trailing_zeros_ge_4", "below_half_width", "top_4_clear", "top_4_set",
    // against a BitVec output of the same width
    "equals_output", "not_output", "bits_within_output", "bits_cover_output", "one_bit_from_output",
    "same_popcount", "less_than_output_unsigned", "less_than_output_signed", "negated_output",
    "low_byte_equal", "same_trailing_zeros", "same_highest_bit",
    // against the inputs of the same width (true when it holds for one of them)
    "equals_an_input", "bits_within_an_input", "one_bit_from_an_input"};

constexpr int kStringSize = kStringNames.size();
// Where each block's relations to an output of another type, and to the inputs, start.
constexpr int kStringAgainstInt = 24;
constexpr int kStringAgainstInputs = 27;
constexpr int kIntAgainstString = 13;
constexpr int kIntAgainstInputs = 19;
constexpr int kBitVecAgainstInputs = 24;
constexpr int kIntSize = kIntNames.size();
constexpr int kBoolSize = kBoolNames.size();
constexpr int kBitVecSize = kBitVecNames.size();
constexpr int kValueSize = kStringSize + kIntSize + kBoolSize + kBitVecSize;
static_assert(kStringSize <= 64 && kIntSize <= 64 && kBitVecSize <= 64);
static_assert(kStringAgainstInputs == kStringAgainstInt + 3 && kStringSize == kStringAgainstInputs + 5);
static_assert(kIntAgainstInputs == kIntAgainstString + 6 && kIntSize == kIntAgainstInputs + 4);
static_assert(kBitVecSize == kBitVecAgainstInputs + 3);

// Whether `test` holds for one input of `type` at `row`.
template <typename Test>
bool AnyInput(const SignatureContext& context, const Type& type, size_t row, Test test) {
  for (const ValueColumn& c : context.inputs()) {
    if (c.type() != type) continue;
    if constexpr (std::is_invocable_v<Test, std::string_view>) {
      if (test(c.string_at(row))) return true;
    } else {
      if (test(c.bits()[row])) return true;
    }
  }
  return false;
}

bool IsLower(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (std::isupper(c)) return false;
    letter |= std::isalpha(c) != 0;
  }
  return letter;
}

bool IsUpper(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    letter |= std::isalpha(c) != 0;
  }
  return letter;
}

template <typename Pred>
bool Any(std::string_view s, Pred pred) {
  return std::any_of(s.begin(), s.end(), [&](unsigned char c) { return pred(c) != 0; });
}

template <typename Pred>
bool AllNonEmpty(std::string_view s, Pred pred) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](unsigned char c) { return pred(c) != 0; });
}

void Lower(std::string_view s, std::string& out) {
  out.assign(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool Contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// A value's own text, reused across its rows.
struct StringScratch {
  std::string lower_value, number;
};

RowBits StringRow(std::string_view s, const SignatureContext& context, size_t row, StringScratch& scratch) {
  const ValueColumn& expected = context.expected();
  RowBits r;
  int b = 0;
  r.Set(b++, s.empty());
  r.Set(b++, s.size() == 1);
  r.Set(b++, s.size() <= 5);
  r.Set(b++, s.size() <= 10);
  r.Set(b++, IsLower(s));
  r.Set(b++, IsUpper(s));
  r.Set(b++, s.find(' ') != std::string_view::npos);
  r.Set(b++, Any(s, ::isdigit));
  r.Set(b++, AllNonEmpty(s, ::isdigit));
  r.Set(b++, Any(s, ::isalpha));
  r.Set(b++, Any(s, ::ispunct));
  r.Set(b++, !s.empty() && std::isupper(static_cast<unsigned char>(s[0])));
  r.Set(b++, AllNonEmpty(s, ::isalpha));
  if (expected.type().kind() == TypeKind::kString) {
    const std::string_view o = expected.string_at(row);
    Lower(s, scratch.lower_value);
    const std::string& lower_output = context.lower_output(row);
    r.Set(b++, s == o);
    r.Set(b++, Contains(o, s));
    r.Set(b++, Contains(s, o));
    r.Set(b++, o.starts_with(s));
    r.Set(b++, o.ends_with(s));
    r.Set(b++, scratch.lower_value == lower_output);
    r.Set(b++, s.size() < o.size());
    r.Set(b++, s.size() == o.size());
    r.Set(b++, std::all_of(s.begin(), s.end(), [&](char c) { return o.find(c) != std::string_view::npos; }));
    r.Set(b++, Contains(lower_output, scratch.lower_value));
    r.Set(b++, !s.empty() && !o.empty() && s[0] == o[0]);
  }
  b = kStringAgainstInt;
  if (expected.type().kind() == TypeKind::kInt) {
    const int64_t o = expected.ints()[row];
    const std::string& text = context.output_text(row);
    r.Set(b++, s == text);
    r.Set(b++, static_cast<int64_t>(s.size()) == o);
    r.Set(b++, Contains(s, text));
  }
  b = kStringAgainstInputs;
  if (context.has_string_input()) {
    const Type str = Type::String();
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return Contains(in, s); }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return in == s; }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return Contains(s, in); }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return in.starts_with(s); }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return in.ends_with(s); }));
  }
  return r;
}

RowBits IntRow(int64_t v, const SignatureContext& context, size_t row, StringScratch& scratch) {
  const ValueColumn& expected = context.expected();
  RowBits r;
  int b = 0;
  const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  r.Set(b++, v == 0);
  r.Set(b++, v == 1);
  r.Set(b++, v < 0);
  r.Set(b++, v > 0);
  r.Set(b++, magnitude < 10);
  r.Set(b++, magnitude < 100);
  r.Set(b++, v % 2 == 0);
  if (expected.type().kind() == TypeKind::kInt) {
    const int64_t o = expected.ints()[row];
    r.Set(b++, v == o);
    r.Set(b++, v < o);
    r.Set(b++, v > o);
    // Unsigned arithmetic: wraps instead of overflowing at the extremes.
    const uint64_t diff = static_cast<uint64_t>(v) - static_cast<uint64_t>(o);
    r.Set(b++, diff == 1 || diff == ~uint64_t{0});
    r.Set(b++, v != 0 && v != -1 && o % v == 0);
    r.Set(b++, static_cast<uint64_t>(v) == 0 - static_cast<uint64_t>(o));
  }
  b = kIntAgainstString;
  if (expected.type().kind() == TypeKind::kString) {
    const std::string_view o = expected.string_at(row);
    const int64_t length = static_cast<int64_t>(o.size());
    r.Set(b++, v == length);
    r.Set(b++, v < length);
    r.Set(b++, v > length);
    r.Set(b++, v >= 0 && v < length);
    r.Set(b++, v == length - 1);
    scratch.number = std::to_string(v);
    r.Set(b++, Contains(o, scratch.number));
  }
  b = kIntAgainstInputs;
  if (context.has_string_input()) {
    const Type str = Type::String();
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) { return v == static_cast<int64_t>(in.size()); }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) {
      return v >= 0 && v < static_cast<int64_t>(in.size());
    }));
    r.Set(b++, AnyInput(context, str, row, [&](std::string_view in) {
      return v >= 0 && v < static_cast<int64_t>(in.size()) && !std::isalnum(static_cast<unsigned char>(in[v]));
    }));
  }
  b = kIntAgainstInputs + 3;
  if (context.has_int_input()) {
    r.Set(b++, AnyInput(context, Type::Int(), row, [&](uint64_t in) { return static_cast<int64_t>(in) == v; }));
  }
  return r;
}

RowBits BoolRow(bool v, const ValueColumn& expected, size_t row) {
  RowBits r;
  r.Set(0, v);
  if (expected.type().kind() == TypeKind::kBool) r.Set(1, v == (expected.ints()[row] != 0));
  return r;
}

// `same_width_inputs`: whether an input has the value's type (asked once per value, not per row).
RowBits BitVecRow(uint64_t v, const Type& type, const SignatureContext& context, bool same_width_inputs, size_t row) {
  const ValueColumn& expected = context.expected();
  const int width = type.width();
  RowBits r;
  int b = 0;
  const uint64_t mask = width >= 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  v &= mask;
  const int ones = std::popcount(v);
  const int top4 = std::min(4, width);
  const uint64_t top_bits = (v >> (width - top4)) & ((uint64_t{1} << top4) - 1);
  r.Set(b++, v == 0);
  r.Set(b++, v == mask);
  r.Set(b++, (v & 1) != 0);
  r.Set(b++, ((v >> (width - 1)) & 1) != 0);
  r.Set(b++, ones == 1);
  r.Set(b++, 4 * ones <= width);
  r.Set(b++, 2 * ones <= width);
  r.Set(b++, 4 * ones >= 3 * width);
  r.Set(b++, std::countr_zero(v) >= 4);
  r.Set(b++, width >= 2 && (v >> (width / 2)) == 0);
  r.Set(b++, top_bits == 0);
  r.Set(b++, top_bits == (uint64_t{1} << top4) - 1);
  if (expected.type().is_bitvec() && expected.type().width() == width) {
    const uint64_t o = expected.bits()[row] & mask;
    // Signed order: flipping the sign bit maps it onto unsigned order.
    const uint64_t sign = uint64_t{1} << (width - 1);
    r.Set(b++, v == o);
    r.Set(b++, v == (~o & mask));
    r.Set(b++, (v & o) == v);
    r.Set(b++, (v & o) == o);
    r.Set(b++, std::popcount(v ^ o) <= 1);
    r.Set(b++, ones == std::popcount(o));
    r.Set(b++, v < o);
    r.Set(b++, (v ^ sign) < (o ^ sign));
    r.Set(b++, v == ((0 - o) & mask));
    r.Set(b++, ((v ^ o) & 0xff) == 0);
    r.Set(b++, std::countr_zero(v) == std::countr_zero(o));
    r.Set(b++, std::countl_zero(v) == std::countl_zero(o));
  }
  b = kBitVecAgainstInputs;
  if (same_width_inputs) {
    r.Set(b++, AnyInput(context, type, row, [&](uint64_t in) { return (in & mask) == v; }));
    r.Set(b++, AnyInput(context, type, row, [&](uint64_t in) { return (v & in) == v; }));
    r.Set(b++, AnyInput(context, type, row, [&](uint64_t in) { return std::popcount((in & mask) ^ v) <= 1; }));
  }
  return r;
}

// Folds the rows of one block into categories. Rows where the value or the expected output is a cell
// error say nothing of the properties (the layout has none for errors yet): they are left out, and a
// value with nothing but error rows is "not applicable" throughout.
template <typename RowFn>
void Reduce(const ValueColumn& value, const ValueColumn& expected, size_t rows, int size, uint8_t* out,
            RowFn row_bits) {
  uint64_t applies = ~uint64_t{0}, all = ~uint64_t{0}, any = 0;
  size_t counted = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (value.error_at(i) != CellError::kNone || expected.error_at(i) != CellError::kNone) continue;
    ++counted;
    const RowBits r = row_bits(i);
    applies &= r.applies;
    all &= r.holds;
    any |= r.holds;
  }
  if (counted == 0) applies = 0;
  for (int b = 0; b < size; ++b) {
    const uint64_t bit = uint64_t{1} << b;
    out[b] = !(applies & bit) ? kNotApplicable : (all & bit) ? kAllTrue : (any & bit) ? kMixed : kAllFalse;
  }
}

}  // namespace

bool HasBlock(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kString:
    case TypeKind::kInt:
    case TypeKind::kBool:
    case TypeKind::kBitVec:
      return true;
    default:
      return false;
  }
}

int ValueFeatureCount() { return kValueSize; }
int TaskFeatureCount() { return (kMaxInputs + 1) * kValueSize; }

int SlotFeatureCount(size_t operators) { return static_cast<int>(operators) + 1 + kMaxHoles; }

void SlotCodes(std::span<const std::string> operators, std::string_view op, int hole, uint8_t* out) {
  const size_t n = operators.size();
  std::fill(out, out + SlotFeatureCount(n), kAllFalse);
  const auto it = std::lower_bound(operators.begin(), operators.end(), op);
  out[it != operators.end() && *it == op ? static_cast<size_t>(it - operators.begin()) : n] = kAllTrue;
  out[n + 1 + std::clamp(hole, 0, kMaxHoles - 1)] = kAllTrue;
}

std::vector<std::string> ValueFeatureNames() {
  std::vector<std::string> names;
  for (const char* n : kStringNames) names.push_back(std::string("str.") + n);
  for (const char* n : kIntNames) names.push_back(std::string("int.") + n);
  for (const char* n : kBoolNames) names.push_back(std::string("bool.") + n);
  for (const char* n : kBitVecNames) names.push_back(std::string("bv.") + n);
  return names;
}

SignatureContext::SignatureContext(std::span<const ValueColumn> inputs, const ValueColumn& expected)
    : inputs_(inputs),
      expected_(expected),
      has_string_input_(HasInput(Type::String())),
      has_int_input_(HasInput(Type::Int())) {
  const size_t rows = std::min(expected.size(), kMaxSignatureRows);
  lower_output_.resize(rows);
  output_text_.resize(rows);
  for (size_t i = 0; i < rows; ++i) {
    if (expected.type() == Type::String()) Lower(expected.string_at(i), lower_output_[i]);
    if (expected.type() == Type::Int()) output_text_[i] = std::to_string(expected.ints()[i]);
  }
}

bool SignatureContext::HasInput(const Type& type) const {
  return std::any_of(inputs_.begin(), inputs_.end(), [&](const ValueColumn& c) { return c.type() == type; });
}

void ValueSignature(const ValueColumn& value, std::span<const ValueColumn> inputs, const ValueColumn& expected,
                    uint8_t* out) {
  ValueSignature(value, SignatureContext(inputs, expected), out);
}

void ValueSignature(const ValueColumn& value, const SignatureContext& context, uint8_t* out) {
  std::fill(out, out + kValueSize, kNotApplicable);
  const ValueColumn& expected = context.expected();
  const size_t rows = std::min(value.size(), context.rows());
  StringScratch scratch;
  switch (value.type().kind()) {
    case TypeKind::kString:
      Reduce(value, expected, rows, kStringSize, out,
             [&](size_t i) { return StringRow(value.string_at(i), context, i, scratch); });
      break;
    case TypeKind::kInt:
      Reduce(value, expected, rows, kIntSize, out + kStringSize,
             [&](size_t i) { return IntRow(value.ints()[i], context, i, scratch); });
      break;
    case TypeKind::kBool:
      Reduce(value, expected, rows, kBoolSize, out + kStringSize + kIntSize,
             [&](size_t i) { return BoolRow(value.ints()[i] != 0, expected, i); });
      break;
    case TypeKind::kBitVec:
      Reduce(value, expected, rows, kBitVecSize, out + kStringSize + kIntSize + kBoolSize,
             [&, same_width = context.HasInput(value.type())](size_t i) {
               return BitVecRow(value.bits()[i], value.type(), context, same_width, i);
             });
      break;
    default:
      break;
  }
}

void TaskSignature(std::span<const ValueColumn> inputs, const ValueColumn& expected, uint8_t* out) {
  const SignatureContext context(inputs, expected);
  for (int i = 0; i < kMaxInputs; ++i) {
    uint8_t* block = out + i * kValueSize;
    if (static_cast<size_t>(i) < inputs.size()) {
      ValueSignature(inputs[i], context, block);
    } else {
      std::fill(block, block + kValueSize, kNotApplicable);
    }
  }
  ValueSignature(expected, context, out + kMaxInputs * kValueSize);
}

}  // namespace progsearch::guide
