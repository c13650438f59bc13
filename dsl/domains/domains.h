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
// The Float domain's elementary functions (libm; exp exp2 log log2 sin cos tan tanh erf), each
// Float -> Float. Math targets are written with them; whatever evaluates or prints Float programs outside
// the interpreter (MPFR ground truth, the float32 checker, the C printer) recognizes them from here.
struct ElementaryFunction {
  const char* name;
  double (*evaluate)(double);
  Kernel kernel;
};
// The entry named `name`, or nullptr.
const ElementaryFunction* FindElementaryFunction(std::string_view name);

// IEEE double arithmetic rounding to nearest-even: + - * / fma sqrt and comparisons.
void RegisterFloats(PrimitiveRegistry& r);

}  // namespace progsearch
