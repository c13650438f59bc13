// Prints Float programs as C expressions (for `progsearch discover --emit-c`).
#pragma once

#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "dsl/opcode.h"

namespace progsearch {

// A C expression computing `program` in double arithmetic: + - * / as operators, the other Float
// operators (fma sqrt fabs fmin fmax and the elementary functions) as the <math.h> functions of the same
// name, constants as exact hexadecimal literals (INFINITY and NAN from <math.h> for those), Variable(i)
// as `variable_name`. Unimplemented for
// operations C lacks a direct form for (comparisons, which are Bool-valued, and every non-Float operator).
absl::StatusOr<std::string> ProgramToC(const Term& program, const std::string& variable_name);
// The same for a program of several variables: Variable(i) prints as variable_names[i] (InvalidArgument
// past the end).
absl::StatusOr<std::string> ProgramToC(const Term& program, std::span<const std::string> variable_names);

// Whether ProgramToC prints `op`.
bool HasCForm(FloatOp op);

}  // namespace progsearch
