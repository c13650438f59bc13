#include "verify/z3_encoder.h"

#include <z3_api.h>

#include <charconv>
#include <cstring>

#include "absl/status/status.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/primitive.h"

namespace progsearch {
namespace {

// Macro and synth-fun expansions nest at most this deep (a candidate that calls itself would not end).
constexpr int kMaxExpansionDepth = 256;

absl::Status Unimplemented(std::string_view what) { return absl::UnimplementedError(StrCat(what)); }

// Wraps a C API result, turning a Z3 error into the C++ API's exception (caught in Encode).
z3::expr Wrap(z3::context& ctx, Z3_ast r) {
  ctx.check_error();
  return z3::expr(ctx, r);
}

using BvBinary = Z3_ast (*)(Z3_context, Z3_ast, Z3_ast);

struct BvOp {
  const char* name;
  BvBinary fn;
};
// Bit-vector operators of two arguments, Z3's constructors following SMT-LIB (division by zero too).
constexpr BvOp kBvOps[] = {
    {"bvand", Z3_mk_bvand},   {"bvor", Z3_mk_bvor},     {"bvxor", Z3_mk_bvxor},   {"bvnand", Z3_mk_bvnand},
    {"bvnor", Z3_mk_bvnor},   {"bvxnor", Z3_mk_bvxnor}, {"bvadd", Z3_mk_bvadd},   {"bvsub", Z3_mk_bvsub},
    {"bvmul", Z3_mk_bvmul},   {"bvudiv", Z3_mk_bvudiv}, {"bvurem", Z3_mk_bvurem}, {"bvsdiv", Z3_mk_bvsdiv},
    {"bvsrem", Z3_mk_bvsrem}, {"bvsmod", Z3_mk_bvsmod}, {"bvshl", Z3_mk_bvshl},   {"bvlshr", Z3_mk_bvlshr},
    {"bvashr", Z3_mk_bvashr}, {"bvult", Z3_mk_bvult},   {"bvule", Z3_mk_bvule},   {"bvugt", Z3_mk_bvugt},
    {"bvuge", Z3_mk_bvuge},   {"bvslt", Z3_mk_bvslt},   {"bvsle", Z3_mk_bvsle},   {"bvsgt", Z3_mk_bvsgt},
    {"bvsge", Z3_mk_bvsge},
};

bool SortsAre(const std::vector<z3::expr>& args, bool (z3::expr::*is)() const) {
  for (const z3::expr& a : args) {
    if (!(a.*is)()) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<z3::sort> Z3Sort(z3::context& ctx, const Type& type) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return ctx.int_sort();
    case TypeKind::kBool:
      return ctx.bool_sort();
    case TypeKind::kString:
      return ctx.string_sort();
    case TypeKind::kBitVec:
      return ctx.bv_sort(static_cast<unsigned>(type.width()));
    default:
      return Unimplemented(StrCat("no Z3 encoding for type ", type.ToString()));
  }
}

absl::StatusOr<z3::expr> ValueToZ3(z3::context& ctx, const Value& value) {
  const Type& type = value.type();
  try {
    switch (type.kind()) {
      case TypeKind::kInt:
        return ctx.int_val(value.as_int());
      case TypeKind::kBool:
        return ctx.bool_val(value.as_bool());
      case TypeKind::kBitVec:
        return ctx.bv_val(value.as_bits(), static_cast<unsigned>(type.width()));
      case TypeKind::kString: {
        // Z3_mk_lstring takes the bytes unescaped: byte b becomes the character with code point b.
        const std::string& s = value.as_string();
        return Wrap(ctx, Z3_mk_lstring(ctx, static_cast<unsigned>(s.size()), s.data()));
      }
      default:
        break;
    }
  } catch (const z3::exception& e) {
    return absl::InternalError(StrCat("Z3: ", e.msg()));
  }
  return Unimplemented(StrCat("no Z3 encoding for a ", type.ToString(), " value"));
}

absl::StatusOr<Value> ValueFromZ3(const z3::expr& e, const Type& type) {
  z3::context& ctx = e.ctx();
  try {
    switch (type.kind()) {
      case TypeKind::kBool:
        if (e.is_true()) return Value::Bool(true);
        if (e.is_false()) return Value::Bool(false);
        break;
      case TypeKind::kInt: {
        if (!e.is_int() || !e.is_numeral()) break;
        int64_t v;
        if (Z3_get_numeral_int64(ctx, e, &v)) return Value::Int(v);
        return absl::OutOfRangeError(StrCat("Z3 integer ", e.get_decimal_string(0), " does not fit in int64"));
      }
      case TypeKind::kBitVec: {
        if (!e.is_bv() || !e.is_numeral() || e.get_sort().bv_size() != static_cast<unsigned>(type.width())) break;
        uint64_t v;
        if (Z3_get_numeral_uint64(ctx, e, &v)) return Value::BitVec(type, v);
        // Z3_get_numeral_uint64 covers every width up to 64; parse the decimal string just in case.
        const std::string digits = e.get_decimal_string(0);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec != std::errc() || p != digits.data() + digits.size()) break;
        return Value::BitVec(type, v);
      }
      case TypeKind::kString: {
        if (!e.is_string_value()) break;
        // Z3_get_lstring returns the characters unescaped; a character above 255 has no byte, and some
        // Z3 versions print it as an escape sequence instead. Re-encoding the bytes must give back the
        // very same literal (Z3 shares equal terms), which rules both out.
        std::string s = e.get_string();
        z3::expr back = Wrap(ctx, Z3_mk_lstring(ctx, static_cast<unsigned>(s.size()), s.data()));
        if (!z3::eq(back, e)) {
          return absl::OutOfRangeError(StrCat("Z3 string ", e.to_string(), " has characters outside 0..255"));
        }
        return Value::String(std::move(s));
      }
      default:
        return Unimplemented(StrCat("no Z3 encoding for type ", type.ToString()));
    }
  } catch (const z3::exception& ex) {
    return absl::InternalError(StrCat("Z3: ", ex.msg()));
  }
  return absl::InvalidArgumentError(StrCat("Z3 expression ", e.to_string(), " is not a ", type.ToString(), " value"));
}

Z3Encoder::Z3Encoder(z3::context& ctx, std::vector<Declaration> variables, const SynthBindings* bindings)
    : ctx_(&ctx), declarations_(std::move(variables)), bindings_(bindings) {
  for (const Declaration& d : declarations_) {
    absl::StatusOr<z3::sort> sort = Z3Sort(ctx, d.type);
    variable_ok_.push_back(sort.ok());
    variables_.push_back(sort.ok() ? ctx.constant(d.name.c_str(), *sort) : ctx.bool_val(false));
  }
}

absl::StatusOr<z3::expr> Z3Encoder::Encode(const Term& term) {
  try {
    return EncodeIn(term, variables_, 0);
  } catch (const z3::exception& e) {
    return absl::InternalError(StrCat("Z3: ", e.msg()));
  }
}

absl::StatusOr<z3::func_decl> Z3Encoder::ParsedDecl(const std::string& name) {
  for (const auto& [n, decl] : parsed_decls_) {
    if (n == name) return decl;
  }
  std::string script;
  if (name == "str.replace_all") {
    script =
        "(declare-const a String)(declare-const b String)(declare-const c String)"
        "(assert (= a (str.replace_all a b c)))";
  } else if (name == "str.is_digit") {
    script = "(declare-const a String)(assert (= (str.is_digit a) true))";
  } else {
    return Unimplemented(StrCat("no parsed Z3 declaration for '", name, "'"));
  }
  try {
    z3::expr_vector assertions = ctx_->parse_string(script.c_str());
    z3::func_decl decl = assertions[0].arg(name == "str.is_digit" ? 0 : 1).decl();
    parsed_decls_.emplace_back(name, decl);
    return decl;
  } catch (const z3::exception& e) {
    return Unimplemented(StrCat("this Z3 does not know '", name, "': ", e.msg()));
  }
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeIn(const Term& term, const std::vector<z3::expr>& env, int depth) {
  z3::context& ctx = *ctx_;
  switch (term.kind()) {
    case TermKind::kConstant:
      return ValueToZ3(ctx, term.value());
    case TermKind::kVariable: {
      const int i = term.index();
      if (i < 0 || static_cast<size_t>(i) >= env.size()) {
        return absl::InvalidArgumentError(StrCat("variable '", term.name(), "' (#", i, ") is not in scope"));
      }
      // At the top level only declared variables of encodable types are usable.
      if (&env == &variables_ && !variable_ok_[i]) {
        return Unimplemented(
            StrCat("no Z3 encoding for variable '", term.name(), "' of type ", term.type().ToString()));
      }
      ASSIGN_OR_RETURN(z3::sort sort, Z3Sort(ctx, term.type()));
      if (!z3::eq(env[i].get_sort(), sort)) {
        return absl::InvalidArgumentError(StrCat("variable '", term.name(), "' is ", term.type().ToString(),
                                                 " but is bound to a Z3 ", env[i].get_sort().to_string()));
      }
      return env[i];
    }
    case TermKind::kHole:
      return Unimplemented(StrCat("grammar non-terminal '", term.name(), "' is not a program"));
    case TermKind::kLambda:
    case TermKind::kBoundVar:
      return Unimplemented("lambdas have no Z3 encoding");
    case TermKind::kApply:
      break;
  }
  const Primitive& op = *term.op();
  std::vector<z3::expr> args;
  args.reserve(term.args().size());
  for (const TermPtr& a : term.args()) {
    ASSIGN_OR_RETURN(z3::expr e, EncodeIn(*a, env, depth));
    args.push_back(std::move(e));
  }
  switch (op.kind) {
    case PrimitiveKind::kMacro:
      if (depth >= kMaxExpansionDepth) return absl::InvalidArgumentError("macro expansion nests too deep");
      return EncodeIn(*op.body, args, depth + 1);
    case PrimitiveKind::kSynthFun:
      if (bindings_ != nullptr) {
        if (auto it = bindings_->find(&op); it != bindings_->end()) {
          if (depth >= kMaxExpansionDepth) return absl::InvalidArgumentError("synth-fun expansion nests too deep");
          return EncodeIn(*it->second, args, depth + 1);
        }
      }
      if (uninterpreted_) {
        z3::sort_vector domain(*ctx_);
        for (const Type& t : op.arg_types) {
          ASSIGN_OR_RETURN(z3::sort sort, Z3Sort(*ctx_, t));
          domain.push_back(sort);
        }
        ASSIGN_OR_RETURN(z3::sort range, Z3Sort(*ctx_, op.result));
        z3::expr_vector actuals(*ctx_);
        for (const z3::expr& a : args) actuals.push_back(a);
        return ctx_->function(op.name.c_str(), domain, range)(actuals);
      }
      return Unimplemented(StrCat("'", op.name, "' is the function to synthesize; it has no body"));
    case PrimitiveKind::kBuiltin:
      break;
  }
  // Every argument and the result must have a sort (this rules out the Float overloads of + < ite ...).
  for (const Type& t : op.arg_types) RETURN_IF_ERROR(Z3Sort(ctx, t).status());
  RETURN_IF_ERROR(Z3Sort(ctx, op.result).status());
  if (args.size() != op.arg_types.size()) {
    return absl::InvalidArgumentError(StrCat("'", op.name, "' applied to ", args.size(), " arguments"));
  }
  return EncodeBuiltin(op, args);
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeBuiltin(const Primitive& op, const std::vector<z3::expr>& a) {
  z3::context& ctx = *ctx_;
  const std::string& name = op.name;
  const size_t n = a.size();
  auto fold = [&a](auto f) {
    z3::expr r = a[0];
    for (size_t i = 1; i < a.size(); ++i) r = f(r, a[i]);
    return r;
  };
  auto bad_arity = [&]() { return absl::InvalidArgumentError(StrCat("'", name, "' does not take ", n, " arguments")); };

  // SMT-LIB core.
  if (name == "ite") {
    if (n != 3) return bad_arity();
    return z3::ite(a[0], a[1], a[2]);
  }
  if (name == "=") {
    if (n < 2) return bad_arity();
    z3::expr r = a[0] == a[1];
    for (size_t i = 2; i < n; ++i) r = r && a[i - 1] == a[i];
    return r;
  }
  if (name == "distinct") {
    if (n < 2) return bad_arity();
    z3::expr_vector v(ctx);
    for (const z3::expr& e : a) v.push_back(e);
    return z3::distinct(v);
  }
  if (name == "and" || name == "or") {
    if (n < 1) return bad_arity();
    if (!SortsAre(a, &z3::expr::is_bool)) return absl::InvalidArgumentError(StrCat("'", name, "' on non-Booleans"));
    z3::expr_vector v(ctx);
    for (const z3::expr& e : a) v.push_back(e);
    return name == "and" ? z3::mk_and(v) : z3::mk_or(v);
  }
  if (name == "not") {
    if (n != 1) return bad_arity();
    return !a[0];
  }
  if (name == "xor") {
    if (n != 2) return bad_arity();
    return Wrap(ctx, Z3_mk_xor(ctx, a[0], a[1]));
  }
  if (name == "=>") {
    if (n != 2) return bad_arity();
    return z3::implies(a[0], a[1]);
  }

  // Bit-vectors.
  if (name.starts_with("bv")) {
    if (!SortsAre(a, &z3::expr::is_bv)) return Unimplemented(StrCat("'", name, "' on non-bit-vectors"));
    if (name == "bvnot" || name == "bvneg") {
      if (n != 1) return bad_arity();
      return Wrap(ctx, name == "bvnot" ? Z3_mk_bvnot(ctx, a[0]) : Z3_mk_bvneg(ctx, a[0]));
    }
    for (const BvOp& b : kBvOps) {
      if (name == b.name) {
        if (n != 2) return bad_arity();
        return Wrap(ctx, b.fn(ctx, a[0], a[1]));
      }
    }
    return Unimplemented(StrCat("no Z3 encoding for '", name, "'"));
  }

  // Strings.
  if (name.starts_with("str.")) {
    if (name == "str.++") {
      if (n < 1) return bad_arity();
      std::vector<Z3_ast> asts(a.begin(), a.end());
      return Wrap(ctx, Z3_mk_seq_concat(ctx, static_cast<unsigned>(n), asts.data()));
    }
    if (name == "str.len" && n == 1) return a[0].length();
    if (name == "str.at" && n == 2) return a[0].at(a[1]);
    if (name == "str.substr" && n == 3) return a[0].extract(a[1], a[2]);
    if (name == "str.indexof" && n == 3) return z3::indexof(a[0], a[1], a[2]);
    if (name == "str.replace" && n == 3) return a[0].replace(a[1], a[2]);
    // (str.prefixof s t): s is a prefix of t; Z3_mk_seq_prefix takes (prefix, s) in the same order.
    if (name == "str.prefixof" && n == 2) return z3::prefixof(a[0], a[1]);
    if (name == "str.suffixof" && n == 2) return z3::suffixof(a[0], a[1]);
    // (str.contains s t): t occurs in s; Z3_mk_seq_contains takes (container, containee).
    if (name == "str.contains" && n == 2) return a[0].contains(a[1]);
    if (name == "str.<" && n == 2) return Wrap(ctx, Z3_mk_str_lt(ctx, a[0], a[1]));
    if (name == "str.<=" && n == 2) return Wrap(ctx, Z3_mk_str_le(ctx, a[0], a[1]));
    if (name == "str.to_int" && n == 1) return a[0].stoi();
    if (name == "str.from_int" && n == 1) return a[0].itos();
    if ((name == "str.replace_all" && n == 3) || (name == "str.is_digit" && n == 1)) {
      ASSIGN_OR_RETURN(z3::func_decl decl, ParsedDecl(name));
      z3::expr_vector v(ctx);
      for (const z3::expr& e : a) v.push_back(e);
      return decl(v);
    }
    return Unimplemented(StrCat("no Z3 encoding for '", name, "' with ", n, " arguments"));
  }

  // Integer arithmetic (Float overloads were rejected by the caller's sort check).
  if (!SortsAre(a, &z3::expr::is_int)) return Unimplemented(StrCat("no Z3 encoding for '", name, "'"));
  if (name == "+") return fold([](const z3::expr& x, const z3::expr& y) { return x + y; });
  if (name == "-") {
    if (n == 1) return -a[0];
    return fold([](const z3::expr& x, const z3::expr& y) { return x - y; });
  }
  if (name == "*") return fold([](const z3::expr& x, const z3::expr& y) { return x * y; });
  if (name == "div" || name == "mod") {
    if (n != 2) return bad_arity();
    // SMT-LIB leaves division by zero unspecified (Z3 treats it as an uninterpreted function); the
    // interpreter fixes (div x 0) = 0 and (mod x 0) = x, so we say so explicitly.
    z3::expr zero = ctx.int_val(0);
    if (name == "div") return z3::ite(a[1] == zero, zero, a[0] / a[1]);
    return z3::ite(a[1] == zero, a[0], z3::mod(a[0], a[1]));
  }
  if (name == "abs") {
    if (n != 1) return bad_arity();
    return z3::ite(a[0] >= ctx.int_val(0), a[0], -a[0]);
  }
  if (n == 2) {
    if (name == "<") return a[0] < a[1];
    if (name == "<=") return a[0] <= a[1];
    if (name == ">") return a[0] > a[1];
    if (name == ">=") return a[0] >= a[1];
  }
  return Unimplemented(StrCat("no Z3 encoding for '", name, "' with ", n, " arguments"));
}

absl::StatusOr<Value> EvaluateWithZ3(const z3::expr& e, const Type& type, bool* used_solver,
                                     unsigned solver_timeout_ms) {
  if (used_solver != nullptr) *used_solver = false;
  z3::context& ctx = e.ctx();
  try {
    z3::expr simplified = e.simplify();
    absl::StatusOr<Value> v = ValueFromZ3(simplified, type);
    if (v.ok() || !absl::IsInvalidArgument(v.status())) return v;
    if (used_solver != nullptr) *used_solver = true;
    z3::solver solver(ctx);
    z3::params p(ctx);
    p.set("timeout", solver_timeout_ms);
    solver.set(p);
    z3::expr k = Wrap(ctx, Z3_mk_fresh_const(ctx, "progsearch_value", e.get_sort()));
    solver.add(k == e);
    switch (solver.check()) {
      case z3::sat:
        break;
      case z3::unsat:
        return absl::InternalError(StrCat("Z3 found no value for ", e.to_string()));
      case z3::unknown:
        return absl::DeadlineExceededError(StrCat("Z3 gave up on ", e.to_string(), ": ", solver.reason_unknown()));
    }
    return ValueFromZ3(solver.get_model().eval(k, true), type);
  } catch (const z3::exception& ex) {
    return absl::InternalError(StrCat("Z3: ", ex.msg()));
  }
}

}  // namespace progsearch
