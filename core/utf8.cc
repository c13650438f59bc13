#include "core/utf8.h"

#include "absl/strings/str_format.h"

namespace progsearch {

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::optional<DecodedChar> DecodeUtf8(std::string_view s, size_t pos, bool allow_surrogates) {
  if (pos >= s.size()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) return DecodedChar{lead, 1};
  if (lead < 0xC2 || lead > 0xF4) return std::nullopt;  // a continuation byte, an overlong lead, or beyond U+10FFFF
  const size_t size = CharSize(lead);
  if (pos + size > s.size()) return std::nullopt;
  char32_t code = lead & (0x7F >> size);
  for (size_t k = 1; k < size; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (b & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[size] || code > 0x10FFFF) return std::nullopt;
  if (!allow_surrogates && code >= 0xD800 && code <= 0xDFFF) return std::nullopt;
  return DecodedChar{code, size};
}

bool IsEngineString(std::string_view s, bool allow_surrogates, size_t* bad_offset, std::string* why) {
  for (size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    std::optional<DecodedChar> c = DecodeUtf8(s, pos, allow_surrogates);
    if (!c || c->code > kMaxCodePoint) {
      if (bad_offset != nullptr) *bad_offset = pos;
      if (why != nullptr) {
        *why = !c ? absl::StrFormat("invalid UTF-8 at byte %d", pos)
                  : absl::StrFormat("character U+%04X at byte %d is beyond SMT-LIB's largest character U+2FFFF",
                                    static_cast<uint32_t>(c->code), pos);
      }
      return false;
    }
    pos += c->size;
  }
  return true;
}

std::u32string ToCodePoints(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) {
    std::optional<DecodedChar> c = DecodeUtf8(s, pos);
    // A held string is valid; a stray byte (never produced by the readers) stands for itself.
    out += c ? c->code : static_cast<unsigned char>(s[pos]);
    pos += c ? c->size : 1;
  }
  return out;
}

std::string FromCodePoints(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) AppendUtf8(c, out);
  return out;
}

namespace {

// Latin Extended-A alternates upper/lower case in pairs; which member of a pair is upper case flips at
// the few characters that have no pair partner.
bool LatinExtendedAUpperIsEven(char32_t c) { return (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177); }
bool LatinExtendedAUpperIsOdd(char32_t c) { return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E); }

}  // namespace

char32_t ToUpper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c < 0x80) return c;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if (c == 0x131) return 'I';
  if (c == 0x17F) return 'S';
  if (LatinExtendedAUpperIsEven(c)) return c & ~char32_t{1};
  if (LatinExtendedAUpperIsOdd(c)) return (c & 1) ? c : c - 1;
  if (c >= 0x3B1 && c <= 0x3C9) return c == 0x3C2 ? 0x3A3 : c - 0x20;  // final sigma
  if (c == 0x3AC) return 0x386;
  if (c >= 0x3AD && c <= 0x3AF) return c - 0x25;
  if (c == 0x3CC) return 0x38C;
  if (c == 0x3CD || c == 0x3CE) return c - 0x3F;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  return c;
}

char32_t ToLower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0x80) return c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if (c == 0x130) return 'i';
  if (LatinExtendedAUpperIsEven(c)) return c | 1;
  if (LatinExtendedAUpperIsOdd(c)) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)) return true;
  return ToUpper(c) != c || ToLower(c) != c;
}

std::string EscapeForMessage(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    const unsigned char byte = static_cast<unsigned char>(s[pos]);
    if (byte == '\n' || byte == '\t') {
      out += byte == '\n' ? "\\n" : "\\t";
      ++pos;
      continue;
    }
    const std::optional<DecodedChar> c = byte >= 0x80 ? DecodeUtf8(s, pos, false) : std::nullopt;
    if (byte >= 0x20 && byte < 0x7f) {
      out += static_cast<char>(byte);
      ++pos;
    } else if (c && c->code >= 0xa0) {  // printable beyond ASCII (C1 controls escaped)
      out.append(s.substr(pos, c->size));
      pos += c->size;
    } else {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
      ++pos;
    }
  }
  return out;
}

}  // namespace progsearch
