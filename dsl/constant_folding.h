// Constant sub-terms of a program replaced by their values: (* x (sqrt (- 0.85 0.1))) becomes
// (* x 0.8660254037844386). Programs found by search often carry such sub-terms; a user reads, emits
// and reuses the folded program, which computes the same values.
#pragma once

#include "core/term.h"

namespace progsearch {

// `program` with every applied operator whose arguments are all constants (recursively) replaced by its
// value, computed by the interpreter; a sub-term that fails to evaluate, or yields a value of a type
// without literals (lists, functions), stays as it is. Lambdas and what they contain are left alone.
// Returns `program` itself when nothing folds.
TermPtr FoldConstants(const TermPtr& program);

}  // namespace progsearch
