// Each built-in domain registers its operators into a registry.
#pragma once

#include <span>
#include <string_view>

#include "dsl/primitive_registry.h"

namespace progsearch {

// ite, =, distinct, and, or, not, xor, => (SMT-LIB core theory).
void RegisterCoreOps(PrimitiveRegistry& r);
// + - * div mod abs and comparisons on Int (SMT-LIB Ints, Euclidean division).
void RegisterLia(PrimitiveRegistry& r);
// SMT-LIB strings (str.++ str.len str.at str.substr str.indexof str.replace ...).
void RegisterStrings(PrimitiveRegistry& r);
// SMT-LIB fixed-size bit-vectors, every width 1..64.
void RegisterBitVec(PrimitiveRegistry& r);
// The BUSTLE spreadsheet functions (CONCATENATE, FIND, LEFT, MID, SUBSTITUTE, ...), spreadsheet semantics.
void RegisterSpreadsheet(PrimitiveRegistry& r);
// IEEE double arithmetic rounding to nearest-even (+ - * / fma sqrt fabs fmin fmax, comparisons) and
// libm's elementary functions (exp exp2 log log2 sin cos tan tanh erf).
void RegisterFloats(PrimitiveRegistry& r);

// DreamCoder's list domain (map fold unfold filter cons car cdr empty? length index range + - * mod gt?
// eq? is-prime is-square if 0 1 empty), polymorphic, with higher-order primitives taking lambdas.
void RegisterLists(PrimitiveRegistry& r);
// A registry with the list domain only: DreamCoder's names, not SMT-LIB's, so + is Int's alone.
const PrimitiveRegistry& ListRegistry();

}  // namespace progsearch
