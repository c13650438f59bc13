#include "formats/json.h"

#include <cctype>
#include <utility>

#include "core/str_cat.h"
#include "core/utf8.h"

namespace progsearch {

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string_view JsonValue::KindName() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a boolean";
    case Kind::kNumber:
      return "a number";
    case Kind::kString:
      return "a string";
    case Kind::kArray:
      return "an array";
    case Kind::kObject:
      return "an object";
  }
  return "?";
}

namespace {

constexpr int kMaxDepth = 512;

class JsonParser {
 public:
  JsonParser(std::string_view text, std::string_view filename) : text_(text), filename_(filename) {}

  absl::StatusOr<JsonValue> Document() {
    JsonValue v;
    if (absl::Status s = Value(v, 0); !s.ok()) return s;
    Skip();
    if (pos_ < text_.size()) return Error("unexpected text after the JSON document");
    return v;
  }

 private:
  absl::Status Error(std::string_view message) const { return LocatedError(filename_, loc_, message); }
  void Advance() { loc_.Advance(text_[pos_++]); }
  void Skip() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      Advance();
    }
  }
  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    for (size_t i = 0; i < word.size(); ++i) Advance();
    return true;
  }

  absl::Status Value(JsonValue& v, int depth) {
    Skip();
    if (depth > kMaxDepth) return Error("JSON nested too deeply");
    if (pos_ >= text_.size()) return Error("unexpected end of file, expected a value");
    v.loc = loc_;
    const char c = text_[pos_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v.kind = JsonValue::Kind::kString;
      return String(v.text);
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return Number(v);
    if (Literal("true")) {
      v.kind = JsonValue::Kind::kBool;
      v.boolean = true;
      return absl::OkStatus();
    }
    if (Literal("false")) {
      v.kind = JsonValue::Kind::kBool;
      return absl::OkStatus();
    }
    if (Literal("null")) return absl::OkStatus();
    return Error(StrCat("unexpected character '", std::string(1, c), "', expected a value"));
  }

  absl::Status Object(JsonValue& v, int depth) {
    v.kind = JsonValue::Kind::kObject;
    Advance();
    Skip();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      Advance();
      return absl::OkStatus();
    }
    while (true) {
      Skip();
      if (pos_ >= text_.size() || text_[pos_] != '"') return Error("expected a quoted member name");
      std::string key;
      if (absl::Status s = String(key); !s.ok()) return s;
      Skip();
      if (pos_ >= text_.size() || text_[pos_] != ':') return Error("expected ':' after the member name");
      Advance();
      JsonValue member;
      if (absl::Status s = Value(member, depth + 1); !s.ok()) return s;
      v.members.push_back({std::move(key), std::move(member)});
      Skip();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        Advance();
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        Advance();
        return absl::OkStatus();
      }
      return Error("expected ',' or '}' in an object");
    }
  }

  absl::Status Array(JsonValue& v, int depth) {
    v.kind = JsonValue::Kind::kArray;
    Advance();
    Skip();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      Advance();
      return absl::OkStatus();
    }
    while (true) {
      JsonValue item;
      if (absl::Status s = Value(item, depth + 1); !s.ok()) return s;
      v.items.push_back(std::move(item));
      Skip();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        Advance();
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        Advance();
        return absl::OkStatus();
      }
      return Error("expected ',' or ']' in an array");
    }
  }

  absl::Status Number(JsonValue& v) {
    v.kind = JsonValue::Kind::kNumber;
    const size_t start = pos_;
    if (text_[pos_] == '-') Advance();
    bool digits = false;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.' ||
                                   text_[pos_] == 'e' || text_[pos_] == 'E' || text_[pos_] == '+' ||
                                   (text_[pos_] == '-' && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
      digits |= std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0;
      Advance();
    }
    if (!digits) return Error("malformed number");
    v.text = std::string(text_.substr(start, pos_ - start));
    return absl::OkStatus();
  }

  // The four hexadecimal digits of a \u escape.
  absl::StatusOr<char32_t> Hex4() {
    char32_t code = 0;
    for (int k = 0; k < 4; ++k) {
      if (pos_ >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[pos_]))) {
        return Error("\\u needs four hexadecimal digits");
      }
      const char h = text_[pos_];
      code = code * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                                                                                          : (h | 0x20) - 'a' + 10);
      Advance();
    }
    return code;
  }

  absl::Status String(std::string& out) {
    Advance();  // opening quote
    while (true) {
      if (pos_ >= text_.size()) return Error("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        Advance();
        return absl::OkStatus();
      }
      if (static_cast<unsigned char>(c) < 0x20) return Error("control character in a string (escape it)");
      if (static_cast<unsigned char>(c) >= 0x80) {
        std::optional<DecodedChar> d = DecodeUtf8(text_, pos_, /*allow_surrogates=*/false);
        if (!d) return Error("invalid UTF-8 in a string (JSON text is UTF-8)");
        out.append(text_.substr(pos_, d->size));
        for (size_t k = 0; k < d->size; ++k) Advance();
        continue;
      }
      if (c != '\\') {
        out += c;
        Advance();
        continue;
      }
      Advance();
      if (pos_ >= text_.size()) return Error("unterminated escape");
      const char e = text_[pos_];
      Advance();
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          absl::StatusOr<char32_t> code = Hex4();
          if (!code.ok()) return code.status();
          // A high surrogate followed by an escaped low one is one character (RFC 8259 section 7); a lone
          // surrogate is kept as the SMT-LIB character it names.
          if (*code >= 0xD800 && *code <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
            const size_t save = pos_;
            const SourceLocation save_loc = loc_;
            Advance();
            Advance();
            absl::StatusOr<char32_t> low = Hex4();
            if (!low.ok()) return low.status();
            if (*low >= 0xDC00 && *low <= 0xDFFF) {
              *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
            } else {
              pos_ = save;
              loc_ = save_loc;
            }
          }
          AppendUtf8(*code, out);
          break;
        }
        default:
          return Error(StrCat("unknown escape '\\", std::string(1, e), "'"));
      }
    }
  }

  std::string_view text_;
  std::string_view filename_;
  size_t pos_ = 0;
  SourceLocation loc_;
};

}  // namespace

absl::StatusOr<JsonValue> ParseJson(std::string_view text, std::string_view filename) {
  return JsonParser(text, filename).Document();
}

}  // namespace progsearch
