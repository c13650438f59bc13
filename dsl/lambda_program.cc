#include "dsl/lambda_program.h"

#include <cctype>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/type_unify.h"

namespace progsearch {
namespace {

using Kind = LambdaExpr::Kind;

absl::Status ErrorAt(size_t column, const std::string& message) {
  return absl::InvalidArgumentError(StrCat("column ", column, ": ", message));
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<LambdaExpr> ParseAll() {
    ASSIGN_OR_RETURN(LambdaExpr e, Parse());
    SkipSpace();
    if (pos_ != text_.size()) return ErrorAt(pos_ + 1, "text after the end of the program");
    return e;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  absl::StatusOr<LambdaExpr> Parse() {
    SkipSpace();
    if (pos_ >= text_.size()) return ErrorAt(pos_ + 1, "unexpected end of the program");
    LambdaExpr e;
    e.column = pos_ + 1;
    const char c = text_[pos_];
    if (c == ')') return ErrorAt(pos_ + 1, "unexpected ')'");
    if (c == '#') {
      ++pos_;
      if (pos_ >= text_.size() || text_[pos_] != '(') return ErrorAt(pos_ + 1, "'#' must open an abstraction: #(...)");
      ASSIGN_OR_RETURN(LambdaExpr body, Parse());
      e.kind = Kind::kInvented;
      e.name = "#" + PrintLambdaExpr(body);
      e.children.push_back(std::move(body));
      return e;
    }
    if (c != '(') return ParseAtom(e);
    ++pos_;
    SkipSpace();
    const size_t word_start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != '(' &&
           text_[pos_] != ')') {
      ++pos_;
    }
    const std::string_view word = text_.substr(word_start, pos_ - word_start);
    if (word == "lambda" || word == "lam") {
      e.kind = Kind::kLambda;
      ASSIGN_OR_RETURN(LambdaExpr body, Parse());
      e.children.push_back(std::move(body));
    } else {
      pos_ = word_start;
      e.kind = Kind::kApply;
      while (true) {
        SkipSpace();
        if (pos_ >= text_.size()) return ErrorAt(e.column, "'(' is never closed");
        if (text_[pos_] == ')') break;
        ASSIGN_OR_RETURN(LambdaExpr child, Parse());
        e.children.push_back(std::move(child));
      }
      if (e.children.size() < 2) return ErrorAt(e.column, "an application needs a function and an argument");
    }
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != ')') return ErrorAt(pos_ + 1, "expected ')'");
    ++pos_;
    return e;
  }

