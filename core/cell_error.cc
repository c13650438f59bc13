#include "core/cell_error.h"

namespace progsearch {

std::string_view CellErrorName(CellError e) {
  switch (e) {
    case CellError::kNone:
      return "";
    case CellError::kValue:
      return "#VALUE!";
    case CellError::kDivZero:
      return "#DIV/0!";
    case CellError::kNA:
      return "#N/A";
    case CellError::kNum:
      return "#NUM!";
  }
  return "";
}

std::optional<CellError> ParseCellError(std::string_view name) {
  for (CellError e : {CellError::kValue, CellError::kDivZero, CellError::kNA, CellError::kNum}) {
    if (CellErrorName(e) == name) return e;
  }
  return std::nullopt;
}

}  // namespace progsearch
