// StrCat / StrAppend that take std::string_view. Debian's abseil is built with its own string_view
// type (ABSL_USES_STD_STRING_VIEW off), so absl::StrCat rejects std::string_view arguments.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/string_view.h"

namespace progsearch {
namespace str_cat_internal {

inline void AppendPiece(std::string& out, std::string_view s) { out.append(s); }
inline void AppendPiece(std::string& out, const std::string& s) { out.append(s); }
inline void AppendPiece(std::string& out, const char* s) { out.append(s); }
inline void AppendPiece(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
inline void AppendPiece(std::string& out, char c) { out.push_back(c); }
template <typename T>
requires(std::is_arithmetic_v<T> && !std::same_as<T, char> &&
         !std::same_as<T, bool>) inline void AppendPiece(std::string& out, T v) {
  out.append(std::to_string(v));
}

}  // namespace str_cat_internal

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (str_cat_internal::AppendPiece(*out, args), ...);
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  StrAppend(&out, args...);
  return out;
}

}  // namespace progsearch
