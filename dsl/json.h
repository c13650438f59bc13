// A small JSON reader that keeps line:column for every value, so task files get located errors.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/sexpr.h"

namespace progsearch {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                                        // a string's decoded contents, or a number as written
  std::vector<JsonValue> items;                            // arrays
  std::vector<std::pair<std::string, JsonValue>> members;  // objects, in file order
  SourceLocation loc;

  // The member named `key`, or nullptr.
  const JsonValue* Find(std::string_view key) const;
  std::string_view KindName() const;
};

// Parses one JSON document (RFC 8259; \uXXXX escapes above U+00FF are encoded as UTF-8). Nesting is
// limited to 512 levels. Errors read "FILE:LINE:COL: message".
absl::StatusOr<JsonValue> ParseJson(std::string_view text, std::string_view filename);

}  // namespace progsearch