  absl::StatusOr<LambdaExpr> ParseAtom(LambdaExpr& e) {
    const size_t start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != '(' &&
           text_[pos_] != ')') {
      ++pos_;
    }
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word[0] == '$') {
      int index = 0;
      if (word.size() == 1 || word.size() > 6) return ErrorAt(e.column, StrCat("bad variable '", std::string(word), "'"));
      for (char d : word.substr(1)) {
        if (!std::isdigit(static_cast<unsigned char>(d))) {
          return ErrorAt(e.column, StrCat("bad variable '", std::string(word), "'"));
        }
        index = index * 10 + (d - '0');
      }
      e.kind = Kind::kIndex;
      e.index = index;
      return e;
    }
    if (word == "lambda" || word == "lam") return ErrorAt(e.column, "'lambda' must open a parenthesis: (lambda BODY)");
    e.kind = Kind::kPrimitive;
    e.name = std::string(word);
    return e;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// de Bruijn shifting: free indices >= cutoff move by d.
LambdaExpr Shift(const LambdaExpr& e, int d, int cutoff) {
  LambdaExpr out = e;
  if (e.kind == Kind::kIndex) {
    if (e.index >= cutoff) out.index += d;
    return out;
  }
  if (e.kind == Kind::kInvented) return out;  // closed
  const int inner = e.kind == Kind::kLambda ? cutoff + 1 : cutoff;
  for (LambdaExpr& c : out.children) c = Shift(c, d, inner);
  return out;
}

// Replaces index `depth` (the variable a redex binds, seen from `depth` lambdas down) by `value`,
// and lowers the indices above it, which lose that binder.
LambdaExpr Substitute(const LambdaExpr& e, const LambdaExpr& value, int depth) {
  if (e.kind == Kind::kIndex) {
    if (e.index == depth) return Shift(value, depth, 0);
    LambdaExpr out = e;
    if (e.index > depth) --out.index;
    return out;
  }
  if (e.kind == Kind::kInvented) return e;
  LambdaExpr out = e;
  const int inner = e.kind == Kind::kLambda ? depth + 1 : depth;
  for (LambdaExpr& c : out.children) c = Substitute(c, value, inner);
  return out;
}

LambdaExpr Normalize(const LambdaExpr& e, int& fuel);

// Applies `head` (after inlining) to args, beta-reducing while the head is a lambda, and the redexes a
// substitution creates (a parameter applied in the body, given a lambda) while `fuel` lasts: an
// untyped term need not normalize.
LambdaExpr Reduce(LambdaExpr head, std::vector<LambdaExpr> args, size_t column, int& fuel) {
  size_t used = 0;
  while (used < args.size() && head.kind == Kind::kLambda && fuel > 0) {
    --fuel;
    head = Normalize(Substitute(head.children[0], args[used++], 0), fuel);
  }
  if (used == args.size()) return head;
  LambdaExpr app;
  app.kind = Kind::kApply;
  app.column = column;
  if (head.kind == Kind::kApply) {
    app.children = std::move(head.children);  // ((f a) b) reads as (f a b)
  } else {
    app.children.push_back(std::move(head));
  }
  for (size_t i = used; i < args.size(); ++i) app.children.push_back(std::move(args[i]));
  return app;
}

LambdaExpr Normalize(const LambdaExpr& e, int& fuel) {
  switch (e.kind) {
    case Kind::kPrimitive:
    case Kind::kIndex:
      return e;
    case Kind::kInvented:
      return Normalize(e.children[0], fuel);
    case Kind::kLambda: {
      LambdaExpr out = e;
      out.children[0] = Normalize(e.children[0], fuel);
      return out;
    }
    case Kind::kApply: {
      LambdaExpr head = Normalize(e.children[0], fuel);
      std::vector<LambdaExpr> args;
      for (size_t i = 1; i < e.children.size(); ++i) args.push_back(Normalize(e.children[i], fuel));
      return Reduce(std::move(head), std::move(args), e.column, fuel);
    }
  }
  return e;
}

}  // namespace

absl::StatusOr<LambdaExpr> ParseLambdaExpr(std::string_view text) { return Parser(text).ParseAll(); }

std::string PrintLambdaExpr(const LambdaExpr& e) {
  switch (e.kind) {
    case Kind::kPrimitive:
      return e.name;
    case Kind::kIndex:
      return StrCat("$", e.index);
    case Kind::kLambda:
      return StrCat("(lambda ", PrintLambdaExpr(e.children[0]), ")");
    case Kind::kInvented:
      return e.name;
    case Kind::kApply: {
      std::string s = "(";
      for (size_t i = 0; i < e.children.size(); ++i) StrAppend(&s, i ? " " : "", PrintLambdaExpr(e.children[i]));
      return s + ")";
    }
  }
  return "";
}

LambdaExpr InlineInventions(const LambdaExpr& e) {
  int fuel = 100000;
  return Normalize(e, fuel);
}

namespace {

// Hindley-Milner style inference (no let): every node's type as variables and unification constraints.
class Inference {
 public:
  explicit Inference(const PrimitiveRegistry& registry) : registry_(registry) {}

