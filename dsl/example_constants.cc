#include "dsl/example_constants.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"

namespace progsearch {
namespace {

// The longest substring common to `a` and `b` (the first such in `a`), in whole characters.
std::string LongestCommon(const std::string& a_text, const std::string& b_text) {
  const std::u32string a = ToCodePoints(a_text), b = ToCodePoints(b_text);
  size_t best = 0, at = 0;
  std::vector<size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best) {
        best = cur[j];
        at = i - best;
      }
    }
    std::swap(prev, cur);
  }
  return FromCodePoints(std::u32string_view(a).substr(at, best));
}

}  // namespace

std::vector<std::string> ExtractStringConstants(const std::vector<Example>& examples) {
  std::vector<std::string> out;
  auto add = [&out](std::string s) {
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  for (const Example& e : examples) {
    std::vector<const Value*> values;
    for (const Value& v : e.inputs) values.push_back(&v);
    values.push_back(&e.output);
    for (const Value* v : values) {
      if (v->type() != Type::String()) continue;
      for (unsigned char c : v->as_string()) {
        if (std::ispunct(c)) add(std::string(1, static_cast<char>(c)));
      }
    }
  }
  // Text that several outputs share but their inputs lack must come from a constant.
  for (size_t i = 0; i < examples.size(); ++i) {
    for (size_t j = i + 1; j < examples.size() && j < i + 4; ++j) {
      if (examples[i].output.type() != Type::String()) continue;
      std::string common = LongestCommon(examples[i].output.as_string(), examples[j].output.as_string());
      if (CharCount(common) < 2) continue;
      bool in_inputs = false;
      for (const Example* e : {&examples[i], &examples[j]}) {
        for (const Value& v : e->inputs) {
          in_inputs |= v.type() == Type::String() && v.as_string().find(common) != std::string::npos;
        }
      }
      if (!in_inputs) add(common);
    }
  }
  return out;
}

}  // namespace progsearch
