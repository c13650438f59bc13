#include "formats/sexpr.h"

#include <cctype>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/str_cat.h"
#include "core/utf8.h"
#include "core/value.h"

namespace progsearch {
namespace {

bool IsSymbolChar(unsigned char c) {
  return std::isalnum(c) || std::string_view("~!@$%^&*_-+=<>.?/").find(static_cast<char>(c)) != std::string_view::npos;
}

class Lexer {
 public:
  Lexer(std::string_view text, std::string_view filename) : text_(text), filename_(filename) {}

  absl::StatusOr<std::vector<SExpr>> ParseAll() {
    std::vector<SExpr> top;
    std::vector<SExpr> stack;  // open lists, innermost last: iterative, so depth costs no C++ stack
    while (true) {
      SkipSpaceAndComments();
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      SourceLocation loc = Here();
      if (c == '(') {
        if (static_cast<int>(stack.size()) >= kMaxSExprDepth) {
          return LocatedError(filename_, loc, StrCat("nesting deeper than ", kMaxSExprDepth, " levels"));
        }
        Advance();
        SExpr list;
        list.kind = SExpr::Kind::kList;
        list.loc = loc;
        stack.push_back(std::move(list));
        continue;
      }
      if (c == ')') {
        if (stack.empty()) return LocatedError(filename_, loc, "unexpected ')'");
        Advance();
        SExpr done = std::move(stack.back());
        stack.pop_back();
        (stack.empty() ? top : stack.back().items).push_back(std::move(done));
        continue;
      }
      auto atom = ReadAtom();
      if (!atom.ok()) return atom.status();
      (stack.empty() ? top : stack.back().items).push_back(*std::move(atom));
    }
    if (!stack.empty()) {
      return LocatedError(filename_, stack.back().loc, "unclosed '(' (the file ends before its ')')");
    }
    return top;
  }

 private:
  SourceLocation Here() const { return loc_; }
  void Advance() { loc_.Advance(text_[pos_++]); }
  void SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ';') {
        while (pos_ < text_.size() && text_[pos_] != '\n') Advance();
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else {
        break;
      }
    }
  }

