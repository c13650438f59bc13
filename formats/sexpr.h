// S-expressions with source locations: the shared front end of the program reader and the SyGuS reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace progsearch {

struct SourceLocation {
  int line = 1;
  int column = 1;
  // Moves past character `c`.
  void Advance(char c) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
};

struct SExpr {
  enum class Kind { kSymbol, kKeyword, kNumeral, kDecimal, kHex, kBinary, kString, kList };
  Kind kind = Kind::kList;
  // Symbol or keyword name; literal digits (hex/binary without their #x/#b); decoded string contents.
  std::string text;
  std::vector<SExpr> items;
  SourceLocation loc;

  bool is_list() const { return kind == Kind::kList; }
  bool is_symbol(std::string_view name) const { return kind == Kind::kSymbol && text == name; }
  bool is_atom() const { return kind != Kind::kList; }
  // The source form, re-printed (used in error messages).
  std::string ToString() const;
};

// Parses every top-level s-expression of `text`. Deeper nesting than kMaxSExprDepth is an error rather
// than a stack overflow. Errors read "FILE:LINE:COL: message".
inline constexpr int kMaxSExprDepth = 2000;
absl::StatusOr<std::vector<SExpr>> ParseSExprs(std::string_view text, std::string_view filename);

// `name` as SMT-LIB writes it: bare when it is a simple symbol, else between bars (|odd name|).
std::string QuoteSymbol(std::string_view name);

// "FILE:LINE:COL: message" as an InvalidArgument status: the one format for located input errors.
absl::Status LocatedError(std::string_view filename, SourceLocation loc, std::string_view message);

}  // namespace progsearch
