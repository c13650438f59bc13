// Property signatures (BUSTLE): what the neural guide knows of a value. Each property is a yes/no
// question about one example's value, alone or against the output that example expects ("is it a
// substring of the output?"); over the examples it reduces to one of four categories. The layout is
// fixed and versioned: a model is trained on one layout and refuses another (model.h).
//
// A value's signature has one block per value type (String, Int, Bool, BitVec); the blocks of the other
// types, and relations to an output of another type, are "not applicable". The task's signature is the
// value signature of each input (up to kMaxInputs) and of the output itself, each against the output.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/value_column.h"
#include "gpu/feature_codes.h"

namespace progsearch::guide {

// How a property fared over the examples.
enum Category : uint8_t { kAllTrue = 0, kAllFalse = 1, kMixed = 2, kNotApplicable = 3 };
using gpu::kCategories;
static_assert(kNotApplicable + 1 == kCategories, "one code per category");
// Bumped whenever a property is added, removed or changes meaning.
inline constexpr int kSignatureVersion = 2;
inline constexpr int kMaxInputs = 3;
// Properties are reduced over the first this many examples: a task of 1000 examples (the BV track has
// them) costs no more to score than one of 64, and says about as much.
inline constexpr size_t kMaxSignatureRows = 64;

// Whether values of `type` have a block of properties (String, Int, Bool, BitVec). The guide does not judge
// values of other types (a spreadsheet Number, a list): their signature says nothing of them.
bool HasBlock(const Type& type);

// Properties of one value (the sum of the four type blocks).
int ValueFeatureCount();
// Properties of a task: (kMaxInputs + 1) value signatures.
int TaskFeatureCount();
// Short names, in layout order ("str.substring_of_output", "bv.popcount_le_quarter", ...): for reports.
std::vector<std::string> ValueFeatureNames();

// What values are compared with: the examples' inputs and expected outputs (which must outlive it), and
// what every value's properties read of them, prepared once for all the values of a task (the outputs
// in lower case and as text, which input types there are).
class SignatureContext {
 public:
  SignatureContext(std::span<const ValueColumn> inputs, const ValueColumn& expected);

  const ValueColumn& expected() const { return expected_; }
  std::span<const ValueColumn> inputs() const { return inputs_; }
  size_t rows() const { return lower_output_.size(); }  // at most kMaxSignatureRows
  bool HasInput(const Type& type) const;
  bool has_string_input() const { return has_string_input_; }
  bool has_int_input() const { return has_int_input_; }
  // A String output in lower case, an Int output as decimal text; empty for outputs of other types.
  const std::string& lower_output(size_t row) const { return lower_output_[row]; }
  const std::string& output_text(size_t row) const { return output_text_[row]; }

 private:
  std::span<const ValueColumn> inputs_;
  const ValueColumn& expected_;
  bool has_string_input_, has_int_input_;
  std::vector<std::string> lower_output_, output_text_;
};

// Writes ValueFeatureCount() categories for `value` against `context`'s examples (`value` has a row per
// example). Values of a type with no block (Float, lists) are not applicable throughout.
void ValueSignature(const ValueColumn& value, const SignatureContext& context, uint8_t* out);
// The same for one value, preparing the context on the way.
void ValueSignature(const ValueColumn& value, std::span<const ValueColumn> inputs, const ValueColumn& expected,
                    uint8_t* out);

// An argument model (model.h, kind ARGUMENTS) adds to the task's features the slot a value would fill:
// its operator one-hot over the model's operators plus one for every other operator, then its hole
// one-hot over kMaxHoles (later holes share the last). Each one-hot feature is kAllTrue or kAllFalse.
inline constexpr int kMaxHoles = 4;
int SlotFeatureCount(size_t operators);
// Writes SlotFeatureCount(operators.size()) categories; `operators` is sorted and free of repeats.
void SlotCodes(std::span<const std::string> operators, std::string_view op, int hole, uint8_t* out);

// Writes TaskFeatureCount() categories: inputs beyond kMaxInputs are left out, missing ones are not
// applicable.
void TaskSignature(std::span<const ValueColumn> inputs, const ValueColumn& expected, uint8_t* out);

}  // namespace progsearch::guide
