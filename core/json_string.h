// A string as a JSON string literal: quotes and backslashes escaped, control characters as \u00XX.
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/str_format.h"

namespace progsearch {

inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace progsearch
