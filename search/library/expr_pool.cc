#include "search/library/expr_pool.h"

#include <cctype>
#include <charconv>

#include "absl/strings/str_cat.h"

namespace progsearch::library {
namespace {

constexpr uint64_t kHighVars = uint64_t{1} << 63;
constexpr int kMaxDepth = 4000;

uint64_t VarBit(int index) { return index >= 63 ? kHighVars : uint64_t{1} << index; }

// Digits only, as in `$12` or `#0`; -1 otherwise.
int IndexAfterSigil(std::string_view token) {
  if (token.size() < 2 || token.size() > 7) return -1;
  int value = 0;
  const auto [end, error] = std::from_chars(token.data() + 1, token.data() + token.size(), value);
  return error == std::errc() && end == token.data() + token.size() ? value : -1;
}

// -1 for no lambda keyword; else the lambda's tag: 0 for `lambda` or `lam`, N+1 for Stitch's `lam_N`.
int LambdaTag(std::string_view token) {
  if (token == "lambda" || token == "lam") return 0;
  if (token.substr(0, 4) != "lam_" || token.size() == 4 || token.size() > 10) return -1;
  int tag = 0;
  const auto [end, error] = std::from_chars(token.data() + 4, token.data() + token.size(), tag);
  return error == std::errc() && end == token.data() + token.size() ? tag + 1 : -1;
}

// A recursive-descent reader over one program's text.
class Reader {
 public:
  Reader(ExprPool& pool, std::string_view text) : pool_(pool), text_(text) {}

  absl::StatusOr<NodeId> ReadProgram() {
    auto node = ReadExpr(0);
    if (!node.ok()) return node;
    SkipSpace();
    if (pos_ != text_.size()) return Error("text after the end of the program");
    return node;
  }