  absl::Status Infer(const LambdaExpr& e, std::vector<Type>& env, const Type& expected) {
    switch (e.kind) {
      case Kind::kIndex: {
        if (static_cast<size_t>(e.index) >= env.size()) return ErrorAt(e.column, StrCat("$", e.index, " is not bound"));
        return Expect(e, env[env.size() - 1 - e.index], expected);
      }
      case Kind::kPrimitive: {
        ASSIGN_OR_RETURN(Type scheme, Scheme(e));
        const Type t = Instantiate(scheme, s_);
        types_[&e] = t;
        // A nullary primitive is its result; another, bare, is a function value (eta-expanded later).
        return Expect(e, t.args().empty() ? t.result() : t, expected);
      }
      case Kind::kApply: {
        const LambdaExpr& head = e.children[0];
        if (head.kind == Kind::kIndex) return InferParameterCall(e, env, expected);
        if (head.kind != Kind::kPrimitive) {
          return ErrorAt(head.column, "only a primitive or a variable can be applied here");
        }
        ASSIGN_OR_RETURN(Type scheme, Scheme(head));
        const Type t = Instantiate(scheme, s_);
        types_[&e] = t;
        const std::vector<Type> formal = t.args();
        if (formal.size() != e.children.size() - 1) {
          return ErrorAt(e.column, StrCat("'", head.name, "' takes ", formal.size(), " arguments, not ",
                                          e.children.size() - 1));
        }
        for (size_t i = 0; i < formal.size(); ++i) RETURN_IF_ERROR(Infer(e.children[i + 1], env, formal[i]));
        return Expect(e, t.result(), expected);
      }
      case Kind::kLambda: {
        Type want = s_.Apply(expected);
        if (want.kind() != TypeKind::kFunction) {
          const Type param = s_.Fresh(), result = s_.Fresh();
          if (!s_.Unify(want, Type::Function({param}, result))) {
            return ErrorAt(e.column, StrCat("a lambda where ", want.ToString(), " is expected"));
          }
          want = s_.Apply(expected);
        }
        types_[&e] = want;
        const std::vector<Type> params = want.args();
        const LambdaExpr* body = &e;
        for (size_t k = 0; k < params.size(); ++k) {
          if (body->kind != Kind::kLambda) {
            return ErrorAt(e.column, StrCat("a function of ", params.size(), " parameters is expected here"));
          }
          body = &body->children[0];
        }
        env.insert(env.end(), params.begin(), params.end());
        absl::Status st = Infer(*body, env, want.result());
        env.resize(env.size() - params.size());
        return st;
      }
      case Kind::kInvented:
        return Infer(e.children[0], env, expected);
    }
    return absl::OkStatus();
  }

  TypeSubstitution& substitution() { return s_; }

  // A function-typed variable applied to arguments, as in an abstraction's body: (lambda ($0 1)).
  absl::Status InferParameterCall(const LambdaExpr& e, std::vector<Type>& env, const Type& expected) {
    const LambdaExpr& head = e.children[0];
    if (static_cast<size_t>(head.index) >= env.size()) return ErrorAt(head.column, StrCat("$", head.index, " is not bound"));
    std::vector<Type> params;
    for (size_t i = 1; i < e.children.size(); ++i) params.push_back(s_.Fresh());
    const Type result = s_.Fresh();
    const Type fn = Type::Function(params, result);
    RETURN_IF_ERROR(Expect(head, env[env.size() - 1 - head.index], fn));
    types_[&e] = fn;
    for (size_t i = 0; i < params.size(); ++i) RETURN_IF_ERROR(Infer(e.children[i + 1], env, params[i]));
    return Expect(e, result, expected);
  }
  const Type& TypeOf(const LambdaExpr& e) const { return types_.at(&e); }

 private:
  absl::StatusOr<Type> Scheme(const LambdaExpr& e) const {
    std::optional<Type> scheme = registry_.SchemeOf(e.name);
    if (!scheme) return ErrorAt(e.column, StrCat("unknown primitive '", e.name, "'"));
    return *scheme;
  }

  absl::Status Expect(const LambdaExpr& e, const Type& got, const Type& expected) {
    if (s_.Unify(got, expected)) return absl::OkStatus();
    return ErrorAt(e.column, StrCat("'", PrintLambdaExpr(e), "' is ", s_.Apply(got).ToString(), " where ",
                                    s_.Apply(expected).ToString(), " is expected"));
  }

  const PrimitiveRegistry& registry_;
  TypeSubstitution s_;
  absl::flat_hash_map<const LambdaExpr*, Type> types_;
};

// Leading lambdas and the body under them.
const LambdaExpr& StripLambdas(const LambdaExpr& e, size_t& count) {
  const LambdaExpr* cur = &e;
  count = 0;
  while (cur->kind == Kind::kLambda) {
    cur = &cur->children[0];
    ++count;
  }
  return *cur;
}

// Renames a type's variables t0, t1, ... in order of first appearance.
Type Canonical(const Type& t, absl::flat_hash_map<int, int>& names) {
  switch (t.kind()) {
    case TypeKind::kVar: {
      auto [it, inserted] = names.try_emplace(t.var_id(), static_cast<int>(names.size()));
      return Type::Var(it->second);
    }
    default:
      return MapTypeParams(t, [&](const Type& p) { return Canonical(p, names); });
  }
}

// Variables left free are taken as Int.
Type Ground(const Type& t) {
  switch (t.kind()) {
    case TypeKind::kVar:
      return Type::Int();
    default:
      return MapTypeParams(t, Ground);
  }
}

// Builds the Term once inference has fixed every type.
class Builder {
 public:
  Builder(const Inference& inference, TypeSubstitution& s, const PrimitiveRegistry& registry,
          std::vector<Type> inputs, const std::vector<std::string>& names)
      : inference_(inference), s_(s), registry_(registry), inputs_(std::move(inputs)), names_(names) {}

