// Replaces define-fun applications by their bodies, for consumers that want one self-contained term
// (a verifier, a solution printed without its helper definitions).
#pragma once

#include <span>

#include "core/term.h"

namespace progsearch {

// `term` with every macro application expanded, recursively. Sub-terms without macros are shared,
// not copied.
TermPtr InlineMacros(const TermPtr& term);

// `term` with Variable(i) replaced by `args[i]` (variables past the end are left alone).
TermPtr SubstituteVariables(const TermPtr& term, std::span<const TermPtr> args);

}  // namespace progsearch
