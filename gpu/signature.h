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
#include <vector>

#include "core/value_column.h"

namespace progsearch::gpu {

// How a property fared over the examples.
enum Category : uint8_t { kAllTrue = 0, kAllFalse = 1, kMixed = 2, kNotApplicable = 3 };
inline constexpr int kCategories = 4;
// Bumped whenever a property is added, removed or changes meaning.
inline constexpr int kSignatureVersion = 2;
inline constexpr int kMaxInputs = 3;
// Properties are reduced over the first this many examples: a task of 1000 examples (the BV track has
// them) costs no more to score than one of 64, and says about as much.
inline constexpr size_t kMaxSignatureRows = 64;

// Properties of one value (the sum of the four type blocks).
int ValueFeatureCount();
// Properties of a task: (kMaxInputs + 1) value signatures.
int TaskFeatureCount();
// Short names, in layout order ("str.substring_of_output", "bv.popcount_le_quarter", ...): for reports.
std::vector<std::string> ValueFeatureNames();

// Writes ValueFeatureCount() categories for `value` against the examples' `inputs` and `expected` outputs
// (all with the same number of rows). Values of a type with no block (Float, lists) are not applicable
// throughout.
void ValueSignature(const ValueColumn& value, std::span<const ValueColumn> inputs, const ValueColumn& expected,
                    uint8_t* out);

// Writes TaskFeatureCount() categories: inputs beyond kMaxInputs are left out, missing ones are not
// applicable.
void TaskSignature(std::span<const ValueColumn> inputs, const ValueColumn& expected, uint8_t* out);

}  // namespace progsearch::gpu
