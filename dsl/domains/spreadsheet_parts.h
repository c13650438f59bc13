// What the spreadsheet domain's two kernel files share: spreadsheet.cc (text functions) registers
// everything and calls into spreadsheet_values.cc (numbers, truth values, errors).
#pragma once

#include <string>
#include <string_view>

#include "dsl/primitive_registry.h"

namespace progsearch::sheets {

// `s` in lower case (core/utf8.h's cased scripts), written to `buffer`; `s` itself when it has no
// upper-case letter.
std::string_view LowerText(std::string_view s, std::string& buffer);

// Registers ISNUMBER ISTEXT ISBLANK ISERROR IFERROR IF, VALUE TRUNC, ADD MINUS MULTIPLY DIVIDE MOD ABS ROUND
// on Numbers, TEXT and TO_TEXT of numbers and truth values, AND OR NOT, EQ NE GT GTE.
void RegisterValueFunctions(PrimitiveRegistry& r);

}  // namespace progsearch::sheets
