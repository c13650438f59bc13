// A small JSON reader that keeps line:column for every value, so task files get located errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "formats/sexpr.h"

namespace progsearch {

struct JsonMember;

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                                        // a string's decoded contents, or a number as written
  std::vector<JsonValue> items;                            // arrays
  // Objects, in file order. A named struct, not std::pair: a pair of an incomplete JsonValue may not be
  // instantiated here (clang with libstdc++ refuses it).
  std::vector<JsonMember> members;
  SourceLocation loc;

  // The member named `key`, or nullptr.
  const JsonValue* Find(std::string_view key) const;
  std::string_view KindName() const;
};

struct JsonMember {
  std::string name;
  JsonValue value;
};

// Parses one JSON document (RFC 8259). Strings come out as UTF-8: the text must be UTF-8, escapes are
// code points (surrogate pairs joined, a lone surrogate kept as itself). Nesting is limited to 512 levels. Errors read "FILE:LINE:COL: message".
absl::StatusOr<JsonValue> ParseJson(std::string_view text, std::string_view filename);

}  // namespace progsearch
