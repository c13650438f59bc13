// Replaces define-fun applications by their bodies, for consumers that want one self-contained term
// (a verifier, a solution printed without its helper definitions).
#pragma once

#include <functional>
#include <span>

#include "core/term.h"
#include "dsl/primitive.h"

namespace progsearch {

// `term` with every application of an operator that `body_of` gives a body for (non-null) replaced by
// that body, its Variable(i) read as the application's argument i. Arguments are expanded first, and the
// result again (a body may apply such operators itself). Sub-terms left alone are shared, not copied.
TermPtr InlineApplications(const TermPtr& term, const std::function<TermPtr(const Primitive&)>& body_of);

// `term` with every macro application expanded, recursively: InlineApplications with the macros'
// bodies.
TermPtr InlineMacros(const TermPtr& term);

// `term` with Variable(i) replaced by `args[i]` (variables past the end are left alone).
TermPtr SubstituteVariables(const TermPtr& term, std::span<const TermPtr> args);

}  // namespace progsearch
