#include "core/utf8.h"

#include <catch2/catch.hpp>

namespace progsearch {

TEST_CASE("UTF-8 round-trips every SMT-LIB character", "[core][utf8]") {
  std::string all;
  for (char32_t c = 0; c <= kMaxCodePoint; ++c) AppendUtf8(c, all);
  CHECK(IsEngineString(all, /*allow_surrogates=*/true));
  CHECK(CharCount(all) == kMaxCodePoint + 1);
  const std::u32string back = ToCodePoints(all);
  REQUIRE(back.size() == kMaxCodePoint + 1);
  bool same = true;
  for (char32_t c = 0; c <= kMaxCodePoint; ++c) same &= back[c] == c;
  CHECK(same);
  CHECK(FromCodePoints(back) == all);
  // Byte order is code-point order, surrogates included.
  std::string previous;
  bool ordered = true;
  for (char32_t c = 0; c <= kMaxCodePoint; c += 7) {
    std::string one;
    AppendUtf8(c, one);
    ordered &= previous < one;
    previous = one;
  }
  CHECK(ordered);
}

TEST_CASE("malformed UTF-8 is found and located", "[core][utf8]") {
  struct Case {
    std::string text;
    size_t offset;
  };
  const Case cases[] = {
      {"ab\x80", 2},                 // stray continuation byte
      {"a\xc3", 1},                  // truncated
      {"\xc3(", 0},                  // bad continuation
      {"ok\xc0\xaf", 2},             // overlong '/'
      {"\xe0\x80\xaf", 0},           // overlong, 3 bytes
      {"\xf4\x90\x80\x80", 0},       // beyond U+10FFFF
      {"\xf1\x80\x80\x80", 0},       // U+40000: UTF-8, but beyond SMT-LIB's characters
      {"x\xed\xa0\x80", 1},          // a surrogate, refused where it must be strict
  };
  for (const Case& c : cases) {
    INFO(c.text);
    size_t at = 99;
    std::string why;
    CHECK_FALSE(IsEngineString(c.text, /*allow_surrogates=*/false, &at, &why));
    CHECK(at == c.offset);
    CHECK_FALSE(why.empty());
  }
  CHECK(IsEngineString("x\xed\xa0\x80", /*allow_surrogates=*/true));
  std::string why;
  IsEngineString("\xf1\x80\x80\x80", true, nullptr, &why);
  CHECK(why == "character U+40000 at byte 0 is beyond SMT-LIB's largest character U+2FFFF");
}

TEST_CASE("positions count characters", "[core][utf8]") {
  const std::string s = "a\u00e9\u20ac\U0001F600";
  CHECK(s.size() == 10);
  CHECK(CharCount(s) == 4);
  CHECK(ByteOffset(s, 0) == 0);
  CHECK(ByteOffset(s, 2) == 3);
  CHECK(ByteOffset(s, 3) == 6);
  CHECK(ByteOffset(s, 4) == 10);
  CHECK(ByteOffset(s, 99) == 10);
  CHECK(CharSlice(s, 1, 2) == "\u00e9\u20ac");
  CHECK(CharSlice(s, 3, 5) == "\U0001F600");
  CHECK(CharSlice(s, 4, 1).empty());
  CHECK(CharSlice(s, 0, 0).empty());
}

TEST_CASE("case maps are inverse pairs over the cased scripts", "[core][utf8]") {
  CHECK(ToUpper(U'\u00e9') == U'\u00c9');
  CHECK(ToLower(U'\u00c9') == U'\u00e9');
  CHECK(ToUpper(U'\u00ff') == U'\u0178');
  CHECK(ToUpper(U'\u00df') == U'\u00df');  // no one-character upper case
  CHECK(ToUpper(U'\u00f7') == U'\u00f7');  // division sign
  CHECK(ToUpper(U'\u0149') == U'\u0149');
  CHECK(ToLower(U'\u0130') == U'i');
  CHECK(ToUpper(U'\u0131') == U'I');
  CHECK(ToUpper(U'\u03c2') == U'\u03a3');
  CHECK(ToUpper(U'\u0451') == U'\u0401');
  CHECK_FALSE(IsLetter(U'\u00d7'));
  CHECK(IsLetter(U'\u00df'));
  CHECK_FALSE(IsLetter(U'-'));
  // Every character that has an upper case maps back to itself through it (except the dotless i, the
  // long s and the final sigma, whose upper cases belong to other lower-case letters).
  int checked = 0;
  for (char32_t c = 0; c < 0x500; ++c) {
    const char32_t u = ToUpper(c);
    if (u == c || c == U'\u0131' || c == U'\u017f' || c == U'\u03c2') continue;
    INFO(static_cast<uint32_t>(c));
    CHECK(ToLower(u) == c);
    CHECK(ToUpper(u) == u);
    ++checked;
  }
  CHECK(checked > 190);
}

TEST_CASE("messages quote any bytes safely, text unchanged", "[core][utf8]") {
  CHECK(EscapeForMessage("plain (text)") == "plain (text)");
  CHECK(EscapeForMessage("Jos\u00e9 \U0001F600") == "Jos\u00e9 \U0001F600");
  CHECK(EscapeForMessage(std::string("a\0b\x1b[2J\xff\xfe", 9)) == "a\\x00b\\x1b[2J\\xff\\xfe");
  CHECK(EscapeForMessage("line\nnext\ttab\x7f") == "line\\nnext\\ttab\\x7f");
  CHECK(EscapeForMessage("\xc2\x85") == "\\xc2\\x85");  // a C1 control, as UTF-8
  // Idempotent: an escaped message escapes to itself.
  const std::string once = EscapeForMessage(std::string("\x01\xc3(", 3));
  CHECK(EscapeForMessage(once) == once);
}

}  // namespace progsearch

