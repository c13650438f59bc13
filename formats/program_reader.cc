#include "formats/program_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "absl/strings/str_join.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/value.h"

namespace progsearch {
namespace {

// The double nearest to a decimal literal. strtod, not std::stod: stod throws on a subnormal result
// (4.9e-324, which Value::ToString prints) and on overflow, where the nearest double is what we want.
double ParseDecimal(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// Whether `text` is an SMT-LIB numeral (digits) or decimal (digits.digits).
bool IsNumeralOrDecimal(std::string_view text) {
  const size_t dot = text.find('.');
  auto digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return dot == std::string_view::npos ? digits(text) : digits(text.substr(0, dot)) && digits(text.substr(dot + 1));
}

// Parses a decimal numeral into a magnitude; false if it exceeds 2^64-1.
bool ParseMagnitude(const std::string& digits, uint64_t& out) {
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && p == digits.data() + digits.size();
}

}  // namespace

ProgramReader::ProgramReader(const PrimitiveRegistry& registry, std::vector<Declaration> variables,
                             std::string filename, std::vector<Declaration> nonterminals)
    : registry_(registry),
      variables_(std::move(variables)),
      nonterminals_(std::move(nonterminals)),
      filename_(std::move(filename)) {}

absl::Status ProgramReader::Error(const SExpr& e, std::string_view message) const {
  return LocatedError(filename_, e.loc, message);
}

absl::StatusOr<TermPtr> ProgramReader::ReadText(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<SExpr> exprs, ParseSExprs(text, filename_));
  if (exprs.size() != 1) {
    return LocatedError(filename_, exprs.empty() ? SourceLocation{} : exprs[1].loc,
                        exprs.empty() ? "expected a program, got nothing" : "expected one program, got more");
  }
  return Read(exprs[0]);
}

absl::StatusOr<Type> ProgramReader::ReadType(const SExpr& e) const {
  if (e.kind == SExpr::Kind::kSymbol) {
    if (e.text == "Int") return Type::Int();
    if (e.text == "Bool") return Type::Bool();
    if (e.text == "String") return Type::String();
    if (e.text == "Float" || e.text == "Real" || e.text == "Float64") return Type::Float();
    if (auto it = sort_aliases_.find(e.text); it != sort_aliases_.end()) return it->second;
    return Error(e, StrCat("unknown sort '", e.text, "'"));
  }
  if (e.is_list() && e.items.size() == 3 && e.items[0].is_symbol("_") && e.items[1].is_symbol("BitVec")) {
    uint64_t w = 0;
    if (e.items[2].kind != SExpr::Kind::kNumeral || !ParseMagnitude(e.items[2].text, w) || w < 1 || w > 64) {
      return Error(e.items[2], "BitVec width must be a numeral in 1..64");
    }
    return *Type::BitVec(static_cast<int>(w));
  }
  if (e.is_list() && e.items.size() == 2 && e.items[0].is_symbol("List")) {
    ASSIGN_OR_RETURN(Type element, ReadType(e.items[1]));
    return Type::List(element);
  }
  if (e.is_list() && e.items.size() >= 2 && e.items[0].is_symbol("->")) {
    std::vector<Type> args;
    for (size_t i = 1; i + 1 < e.items.size(); ++i) {
      ASSIGN_OR_RETURN(Type t, ReadType(e.items[i]));
      args.push_back(t);
    }
    ASSIGN_OR_RETURN(Type result, ReadType(e.items.back()));
    return Type::Function(std::move(args), result);
  }
  return Error(e, StrCat("malformed sort '", e.ToString(), "'"));
}

absl::StatusOr<TermPtr> ProgramReader::Read(const SExpr& e) {
  if (e.is_list()) return ReadList(e);
  return ReadAtom(e);
}

absl::StatusOr<TermPtr> ProgramReader::ReadAtom(const SExpr& e) {
  switch (e.kind) {
    case SExpr::Kind::kNumeral: {
      uint64_t v = 0;
      if (!ParseMagnitude(e.text, v) || v > static_cast<uint64_t>(INT64_MAX)) {
        return Error(e, StrCat("integer literal ", e.text, " does not fit in 64 bits"));
      }
      return Term::Constant(Value::Int(static_cast<int64_t>(v)));
    }
    case SExpr::Kind::kDecimal:
      return Term::Constant(Value::Float(ParseDecimal(e.text)));
    case SExpr::Kind::kHex:
    case SExpr::Kind::kBinary: {
      const bool hex = e.kind == SExpr::Kind::kHex;
      const size_t width = e.text.size() * (hex ? 4 : 1);
      if (width > 64) return Error(e, StrCat("bit-vector literal of width ", width, " exceeds 64 bits"));
      uint64_t bits = std::stoull(e.text, nullptr, hex ? 16 : 2);
      return Term::Constant(Value::BitVec(*Type::BitVec(static_cast<int>(width)), bits));
    }
    case SExpr::Kind::kString:
      return Term::Constant(Value::String(e.text));
    case SExpr::Kind::kKeyword:
      return Error(e, StrCat("unexpected keyword '", e.text, "' in a program"));
    case SExpr::Kind::kList:
      break;
    case SExpr::Kind::kSymbol: {
      const std::string& name = e.text;
      if (name == "true" || name == "false") return Term::Constant(Value::Bool(name == "true"));
      for (auto it = lets_.rbegin(); it != lets_.rend(); ++it) {
        if (it->first == name) return it->second;
      }
      for (size_t k = lambda_params_.size(); k-- > 0;) {
        if (lambda_params_[k].name == name) {
          return Term::BoundVar(static_cast<int>(lambda_params_.size() - 1 - k), lambda_params_[k].type);
        }
      }
      for (size_t i = 0; i < variables_.size(); ++i) {
        if (variables_[i].name == name) return Term::Variable(static_cast<int>(i), name, variables_[i].type);
      }
      for (size_t i = 0; i < nonterminals_.size(); ++i) {
        if (nonterminals_[i].name == name) return Term::Hole(static_cast<int>(i), name, nonterminals_[i].type);
      }
      if (registry_.Knows(name)) return Apply(e, name, {});
      // The Float values without a decimal, as the printer writes them (Value::ToString).
      if (name == "+oo" || name == "-oo") return Term::Constant(Value::Float(name[0] == '+' ? INFINITY : -INFINITY));
      if (name == "NaN") return Term::Constant(Value::Float(NAN));
      // A lenient reading of -5, which SMT-LIB spells (- 5).
      if (name.size() > 1 && name[0] == '-' && IsNumeralOrDecimal(std::string_view(name).substr(1))) {
        SExpr magnitude = e;
        magnitude.kind = name.find('.') == std::string::npos ? SExpr::Kind::kNumeral : SExpr::Kind::kDecimal;
        magnitude.text = name.substr(1);
        SExpr neg;
        neg.loc = e.loc;
        neg.items = {e, magnitude};
        neg.items[0].text = "-";
        return ReadList(neg);
      }
      return Error(e, StrCat("unknown symbol '", name, "'"));
    }
  }
  return Error(e, "unexpected token");
}

absl::StatusOr<TermPtr> ProgramReader::ReadList(const SExpr& e) {
  if (e.items.empty()) return Error(e, "empty application '()'");
  const SExpr& head = e.items[0];
  if (head.is_list()) {
    if (head.items.size() == 3 && head.items[0].is_symbol("_") && head.items[1].kind == SExpr::Kind::kSymbol &&
        head.items[1].text.starts_with("bv")) {
      return Error(head, "indexed bit-vector literals are written (_ bvN W), not applied");
    }
    return Error(head, StrCat("unsupported operator '", head.ToString(), "'"));
  }
  if (head.kind != SExpr::Kind::kSymbol) {
    return Error(head, StrCat("expected an operator name, got '", head.ToString(), "'"));
  }
  const std::string& op = head.text;

  if (op == "_") return ReadIndexedLiteral(e);
  // (- 5) and (- 1.5) are negative constants. (- 0) is not folded: Int has no -0 to print it back as.
  if (op == "-" && e.items.size() == 2 &&
      ((e.items[1].kind == SExpr::Kind::kNumeral && e.items[1].text.find_first_not_of('0') != std::string::npos) ||
       e.items[1].kind == SExpr::Kind::kDecimal)) {
    return ReadNegativeConstant(e);
  }
  if (op == "let") return ReadLet(e);
  if (op == "lambda") return ReadLambda(e);
  std::vector<TermPtr> args;
  args.reserve(e.items.size() - 1);
  for (size_t i = 1; i < e.items.size(); ++i) {
    ASSIGN_OR_RETURN(TermPtr arg, Read(e.items[i]));
    args.push_back(std::move(arg));
  }
  return Apply(e, op, std::move(args));
}

// (_ bvN W): an SMT-LIB indexed bit-vector literal.
absl::StatusOr<TermPtr> ProgramReader::ReadIndexedLiteral(const SExpr& e) const {
  uint64_t value = 0, width = 0;
  if (e.items.size() != 3 || e.items[1].kind != SExpr::Kind::kSymbol || !e.items[1].text.starts_with("bv") ||
      !ParseMagnitude(e.items[1].text.substr(2), value) || e.items[2].kind != SExpr::Kind::kNumeral ||
      !ParseMagnitude(e.items[2].text, width) || width < 1 || width > 64) {
    return Error(e, StrCat("malformed indexed literal '", e.ToString(), "' (expected (_ bvN W), W in 1..64)"));
  }
  return Term::Constant(Value::BitVec(*Type::BitVec(static_cast<int>(width)), value));
}

// (- N) with N a non-zero numeral or a decimal.
absl::StatusOr<TermPtr> ProgramReader::ReadNegativeConstant(const SExpr& e) const {
  if (e.items[1].kind == SExpr::Kind::kDecimal) return Term::Constant(Value::Float(-ParseDecimal(e.items[1].text)));
  uint64_t v = 0;
  if (!ParseMagnitude(e.items[1].text, v) || v > uint64_t{1} << 63) {
    return Error(e, StrCat("integer literal -", e.items[1].text, " does not fit in 64 bits"));
  }
  return Term::Constant(Value::Int(static_cast<int64_t>(uint64_t{0} - v)));
}

// (let ((x e) ...) body): the body read with each name standing for its term (substituted, not shared).
absl::StatusOr<TermPtr> ProgramReader::ReadLet(const SExpr& e) {
  if (e.items.size() != 3 || !e.items[1].is_list()) return Error(e, "malformed let: expected (let ((x e) ...) body)");
  std::vector<std::pair<std::string, TermPtr>> bound;
  for (const SExpr& b : e.items[1].items) {
    if (!b.is_list() || b.items.size() != 2 || b.items[0].kind != SExpr::Kind::kSymbol) {
      return Error(b, "malformed let binding: expected (name term)");
    }
    ASSIGN_OR_RETURN(TermPtr value, Read(b.items[1]));
    bound.emplace_back(b.items[0].text, std::move(value));
  }
  const size_t mark = lets_.size();
  for (auto& b : bound) lets_.push_back(std::move(b));
  auto body = Read(e.items[2]);
  lets_.resize(mark);
  return body;
}

// (lambda ((x T) ...) body), its parameters on the de Bruijn stack while the body is read.
absl::StatusOr<TermPtr> ProgramReader::ReadLambda(const SExpr& e) {
  if (e.items.size() != 3 || !e.items[1].is_list() || e.items[1].items.empty()) {
    return Error(e, "malformed lambda: expected (lambda ((x T) ...) body)");
  }
  std::vector<Type> params;
  const size_t mark = lambda_params_.size();
  for (const SExpr& p : e.items[1].items) {
    if (!p.is_list() || p.items.size() != 2 || p.items[0].kind != SExpr::Kind::kSymbol) {
      lambda_params_.resize(mark);
      return Error(p, "malformed lambda parameter: expected (name Sort)");
    }
    auto type = ReadType(p.items[1]);
    if (!type.ok()) {
      lambda_params_.resize(mark);
      return type.status();
    }
    params.push_back(*type);
    lambda_params_.push_back(Declaration{p.items[0].text, *type});
  }
  auto body = Read(e.items[2]);
  lambda_params_.resize(mark);
  if (!body.ok()) return body.status();
  return Term::Lambda(std::move(params), *std::move(body));
}

absl::StatusOr<TermPtr> ProgramReader::Apply(const SExpr& e, const std::string& name, std::vector<TermPtr> args) {
  std::vector<Type> types;
  for (const TermPtr& a : args) types.push_back(a->type());
  auto op = registry_.Resolve(name, types);
  if (!op.ok()) {
    // Integer literals may stand for Floats: (+ x 1) with x a Float.
    bool coerced = false;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i]->kind() == TermKind::kConstant && types[i] == Type::Int()) {
        types[i] = Type::Float();
        coerced = true;
      }
    }
    if (coerced) {
      auto retry = registry_.Resolve(name, types);
      if (retry.ok()) {
        op = retry;
        for (size_t i = 0; i < args.size(); ++i) {
          if (types[i] == Type::Float() && args[i]->type() == Type::Int()) {
            args[i] = Term::Constant(Value::Float(static_cast<double>(args[i]->value().as_int())));
          }
        }
      }
    }
  }
  if (!op.ok()) {
    // An unknown name is the operator's fault, a type mismatch the application's.
    const bool unknown = op.status().code() == absl::StatusCode::kNotFound;
    return Error(unknown && e.is_list() ? e.items[0] : e, std::string(op.status().message()));
  }
  return Term::Apply(*op, (*op)->result, std::move(args));
}