  absl::StatusOr<SExpr> ReadAtom() {
    SExpr e;
    e.loc = Here();
    char c = text_[pos_];
    if (c == '"') return ReadString(e);
    if (c == '|') {
      Advance();
      size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] != '|') Advance();
      if (pos_ >= text_.size()) return LocatedError(filename_, e.loc, "unterminated quoted symbol");
      e.kind = SExpr::Kind::kSymbol;
      e.text = std::string(text_.substr(start, pos_ - start));
      Advance();
      return e;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ')' && text_[pos_] != '"' &&
           text_[pos_] != ';' && !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      Advance();
    }
    std::string_view tok = text_.substr(start, pos_ - start);
    if (tok[0] == '#') {
      if (tok.size() > 2 && (tok[1] == 'x' || tok[1] == 'b')) {
        bool hex = tok[1] == 'x';
        for (char d : tok.substr(2)) {
          if (hex ? !std::isxdigit(static_cast<unsigned char>(d)) : (d != '0' && d != '1')) {
            return LocatedError(filename_, e.loc,
                                StrCat("malformed ", hex ? "hexadecimal" : "binary", " literal '", tok, "'"));
          }
        }
        e.kind = hex ? SExpr::Kind::kHex : SExpr::Kind::kBinary;
        e.text = std::string(tok.substr(2));
        return e;
      }
      return LocatedError(filename_, e.loc, StrCat("malformed literal '", tok, "'"));
    }
    if (std::isdigit(static_cast<unsigned char>(tok[0]))) {
      size_t dots = 0;
      for (char d : tok) {
        if (d == '.') {
          ++dots;
        } else if (!std::isdigit(static_cast<unsigned char>(d))) {
          return LocatedError(filename_, e.loc, StrCat("malformed number '", tok, "'"));
        }
      }
      if (dots > 1 || tok.back() == '.') {
        return LocatedError(filename_, e.loc, StrCat("malformed number '", tok, "'"));
      }
      e.kind = dots ? SExpr::Kind::kDecimal : SExpr::Kind::kNumeral;
      e.text = std::string(tok);
      return e;
    }
    if (tok[0] == ':') {
      e.kind = SExpr::Kind::kKeyword;
      e.text = std::string(tok);
      return e;
    }
    for (char d : tok) {
      if (!IsSymbolChar(static_cast<unsigned char>(d))) {
        return LocatedError(filename_, e.loc, StrCat("invalid character '", std::string(1, d), "' in symbol"));
      }
    }
    e.kind = SExpr::Kind::kSymbol;
    e.text = std::string(tok);
    return e;
  }

  // SMT-LIB 2.6 strings: "" is a quote; \u{X..X} (1 to 5 digits) and \uXXXX are code points up to U+2FFFF;
  // any other backslash is text. Other characters outside ASCII are read as UTF-8.
  absl::StatusOr<SExpr> ReadString(SExpr& e) {
    e.kind = SExpr::Kind::kString;
    Advance();
    while (true) {
      if (pos_ >= text_.size()) return LocatedError(filename_, e.loc, "unterminated string literal");
      char c = text_[pos_];
      if (c == '"') {
        Advance();
        if (pos_ < text_.size() && text_[pos_] == '"') {
          e.text += '"';
          Advance();
          continue;
        }
        return std::move(e);
      }
      if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == 'u') {
        SourceLocation at = Here();
        size_t end = pos_;
        std::optional<char32_t> code = ReadEscape(end);
        if (code) {
          if (*code > kMaxCodePoint) {
            return LocatedError(filename_, at,
                                absl::StrFormat("character \\u{%x} is beyond SMT-LIB's largest character U+2FFFF",
                                                static_cast<uint32_t>(*code)));
          }
          AppendUtf8(*code, e.text);
          while (pos_ < end) Advance();
          continue;
        }
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        std::optional<DecodedChar> d = DecodeUtf8(text_, pos_, /*allow_surrogates=*/false);
        if (!d || d->code > kMaxCodePoint) {
          return LocatedError(filename_, Here(),
                              d ? "a character beyond SMT-LIB's largest, U+2FFFF, in a string literal"
                                : "invalid UTF-8 in a string literal (files are read as UTF-8)");
        }
        e.text.append(text_.substr(pos_, d->size));
        for (size_t k = 0; k < d->size; ++k) Advance();
        continue;
      }
      e.text += c;
      Advance();
    }
  }

  // The code point of the \u escape at text_[end] (which starts "\u"), moving `end` past it; nullopt when
  // the text there is not an escape (it is then read as plain characters).
  std::optional<char32_t> ReadEscape(size_t& end) const {
    size_t p = end + 2;
    std::string digits;
    const bool braced = p < text_.size() && text_[p] == '{';
    if (braced) ++p;
    const size_t max_digits = braced ? 5 : 4;
    while (p < text_.size() && digits.size() < max_digits && std::isxdigit(static_cast<unsigned char>(text_[p]))) {
      digits += text_[p++];
    }
    if (braced) {
      if (p >= text_.size() || text_[p] != '}' || digits.empty()) return std::nullopt;
      ++p;
    } else if (digits.size() != 4) {
      return std::nullopt;
    }
    end = p;
    return static_cast<char32_t>(std::stoul(digits, nullptr, 16));
  }

  std::string_view text_;
  std::string_view filename_;
  size_t pos_ = 0;
  SourceLocation loc_;
};

}  // namespace

absl::Status LocatedError(std::string_view filename, SourceLocation loc, std::string_view message) {
  return absl::InvalidArgumentError(EscapeForMessage(StrCat(filename, ":", loc.line, ":", loc.column, ": ", message)));
}

std::string QuoteSymbol(std::string_view name) {
  bool simple = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && name[0] != '#' &&
                name[0] != ':' && name[0] != '"';
  for (char c : name) simple = simple && IsSymbolChar(static_cast<unsigned char>(c));
  if (simple) return std::string(name);
  return StrCat("|", name, "|");
}

absl::StatusOr<std::vector<SExpr>> ParseSExprs(std::string_view text, std::string_view filename) {
  return Lexer(text, filename).ParseAll();
}

std::string SExpr::ToString() const {
  switch (kind) {
    case Kind::kSymbol:
      return QuoteSymbol(text);
    case Kind::kKeyword:
    case Kind::kNumeral:
    case Kind::kDecimal:
      return text;
    case Kind::kHex:
      return "#x" + text;
    case Kind::kBinary:
      return "#b" + text;
    case Kind::kString:
      return QuoteString(text);
    case Kind::kList: {
      std::vector<std::string> parts;
      for (const SExpr& s : items) parts.push_back(s.ToString());
      return StrCat("(", absl::StrJoin(parts, " "), ")");
    }
  }
  return "";
}

}  // namespace progsearch
