// Strings are sequences of SMT-LIB characters (code points 0 to 0x2FFFF) held as UTF-8.
//
// UTF-8 keeps the cheap operations cheap: equality, hashing, concatenation, containment, prefix/suffix and
// code-point order (UTF-8 byte order is code-point order) all work on the bytes as they are, because a
// valid needle can only match at character boundaries. Only positions and lengths count characters, and
// these helpers translate them.
//
// SMT-LIB counts the surrogates U+D800..U+DFFF as characters (\u{d800} is a string of length 1), which
// strict UTF-8 cannot spell; they are held in the generalized 3-byte form (ED A0 80 for U+D800), which
// keeps the order and the lengths right. Text read from outside (files, JSON, Python, the C++ API) must be
// well-formed UTF-8; only escapes produce surrogates.
#ifndef PROGSEARCH_CORE_UTF8_H_
#define PROGSEARCH_CORE_UTF8_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace progsearch {

// The largest SMT-LIB character (SMT-LIB 2.6 theory of strings).
inline constexpr char32_t kMaxCodePoint = 0x2FFFF;

// Appends the UTF-8 encoding of `c` (at most 0x10FFFF; surrogates in the generalized form).
void AppendUtf8(char32_t c, std::string& out);

// A character decoded from `s` at byte `pos`, or nullopt when the bytes there are not one (a stray
// continuation byte, a truncated or overlong sequence, or a value above 0x10FFFF). `size` is its length in bytes.
struct DecodedChar {
  char32_t code;
  size_t size;
};
std::optional<DecodedChar> DecodeUtf8(std::string_view s, size_t pos, bool allow_surrogates = true);

// `s` made safe to print in a one-line message: control characters and bytes that are not UTF-8 as
// \xNN, tabs and newlines as \t and \n, valid UTF-8 text unchanged (so it is idempotent). For messages that
// quote what a user gave, which may be any bytes (a binary file read as a task).
std::string EscapeForMessage(std::string_view s);

// Whether `s` is a string the engine holds: well-formed UTF-8 of characters up to kMaxCodePoint. On failure
// `bad_offset` (when given) is the byte offset of the first offending character and `why` says what is wrong.
bool IsEngineString(std::string_view s, bool allow_surrogates, size_t* bad_offset = nullptr,
                    std::string* why = nullptr);

// Whether the first `n` bytes of `s` (n <= s.size()) are ASCII: then they are `n` characters. The common
// case of the position helpers, checked without a dependent chain so that it vectorizes.
inline bool AsciiPrefix(std::string_view s, size_t n) {
  unsigned char any = 0;
  for (size_t i = 0; i < n; ++i) any |= static_cast<unsigned char>(s[i]);
  return any < 0x80;
}

// The number of characters in `s` (a held string).
inline size_t CharCount(std::string_view s) {
  if (AsciiPrefix(s, s.size())) return s.size();
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

// The byte length of the character whose first byte is `lead` (1 for a stray continuation byte).
inline size_t CharSize(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// The byte offset of character `index` in `s` (s.size() when index is its length), or nullopt when `s`
// has fewer than `index` characters: a bounds check and a seek in one pass over the first `index` characters.
inline std::optional<size_t> ByteOffsetWithin(std::string_view s, uint64_t index) {
  if (index > s.size()) return std::nullopt;  // n bytes hold at most n characters
  if (AsciiPrefix(s, index)) return index;
  size_t pos = 0;
  for (; index > 0; --index) {
    if (pos >= s.size()) return std::nullopt;
    pos += CharSize(static_cast<unsigned char>(s[pos]));
  }
  return std::min(pos, s.size());
}

// The byte offset of character `index` in `s`, or s.size() when `s` has no more than `index` characters.
inline size_t ByteOffset(std::string_view s, uint64_t index) {
  if (index >= s.size()) return s.size();  // settled without reading the bytes
  return ByteOffsetWithin(s, index).value_or(s.size());
}

// Where `needle` first occurs in `s` at or after character `from`, as a character index; nullopt when it
// does not, or when `s` has fewer than `from` characters. The search runs on the bytes (a valid needle
// only matches at character boundaries); only the offsets are translated.
inline std::optional<size_t> FindChars(std::string_view s, std::string_view needle, uint64_t from) {
  const std::optional<size_t> start = ByteOffsetWithin(s, from);
  if (!start) return std::nullopt;
  const size_t pos = s.find(needle, *start);
  if (pos == std::string_view::npos) return std::nullopt;
  return from + CharCount(s.substr(*start, pos - *start));
}

// Characters [start, start + count) of `s`, clamped to its end (no characters when start is past it).
inline std::string_view CharSlice(std::string_view s, uint64_t start, uint64_t count) {
  const size_t from = ByteOffset(s, start);
  std::string_view rest = s.substr(from);
  return rest.substr(0, ByteOffset(rest, count));
}

// Code points of a held string, and back.
std::u32string ToCodePoints(std::string_view s);
std::string FromCodePoints(std::u32string_view s);

// Simple case mappings (one character to one) for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic:
// the scripts spreadsheet users' names and words are in; other characters map to themselves.
char32_t ToUpper(char32_t c);
char32_t ToLower(char32_t c);
// A letter for PROPER's word boundaries: ASCII letters, the letters of Latin-1, and any cased character.
bool IsLetter(char32_t c);

}  // namespace progsearch

#endif  // PROGSEARCH_CORE_UTF8_H_