  absl::StatusOr<TermPtr> Build(const LambdaExpr& e) {
    switch (e.kind) {
      case Kind::kIndex: {
        const size_t i = static_cast<size_t>(e.index);
        if (i < params_.size()) return Term::BoundVar(e.index, params_[params_.size() - 1 - i]);
        const size_t input = inputs_.size() - 1 - (i - params_.size());
        return Term::Variable(static_cast<int>(input), names_[input], inputs_[input]);
      }
      case Kind::kPrimitive: {
        const Type t = Ground(s_.Apply(inference_.TypeOf(e)));
        const std::vector<Type> args = t.args();
        ASSIGN_OR_RETURN(const Primitive* op, Resolve(e, args));
        if (args.empty()) return Term::Apply(op, t.result(), {});
        std::vector<TermPtr> vars;  // eta-expansion: (lambda (lambda (op $1 $0)))
        for (size_t j = 0; j < args.size(); ++j) vars.push_back(Term::BoundVar(static_cast<int>(args.size() - 1 - j), args[j]));
        return Term::Lambda(args, Term::Apply(op, op->result, std::move(vars)));
      }
      case Kind::kApply: {
        const Type fn = Ground(s_.Apply(inference_.TypeOf(e)));
        const std::vector<Type> formal = fn.args();
        if (e.children[0].kind == Kind::kIndex) {
          std::vector<TermPtr> args;
          for (const LambdaExpr& c : e.children) {
            ASSIGN_OR_RETURN(TermPtr a, Build(c));
            args.push_back(std::move(a));
          }
          return Term::Apply(ParameterCall(), fn.result(), std::move(args));
        }
        ASSIGN_OR_RETURN(const Primitive* op, Resolve(e.children[0], formal));
        std::vector<TermPtr> args;
        for (size_t i = 1; i < e.children.size(); ++i) {
          ASSIGN_OR_RETURN(TermPtr a, Build(e.children[i]));
          args.push_back(std::move(a));
        }
        return Term::Apply(op, op->result, std::move(args));
      }
      case Kind::kLambda: {
        const std::vector<Type> params = Ground(s_.Apply(inference_.TypeOf(e))).args();
        const LambdaExpr* body = &e;
        for (size_t k = 0; k < params.size(); ++k) body = &body->children[0];
        params_.insert(params_.end(), params.begin(), params.end());
        absl::StatusOr<TermPtr> b = Build(*body);
        params_.resize(params_.size() - params.size());
        if (!b.ok()) return b.status();
        return Term::Lambda(params, *std::move(b));
      }
      case Kind::kInvented:
        return Build(e.children[0]);
    }
    return absl::InternalError("unreachable");
  }

 private:
  absl::StatusOr<const Primitive*> Resolve(const LambdaExpr& head, const std::vector<Type>& args) const {
    auto op = registry_.Resolve(head.name, args);
    if (!op.ok()) return ErrorAt(head.column, std::string(op.status().message()));
    return *op;
  }

  const Inference& inference_;
  TypeSubstitution& s_;
  const PrimitiveRegistry& registry_;
  std::vector<Type> inputs_;
  const std::vector<std::string>& names_;
  std::vector<Type> params_;  // lambda parameters in scope, outermost first
};

}  // namespace

const Primitive* ParameterCall() {
  static const Primitive* call = [] {
    auto* p = new Primitive();
    p->name = "@call";
    p->higher_order = [](std::span<const ValueColumn* const>, LambdaRunner&, ValueColumn&,
                         EvalContext&) -> absl::Status {
      return absl::FailedPreconditionError(
          "a function parameter is applied outside an abstraction (nothing took its place)");
    };
    return p;
  }();
  return call;
}