 private:
  absl::Status Error(std::string_view message) const {
    return absl::InvalidArgumentError(absl::StrCat("column ", pos_ + 1, ": ", std::string(message)));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  std::string_view ReadAtom() {
    const size_t start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != '(' &&
           text_[pos_] != ')') {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  absl::StatusOr<NodeId> ReadExpr(int depth) {
    if (depth > kMaxDepth) return Error("the program nests too deeply");
    SkipSpace();
    if (pos_ >= text_.size()) return Error("the program ends early");
    if (text_[pos_] == ')') return Error("unexpected ')'");
    if (text_[pos_] == '#' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '(') {
      ++pos_;
      auto inner = ReadExpr(depth + 1);
      if (!inner.ok()) return inner;
      // An earlier abstraction, inlined: one primitive, named by its canonical text.
      return pool_.Prim(absl::StrCat("#", pool_.PrintDreamCoder(*inner)));
    }
    if (text_[pos_] != '(') return ReadLeaf();
    ++pos_;
    SkipSpace();
    const size_t head_pos = pos_;
    if (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ')') {
      const std::string_view head = ReadAtom();
      if (const int tag = LambdaTag(head); tag >= 0) return ReadLambdaRest(depth, tag);
      pos_ = head_pos;
    }
    return ReadApplicationRest(depth);
  }

  absl::StatusOr<NodeId> ReadLeaf() {
    const std::string_view atom = ReadAtom();
    if (atom.empty()) return Error("expected a program");
    if (LambdaTag(atom) >= 0) return Error("a lambda must be written (lambda BODY)");
    if (atom[0] == '$' || atom[0] == '#') {
      const int index = IndexAfterSigil(atom);
      if (index >= 0) return atom[0] == '$' ? pool_.Var(index) : pool_.IVar(index);
    }
    return pool_.Prim(atom);
  }

  absl::StatusOr<NodeId> ReadLambdaRest(int depth, int tag) {
    auto body = ReadExpr(depth + 1);
    if (!body.ok()) return body;
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != ')') return Error("a lambda has exactly one body: expected ')'");
    ++pos_;
    return pool_.Lam(*body, tag);
  }

  absl::StatusOr<NodeId> ReadApplicationRest(int depth) {
    auto fn = ReadExpr(depth + 1);
    if (!fn.ok()) return fn;
    NodeId result = *fn;
    int args = 0;
    for (SkipSpace(); pos_ < text_.size() && text_[pos_] != ')'; SkipSpace()) {
      auto arg = ReadExpr(depth + 1);
      if (!arg.ok()) return arg;
      result = pool_.App(result, *arg);
      ++args;
    }
    if (pos_ >= text_.size()) return Error("missing ')'");
    if (args == 0) return Error("an application needs a function and at least one argument");
    ++pos_;
    return result;
  }

  ExprPool& pool_;
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

NodeId ExprPool::Add(ExprNode node) {
  const auto key = std::make_tuple(static_cast<uint8_t>(node.kind), node.a, node.b);
  const auto [it, inserted] = index_.try_emplace(key, static_cast<NodeId>(nodes_.size()));
  if (inserted) nodes_.push_back(node);
  return it->second;
}

int32_t ExprPool::Intern(std::string_view symbol) {
  const auto [it, inserted] = symbol_ids_.try_emplace(std::string(symbol), static_cast<int32_t>(symbols_.size()));
  if (inserted) symbols_.emplace_back(symbol);
  return it->second;
}

NodeId ExprPool::Prim(std::string_view symbol) {
  // Stitch's tagged variables ($0_1) are leaves of their own but cost as variables.
  const int64_t cost = !symbol.empty() && symbol[0] == '$' ? costs_.var : costs_.prim;
  return Add({ExprKind::kPrim, Intern(symbol), 0, cost, 0});
}

NodeId ExprPool::Var(int index) { return Add({ExprKind::kVar, index, 0, costs_.var, VarBit(index)}); }

NodeId ExprPool::IVar(int index) { return Add({ExprKind::kIVar, index, 0, costs_.ivar, 0}); }

NodeId ExprPool::Lam(NodeId body, int32_t tag) {
  const ExprNode& b = nodes_[body];
  const uint64_t free = (b.free_vars >> 1) | (b.free_vars & kHighVars);
  return Add({ExprKind::kLam, body, tag, costs_.lam + b.cost, free});
}

NodeId ExprPool::App(NodeId fn, NodeId arg) {
  const ExprNode& f = nodes_[fn];
  const ExprNode& x = nodes_[arg];
  return Add({ExprKind::kApp, fn, arg, costs_.app + f.cost + x.cost, f.free_vars | x.free_vars});
}

NodeId ExprPool::KnownShift(NodeId id, int delta, int cutoff) const {
  const uint64_t at_or_above = cutoff >= 63 ? kHighVars : ~((uint64_t{1} << cutoff) - 1);
  if (delta == 0 || (nodes_[id].free_vars & at_or_above) == 0) return id;
  const auto it = shifted_.find(std::make_tuple(id, delta, cutoff));
  return it == shifted_.end() ? -1 : it->second;
}

NodeId ExprPool::Shift(NodeId id, int delta, int cutoff) {
  if (const NodeId known = KnownShift(id, delta, cutoff); known >= 0) return known;
  const auto key = std::make_tuple(id, delta, cutoff);
  const ExprNode n = nodes_[id];
  NodeId result = id;
  switch (n.kind) {
    case ExprKind::kVar:
      result = n.a >= cutoff ? Var(n.a + delta) : id;
      break;
    case ExprKind::kLam:
      result = Lam(Shift(n.a, delta, cutoff + 1), n.b);
      break;
    case ExprKind::kApp: {
      const NodeId fn = Shift(n.a, delta, cutoff);
      result = App(fn, Shift(n.b, delta, cutoff));
      break;
    }
    default:
      break;
  }
  shifted_.emplace(key, result);
  return result;
}

absl::StatusOr<NodeId> ExprPool::Parse(std::string_view text) { return Reader(*this, text).ReadProgram(); }

void ExprPool::PrintTo(NodeId id, std::string_view lambda, std::string& out) const {
  const ExprNode& n = nodes_[id];
  switch (n.kind) {
    case ExprKind::kPrim:
      out += symbols_[n.a];
      return;
    case ExprKind::kVar:
      absl::StrAppend(&out, "$", n.a);
      return;
    case ExprKind::kIVar:
      absl::StrAppend(&out, "#", n.a);
      return;
    case ExprKind::kLam:
      absl::StrAppend(&out, "(", std::string(lambda));
      if (n.b > 0) absl::StrAppend(&out, "_", n.b - 1);
      out += ' ';
      PrintTo(n.a, lambda, out);
      out += ')';
      return;
    case ExprKind::kApp: {
      std::vector<NodeId> spine;  // arguments, last first
      NodeId head = id;
      while (nodes_[head].kind == ExprKind::kApp) {
        spine.push_back(nodes_[head].b);
        head = nodes_[head].a;
      }
      out += '(';
      PrintTo(head, lambda, out);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        out += ' ';
        PrintTo(*it, lambda, out);
      }
      out += ')';
      return;
    }
  }
}

std::string ExprPool::PrintWith(NodeId id, std::string_view lambda) const {
  std::string out;
  PrintTo(id, lambda, out);
  return out;
}

std::string ExprPool::Print(NodeId id) const { return PrintWith(id, "lam"); }

std::string ExprPool::PrintDreamCoder(NodeId id) const { return PrintWith(id, "lambda"); }

}  // namespace progsearch::library