namespace {

void Print(const Term& t, int lambda_depth, std::string& out) {
  switch (t.kind()) {
    case TermKind::kConstant:
      out += t.value().ToString();
      return;
    case TermKind::kVariable:
    case TermKind::kHole:
      out += QuoteSymbol(t.name());
      return;
    case TermKind::kBoundVar:
      StrAppend(&out, "_x", lambda_depth - 1 - t.index());
      return;
    case TermKind::kLambda: {
      out += "(lambda (";
      std::vector<Type> params = t.type().args();
      for (size_t i = 0; i < params.size(); ++i) {
        StrAppend(&out, i ? " " : "", "(_x", lambda_depth + static_cast<int>(i), " ", params[i].ToString(), ")");
      }
      out += ") ";
      Print(*t.body(), lambda_depth + static_cast<int>(params.size()), out);
      out += ")";
      return;
    }
    case TermKind::kApply: {
      const Primitive& op = *t.op();
      if (t.args().empty()) {
        out += QuoteSymbol(op.name);
        return;
      }
      if (op.printer) {
        std::vector<std::string> printed;
        for (const TermPtr& a : t.args()) {
          std::string s;
          Print(*a, lambda_depth, s);
          printed.push_back(std::move(s));
        }
        out += op.printer(op.name, printed);
        return;
      }
      StrAppend(&out, "(", QuoteSymbol(op.name));
      for (const TermPtr& a : t.args()) {
        out += ' ';
        Print(*a, lambda_depth, out);
      }
      out += ')';
      return;
    }
  }
}

}  // namespace

std::string PrintTerm(const Term& t) {
  std::string out;
  Print(t, 0, out);
  return out;
}

std::string PrintDefineFun(std::string_view name, const std::vector<Declaration>& params, const Type& result,
                           const Term& body) {
  std::vector<std::string> ps;
  for (const Declaration& p : params) ps.push_back(StrCat("(", QuoteSymbol(p.name), " ", p.type.ToString(), ")"));
  return StrCat("(define-fun ", QuoteSymbol(name), " (", absl::StrJoin(ps, " "), ") ", result.ToString(), " ",
                PrintTerm(body), ")");
}

}  // namespace progsearch