namespace {

// A primitive applied to fewer arguments than it takes, (cons (car $0)), becomes the lambda that takes the
// rest, (lambda (cons (car $1) $0)): DreamCoder's curried library uses partial application where this
// project's functions take all their parameters at once. More arguments than it takes stay an error.
// Takes the tree by value: rebuilt in place, it is moved through rather than copied at every level.
LambdaExpr EtaExpand(LambdaExpr out, const PrimitiveRegistry& registry) {
  for (LambdaExpr& c : out.children) c = EtaExpand(std::move(c), registry);
  if (out.kind != Kind::kApply || out.children[0].kind != Kind::kPrimitive) return out;
  const std::optional<Type> scheme = registry.SchemeOf(out.children[0].name);
  const size_t given = out.children.size() - 1;
  if (!scheme || scheme->args().size() <= given) return out;
  const int missing = static_cast<int>(scheme->args().size() - given);
  for (size_t i = 1; i < out.children.size(); ++i) out.children[i] = Shift(out.children[i], missing, 0);
  for (int k = missing - 1; k >= 0; --k) {
    LambdaExpr index;
    index.kind = Kind::kIndex;
    index.index = k;
    index.column = out.column;
    out.children.push_back(std::move(index));
  }
  for (int k = 0; k < missing; ++k) {
    LambdaExpr lambda;
    lambda.kind = Kind::kLambda;
    lambda.column = out.column;
    lambda.children.push_back(std::move(out));
    out = std::move(lambda);
  }
  return out;
}

}  // namespace

absl::StatusOr<Type> InferLambdaType(const LambdaExpr& e, const PrimitiveRegistry& registry) {
  const LambdaExpr inlined = EtaExpand(InlineInventions(e), registry);
  size_t arity = 0;
  const LambdaExpr& body = StripLambdas(inlined, arity);
  Inference inference(registry);
  TypeSubstitution& s = inference.substitution();
  std::vector<Type> env;
  for (size_t i = 0; i < arity; ++i) env.push_back(s.Fresh());
  const Type result = s.Fresh();
  const std::vector<Type> params = env;
  RETURN_IF_ERROR(inference.Infer(body, env, result));
  const Type t = arity == 0 ? s.Apply(result) : s.Apply(Type::Function(params, result));
  absl::flat_hash_map<int, int> names;
  return Canonical(t, names);
}

absl::StatusOr<TermPtr> TypeLambdaProgram(const LambdaExpr& e, const Type& request, const PrimitiveRegistry& registry,
                                          const std::vector<std::string>& input_names) {
  const LambdaExpr inlined = EtaExpand(InlineInventions(e), registry);
  const std::vector<Type> inputs = request.kind() == TypeKind::kFunction ? request.args() : std::vector<Type>{};
  const Type output = request.kind() == TypeKind::kFunction ? request.result() : request;
  if (input_names.size() != inputs.size()) {
    return absl::InvalidArgumentError(StrCat(inputs.size(), " inputs but ", input_names.size(), " input names"));
  }
  const LambdaExpr* body = &inlined;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (body->kind != Kind::kLambda) {
      return ErrorAt(body->column, StrCat("the program must start with a lambda per input (", inputs.size(), ")"));
    }
    body = &body->children[0];
  }
  Inference inference(registry);
  std::vector<Type> env = inputs;
  RETURN_IF_ERROR(inference.Infer(*body, env, output));
  Builder builder(inference, inference.substitution(), registry, inputs, input_names);
  return builder.Build(*body);
}

namespace {

void PrintTerm(const Term& t, size_t depth, size_t num_inputs, std::string& out) {
  switch (t.kind()) {
    case TermKind::kVariable:
      StrAppend(&out, "$", depth + num_inputs - 1 - static_cast<size_t>(t.index()));
      return;
    case TermKind::kBoundVar:
      StrAppend(&out, "$", t.index());
      return;
    case TermKind::kConstant:
      out += t.value().ToString();
      return;
    case TermKind::kHole:
      out += t.name();
      return;
    case TermKind::kLambda: {
      const size_t k = t.type().args().size();
      for (size_t i = 0; i < k; ++i) out += "(lambda ";
      PrintTerm(*t.body(), depth + k, num_inputs, out);
      out.append(k, ')');
      return;
    }
    case TermKind::kApply:
      if (t.args().empty()) {
        out += t.op()->name;
        return;
      }
      out += '(';
      if (t.op() != ParameterCall()) out += t.op()->name;
      for (size_t i = 0; i < t.args().size(); ++i) {
        if (i > 0 || t.op() != ParameterCall()) out += ' ';
        PrintTerm(*t.args()[i], depth, num_inputs, out);
      }
      out += ')';
      return;
  }
}

}  // namespace

std::string PrintDreamCoder(const Term& program, size_t num_inputs) {
  std::string out;
  for (size_t i = 0; i < num_inputs; ++i) out += "(lambda ";
  PrintTerm(program, 0, num_inputs, out);
  out.append(num_inputs, ')');
  return out;
}

}  // namespace progsearch
