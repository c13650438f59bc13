// The logic's operator set as a grammar, for synth-funs declared without one (SyGuS "grammar-free"
// tasks such as the CLIA track).
#pragma once

#include "absl/status/statusor.h"
#include "dsl/primitive_registry.h"
#include "dsl/task.h"

namespace progsearch {

// For an Int or Bool result: Start (Int) -> Int parameters, (Constant Int), (+ Start Start),
// (- Start Start), (* Start Start) where the logic is non-linear, (ite B Start Start); B (Bool) -> Bool
// parameters, (< Start Start), (<= Start Start), (= Start Start), (and B B), (or B B), (not B).
// For a BitVec result: parameters, constants and the SMT-LIB bit-vector operators at its width, with
// (ite B Start Start) over unsigned and signed comparisons. Unimplemented for other result types.
absl::StatusOr<Grammar> DefaultGrammar(const PrimitiveRegistry& registry, const SynthFun& f, std::string_view logic);

}  // namespace progsearch
