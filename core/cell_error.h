// Cell errors: the error values a spreadsheet cell can hold instead of a value (#VALUE!, #DIV/0!, #N/A,
// #NUM!). A spreadsheet keeps an error in the one cell it happens in, and IFERROR or ISERROR can catch it
// there; so a column carries an error kind per row (core/value_column.h), and a Value may be an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace progsearch {

// kNone (0) is "a value"; the others are the error a row holds. Stored as one byte per row.
enum class CellError : uint8_t { kNone = 0, kValue, kDivZero, kNA, kNum };

// How a spreadsheet shows the error: "#VALUE!", "#DIV/0!", "#N/A", "#NUM!" ("" for kNone).
std::string_view CellErrorName(CellError e);
// The error a spreadsheet shows as `name`, or nullopt when `name` is none of them.
std::optional<CellError> ParseCellError(std::string_view name);

}  // namespace progsearch
