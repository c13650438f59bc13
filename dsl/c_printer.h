// Prints Float programs as C expressions (for `progsearch discover --emit-c`).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "core/term.h"

namespace progsearch {

// A C expression computing `program` in double arithmetic: + - * / as operators, fma and sqrt from
// <math.h>, constants as exact hexadecimal literals, Variable(i) as `variable_name`. Unimplemented for
// operations C lacks a direct form for.
absl::StatusOr<std::string> ProgramToC(const Term& program, const std::string& variable_name);

}  // namespace progsearch
