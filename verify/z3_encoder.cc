#include "verify/z3_encoder.h"

#include <z3_api.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/utf8.h"
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

// The arguments folded left to right with `f`: SMT-LIB's n-ary + - * read as binary operations.
template <typename F>
z3::expr Fold(const std::vector<z3::expr>& a, F f) {
  z3::expr r = a[0];
  for (size_t i = 1; i < a.size(); ++i) r = f(r, a[i]);
  return r;
}

z3::sort FloatSort(z3::context& ctx, FloatEncoding encoding) {
  switch (encoding) {
    case FloatEncoding::kFloat32:
      return ctx.fpa_sort(8, 24);
    case FloatEncoding::kReal:
      return ctx.real_sort();
    case FloatEncoding::kFloat64:
      break;
  }
  return ctx.fpa_sort(11, 53);
}

// The rounding mode of every FP operation: C's default, which the interpreter and float32_check run under.
z3::expr Rne(z3::context& ctx) { return Wrap(ctx, Z3_mk_fpa_rne(ctx)); }

// The exact rational value of a finite double. Z3's fp.to_real of a numeral folds to a rational numeral,
// which spares us arbitrary-precision arithmetic for denominators up to 2^1074.
absl::StatusOr<z3::expr> ExactReal(z3::context& ctx, double v) {
  if (!std::isfinite(v)) {
    return Unimplemented(StrCat("the Float ", Value::Float(v).ToString(), " has no value in the Real encoding"));
  }
  z3::expr fp = Wrap(ctx, Z3_mk_fpa_numeral_double(ctx, v, ctx.fpa_sort(11, 53)));
  z3::expr r = Wrap(ctx, Z3_mk_fpa_to_real(ctx, fp)).simplify();
  if (!r.is_numeral()) return absl::InternalError(StrCat("Z3 did not fold ", r.to_string(), " to a rational"));
  return r;
}

absl::StatusOr<z3::expr> FloatToZ3(z3::context& ctx, double v, FloatEncoding encoding) {
  if (encoding == FloatEncoding::kReal) return ExactReal(ctx, v);
  const z3::sort sort = FloatSort(ctx, encoding);
  if (std::isnan(v)) return Wrap(ctx, Z3_mk_fpa_nan(ctx, sort));
  if (encoding == FloatEncoding::kFloat32) return Wrap(ctx, Z3_mk_fpa_numeral_float(ctx, static_cast<float>(v), sort));
  return Wrap(ctx, Z3_mk_fpa_numeral_double(ctx, v, sort));
}

// Whether `e` is an FP literal: a numeral, a named special value, or (fp sign exponent significand) over
// bit-vector numerals, the form models use. Anything else (a variable, an operation) is not a value yet.
bool IsFpLiteral(const z3::expr& e) {
  if (!e.is_app()) return false;
  switch (e.decl().decl_kind()) {
    case Z3_OP_FPA_NUM:
    case Z3_OP_FPA_PLUS_INF:
    case Z3_OP_FPA_MINUS_INF:
    case Z3_OP_FPA_NAN:
    case Z3_OP_FPA_PLUS_ZERO:
    case Z3_OP_FPA_MINUS_ZERO:
      return true;
    case Z3_OP_FPA_FP:
      return e.num_args() == 3 && e.arg(0).is_numeral() && e.arg(1).is_numeral() && e.arg(2).is_numeral();
    default:
      return false;
  }
}

// A Float64 or Float32 literal as a double, bit for bit: its IEEE bits are what fp.to_ieee_bv folds to
// (NaN excepted, whose bits SMT-LIB leaves open; the interpreter does not tell NaNs apart either).
std::optional<double> FpLiteralToDouble(z3::context& ctx, const z3::expr& e) {
  const unsigned ebits = e.get_sort().fpa_ebits(), sbits = e.get_sort().fpa_sbits();
  const bool is64 = ebits == 11 && sbits == 53, is32 = ebits == 8 && sbits == 24;
  if ((!is64 && !is32) || !IsFpLiteral(e)) return std::nullopt;
  z3::expr nan = Wrap(ctx, Z3_mk_fpa_is_nan(ctx, e)).simplify();
  if (nan.is_true()) return std::numeric_limits<double>::quiet_NaN();
  z3::expr bits = Wrap(ctx, Z3_mk_fpa_to_ieee_bv(ctx, e)).simplify();
  uint64_t b;
  if (!nan.is_false() || !bits.is_numeral() || !Z3_get_numeral_uint64(ctx, bits, &b)) return std::nullopt;
  if (is32) return static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(b)));
  return std::bit_cast<double>(b);
}

// The double nearest to a rational numeral, ties to even: Z3's own to_fp conversion, folded.
std::optional<double> NearestDouble(z3::context& ctx, const z3::expr& rational) {
  z3::expr fp = Wrap(ctx, Z3_mk_fpa_to_fp_real(ctx, Rne(ctx), rational, ctx.fpa_sort(11, 53))).simplify();
  return FpLiteralToDouble(ctx, fp);
}

// An irrational algebraic number lies strictly inside Z3's rational bounds, so once both bounds round to
// the same double so does the number (rounding is monotone); it is never a tie, since ties are rational.
// Narrower bounds are needed only near a rounding boundary or for tiny magnitudes (digits are absolute).
std::optional<double> NearestDoubleToAlgebraic(z3::context& ctx, const z3::expr& e) {
  for (unsigned digits = 32; digits <= 4096; digits *= 2) {
    z3::expr lo = Wrap(ctx, Z3_get_algebraic_number_lower(ctx, e, digits));
    z3::expr hi = Wrap(ctx, Z3_get_algebraic_number_upper(ctx, e, digits));
    std::optional<double> a = NearestDouble(ctx, lo), b = NearestDouble(ctx, hi);
    if (!a || !b) return std::nullopt;
    if (std::bit_cast<uint64_t>(*a) == std::bit_cast<uint64_t>(*b)) return a;
  }
  return std::nullopt;
}

absl::StatusOr<Value> FloatFromZ3(z3::context& ctx, const z3::expr& e) {
  std::optional<double> v;
  if (e.is_fpa()) {
    v = FpLiteralToDouble(ctx, e);
  } else if (e.is_real()) {
    if (e.is_numeral()) {
      v = NearestDouble(ctx, e);
    } else if (Z3_is_algebraic_number(ctx, e)) {
      v = NearestDoubleToAlgebraic(ctx, e);
    }
  }
  if (!v) return absl::InvalidArgumentError(StrCat("Z3 expression ", e.to_string(), " is not a Float value"));
  return Value::Float(*v);
}

// The sign of the zero std::fmin / std::fmax return for zeros of opposite signs is left open by C (and
// SMT-LIB's fp.min / fp.max leave it open too); implementations differ (glibc returns the first operand,
// musl the "right" zero). We ask the interpreter's own kernel, so the encoding agrees with it wherever it runs.
// Float32 reuses the double kernel's answer: C libraries implement fminf / fmaxf the same way.
struct SignedZeroChoice {
  bool negative_for_pos_neg;  // sign of op(+0, -0)
  bool negative_for_neg_pos;  // sign of op(-0, +0)
};

absl::StatusOr<SignedZeroChoice> AskKernelAboutZeros(const Primitive& op) {
  if (op.kernel == nullptr) return absl::InternalError(StrCat("'", op.name, "' has no kernel"));
  // The answer depends on the kernel alone: ask once, not at every fmin / fmax node encoded.
  static std::mutex mutex;
  static absl::flat_hash_map<Kernel, SignedZeroChoice> known;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = known.find(op.kernel); it != known.end()) return it->second;
  const std::vector<Value> xs = {Value::Float(0.0), Value::Float(-0.0)};
  const std::vector<Value> ys = {Value::Float(-0.0), Value::Float(0.0)};
  const ValueColumn x = ValueColumn::FromValues(Type::Float(), xs), y = ValueColumn::FromValues(Type::Float(), ys);
  ValueColumn out(Type::Float(), 2);
  EvalContext eval;
  const ValueColumn* const args[] = {&x, &y};
  op.kernel(std::span<const ValueColumn* const>(args, 2), out, eval);
  return known[op.kernel] = SignedZeroChoice{std::signbit(out.floats()[0]), std::signbit(out.floats()[1])};
}

// A Z3 string literal of a held (UTF-8) string. Z3_mk_string reads SMT-LIB escapes, so every character
// outside printable ASCII, and the backslash, goes in as \u{X}; Z3_mk_lstring would take bytes as characters.
z3::expr StringToZ3(z3::context& ctx, std::string_view text) {
  return Wrap(ctx, Z3_mk_string(ctx, EscapeString(text).c_str()));
}

// The characters of a Z3 string literal. Z3_get_string escapes characters outside printable ASCII as
// \u{X} but leaves a backslash bare, so text with a backslash is ambiguous; it is read one character at
// a time then (a one-character literal is either that character or one escape). Re-encoding must give
// back the very same literal (Z3 shares equal terms), which guards against any other surprise.
absl::StatusOr<Value> StringFromZ3(const z3::expr& e) {
  z3::context& ctx = e.ctx();
  auto decode_unit = [](std::string_view unit) -> std::optional<char32_t> {
    if (unit.size() == 1) return static_cast<unsigned char>(unit[0]);
    if (unit.size() < 5 || !unit.starts_with("\\u{") || !unit.ends_with("}")) return std::nullopt;
    uint32_t code = 0;
    auto [p, ec] = std::from_chars(unit.data() + 3, unit.data() + unit.size() - 1, code, 16);
    if (ec != std::errc() || p != unit.data() + unit.size() - 1) return std::nullopt;
    return static_cast<char32_t>(code);
  };
  const std::string printed = Z3_get_string(ctx, e);
  std::string text;
  if (printed.find('\\') == std::string::npos) {
    text = printed;
  } else {
    const z3::expr length = Wrap(ctx, Z3_mk_seq_length(ctx, e)).simplify();
    int64_t n = 0;
    if (!Z3_get_numeral_int64(ctx, length, &n)) return absl::InternalError("Z3 gave no length for a string literal");
    for (int64_t i = 0; i < n; ++i) {
      const z3::expr unit = Wrap(ctx, Z3_mk_seq_at(ctx, e, ctx.int_val(i))).simplify();
      std::optional<char32_t> c = unit.is_string_value() ? decode_unit(Z3_get_string(ctx, unit)) : std::nullopt;
      if (!c) return absl::InternalError(StrCat("cannot read character ", i, " of Z3 string ", e.to_string()));
      AppendUtf8(*c, text);
    }
  }
  if (!IsEngineString(text, /*allow_surrogates=*/true)) {
    return absl::OutOfRangeError(StrCat("Z3 string ", e.to_string(), " has characters beyond U+2FFFF"));
  }
  if (!z3::eq(StringToZ3(ctx, text), e)) {
    return absl::InternalError(StrCat("Z3 string ", e.to_string(), " did not read back as itself"));
  }
  return Value::String(std::move(text));
}

}  // namespace

const char* FloatEncodingName(FloatEncoding encoding) {
  switch (encoding) {
    case FloatEncoding::kFloat64:
      return "Float64";
    case FloatEncoding::kFloat32:
      return "Float32";
    case FloatEncoding::kReal:
      return "Real";
  }
  return "?";
}

absl::StatusOr<z3::sort> Z3Sort(z3::context& ctx, const Type& type, FloatEncoding float_encoding) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return ctx.int_sort();
    case TypeKind::kBool:
      return ctx.bool_sort();
    case TypeKind::kString:
      return ctx.string_sort();
    case TypeKind::kBitVec:
      return ctx.bv_sort(static_cast<unsigned>(type.width()));
    case TypeKind::kFloat:
      return FloatSort(ctx, float_encoding);
    default:
      return Unimplemented(StrCat("no Z3 encoding for type ", type.ToString()));
  }
}

absl::StatusOr<z3::expr> ValueToZ3(z3::context& ctx, const Value& value, FloatEncoding float_encoding) {
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
        return StringToZ3(ctx, value.as_string());
      }
      case TypeKind::kFloat:
        return FloatToZ3(ctx, value.as_float(), float_encoding);
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
        return StringFromZ3(e);
      }
      case TypeKind::kFloat:
        return FloatFromZ3(ctx, e);
      default:
        return Unimplemented(StrCat("no Z3 encoding for type ", type.ToString()));
    }
  } catch (const z3::exception& ex) {
    return absl::InternalError(StrCat("Z3: ", ex.msg()));
  }
  return absl::InvalidArgumentError(StrCat("Z3 expression ", e.to_string(), " is not a ", type.ToString(), " value"));
}

Z3Encoder::Z3Encoder(z3::context& ctx, std::vector<Declaration> variables, const SynthBindings* bindings,
                     FloatEncoding float_encoding)
    : ctx_(&ctx), declarations_(std::move(variables)), bindings_(bindings), float_encoding_(float_encoding) {
  for (const Declaration& d : declarations_) {
    absl::StatusOr<z3::sort> sort = Z3Sort(ctx, d.type, float_encoding_);
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

absl::StatusOr<z3::func_decl> Z3Encoder::UninterpretedDecl(const Primitive& op) {
  for (const auto& [known, decl] : synth_decls_) {
    if (known == &op) return decl;
  }
  z3::sort_vector domain(*ctx_);
  for (const Type& t : op.arg_types) {
    ASSIGN_OR_RETURN(z3::sort sort, Z3Sort(*ctx_, t, float_encoding_));
    domain.push_back(sort);
  }
  ASSIGN_OR_RETURN(z3::sort range, Z3Sort(*ctx_, op.result, float_encoding_));
  z3::func_decl decl = ctx_->function(op.name.c_str(), domain, range);
  synth_decls_.emplace_back(&op, decl);
  return decl;
}

absl::StatusOr<std::vector<Value>> Z3Encoder::ValuesIn(const z3::model& model) const {
  std::vector<Value> values;
  for (size_t i = 0; i < declarations_.size(); ++i) {
    // model_completion: a variable the model leaves open still gets a value.
    ASSIGN_OR_RETURN(Value v, ValueFromZ3(model.eval(variables_[i], true), declarations_[i].type));
    values.push_back(std::move(v));
  }
  return values;
}

absl::StatusOr<z3::func_decl> Z3Encoder::ParsedDecl(StringOp op) {
  for (const auto& [known, decl] : parsed_decls_) {
    if (known == op) return decl;
  }
  const std::string name(OpName(op));
  std::string script;
  int arg = 0;  // which argument of the asserted term is the application
  if (op == StringOp::kReplaceAll) {
    script =
        "(declare-const a String)(declare-const b String)(declare-const c String)"
        "(assert (= a (str.replace_all a b c)))";
    arg = 1;
  } else if (op == StringOp::kIsDigit) {
    script = "(declare-const a String)(assert (= (str.is_digit a) true))";
  } else {
    return Unimplemented(StrCat("no parsed Z3 declaration for '", name, "'"));
  }
  try {
    z3::expr_vector assertions = ctx_->parse_string(script.c_str());
    z3::func_decl decl = assertions[0].arg(arg).decl();
    parsed_decls_.emplace_back(op, decl);
    return decl;
  } catch (const z3::exception& e) {
    return Unimplemented(StrCat("this Z3 does not know '", name, "': ", e.msg()));
  }
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeIn(const Term& term, const std::vector<z3::expr>& env, int depth) {
  z3::context& ctx = *ctx_;
  switch (term.kind()) {
    case TermKind::kConstant:
      return ValueToZ3(ctx, term.value(), float_encoding_);
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
      ASSIGN_OR_RETURN(z3::sort sort, Z3Sort(ctx, term.type(), float_encoding_));
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
        ASSIGN_OR_RETURN(z3::func_decl decl, UninterpretedDecl(op));
        z3::expr_vector actuals(*ctx_);
        for (const z3::expr& a : args) actuals.push_back(a);
        return decl(actuals);
      }
      return Unimplemented(StrCat("'", op.name, "' is the function to synthesize; it has no body"));
    case PrimitiveKind::kBuiltin:
      break;
  }
  // Every argument and the result must have a sort (this rules out list operators).
  for (const Type& t : op.arg_types) RETURN_IF_ERROR(Z3Sort(ctx, t, float_encoding_).status());
  RETURN_IF_ERROR(Z3Sort(ctx, op.result, float_encoding_).status());
  if (args.size() != op.arg_types.size()) {
    return absl::InvalidArgumentError(StrCat("'", op.name, "' applied to ", args.size(), " arguments"));
  }
  return EncodeBuiltin(op, args);
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeBuiltin(const Primitive& op, const std::vector<z3::expr>& a) {
  // The registry instantiated `op` at these argument types, so each operator's arity is its signature's.
  return std::visit(
      Overloaded{
          [&](std::monostate) -> absl::StatusOr<z3::expr> {
            return Unimplemented(StrCat("no Z3 encoding for '", op.name, "': it is not a built-in operator"));
          },
          [&](CoreOp o) { return EncodeCore(o, a); },
          [&](IntOp o) { return EncodeInt(o, a); },
          [&](StringOp o) { return EncodeString(o, a); },
          [&](BitVecOp o) { return EncodeBitVec(o, a); },
          [&](FloatOp o) { return EncodeFloat(op, o, a); },
          [&](SheetOp) -> absl::StatusOr<z3::expr> {
            return Unimplemented(
                StrCat("no Z3 encoding for '", op.name, "': spreadsheet functions are not SMT-LIB operators"));
          },
      },
      op.opcode);
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeCore(CoreOp op, const std::vector<z3::expr>& a) {
  z3::context& ctx = *ctx_;
  auto all = [&] {
    z3::expr_vector v(ctx);
    for (const z3::expr& e : a) v.push_back(e);
    return v;
  };
  switch (op) {
    case CoreOp::kIte:
      return z3::ite(a[0], a[1], a[2]);
    case CoreOp::kEqual: {
      z3::expr r = a[0] == a[1];
      for (size_t i = 2; i < a.size(); ++i) r = r && a[i - 1] == a[i];
      return r;
    }
    case CoreOp::kDistinct:
      return z3::distinct(all());
    case CoreOp::kAnd:
      return z3::mk_and(all());
    case CoreOp::kOr:
      return z3::mk_or(all());
    case CoreOp::kNot:
      return !a[0];
    case CoreOp::kXor:
      return Wrap(ctx, Z3_mk_xor(ctx, a[0], a[1]));
    case CoreOp::kImplies:
      return z3::implies(a[0], a[1]);
  }
  return Unimplemented(StrCat("no Z3 encoding for '", OpName(op), "'"));
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeInt(IntOp op, const std::vector<z3::expr>& a) {
  const z3::expr zero = ctx_->int_val(0);
  switch (op) {
    case IntOp::kAdd:
      return Fold(a, [](const z3::expr& x, const z3::expr& y) { return x + y; });
    case IntOp::kSub:
      return Fold(a, [](const z3::expr& x, const z3::expr& y) { return x - y; });
    case IntOp::kMul:
      return Fold(a, [](const z3::expr& x, const z3::expr& y) { return x * y; });
    case IntOp::kNeg:
      return -a[0];
    // SMT-LIB leaves division by zero unspecified (Z3 treats it as an uninterpreted function); the
    // interpreter fixes (div x 0) = 0 and (mod x 0) = x, so we say so explicitly.
    case IntOp::kDiv:
      return z3::ite(a[1] == zero, zero, a[0] / a[1]);
    case IntOp::kMod:
      return z3::ite(a[1] == zero, a[0], z3::mod(a[0], a[1]));
    case IntOp::kAbs:
      return z3::ite(a[0] >= zero, a[0], -a[0]);
    case IntOp::kLt:
      return a[0] < a[1];
    case IntOp::kLe:
      return a[0] <= a[1];
    case IntOp::kGt:
      return a[0] > a[1];
    case IntOp::kGe:
      return a[0] >= a[1];
  }
  return Unimplemented(StrCat("no Z3 encoding for '", OpName(op), "'"));
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeString(StringOp op, const std::vector<z3::expr>& a) {
  z3::context& ctx = *ctx_;
  switch (op) {
    case StringOp::kConcat: {
      std::vector<Z3_ast> asts(a.begin(), a.end());
      return Wrap(ctx, Z3_mk_seq_concat(ctx, static_cast<unsigned>(asts.size()), asts.data()));
    }
    case StringOp::kLength:
      return a[0].length();
    case StringOp::kAt:
      return a[0].at(a[1]);
    case StringOp::kSubstr:
      return a[0].extract(a[1], a[2]);
    case StringOp::kIndexOf:
      return z3::indexof(a[0], a[1], a[2]);
    case StringOp::kReplace:
      return a[0].replace(a[1], a[2]);
    // (str.prefixof s t): s is a prefix of t; Z3_mk_seq_prefix takes (prefix, s) in the same order.
    case StringOp::kPrefixOf:
      return z3::prefixof(a[0], a[1]);
    case StringOp::kSuffixOf:
      return z3::suffixof(a[0], a[1]);
    // (str.contains s t): t occurs in s; Z3_mk_seq_contains takes (container, containee).
    case StringOp::kContains:
      return a[0].contains(a[1]);
    case StringOp::kLt:
      return Wrap(ctx, Z3_mk_str_lt(ctx, a[0], a[1]));
    case StringOp::kLe:
      return Wrap(ctx, Z3_mk_str_le(ctx, a[0], a[1]));
    case StringOp::kToInt:
      return a[0].stoi();
    case StringOp::kFromInt:
      return a[0].itos();
    case StringOp::kReplaceAll:
    case StringOp::kIsDigit: {
      ASSIGN_OR_RETURN(z3::func_decl decl, ParsedDecl(op));
      z3::expr_vector v(ctx);
      for (const z3::expr& e : a) v.push_back(e);
      return decl(v);
    }
  }
  return Unimplemented(StrCat("no Z3 encoding for '", OpName(op), "'"));
}

namespace {

using BvBinary = Z3_ast (*)(Z3_context, Z3_ast, Z3_ast);

// Z3's constructor of a binary bit-vector operator (following SMT-LIB, division by zero included);
// nullptr for the unary ones.
BvBinary BitVecConstructor(BitVecOp op) {
  switch (op) {
    case BitVecOp::kNot:
    case BitVecOp::kNeg:
      return nullptr;
    case BitVecOp::kAnd:
      return Z3_mk_bvand;
    case BitVecOp::kOr:
      return Z3_mk_bvor;
    case BitVecOp::kXor:
      return Z3_mk_bvxor;
    case BitVecOp::kNand:
      return Z3_mk_bvnand;
    case BitVecOp::kNor:
      return Z3_mk_bvnor;
    case BitVecOp::kXnor:
      return Z3_mk_bvxnor;
    case BitVecOp::kAdd:
      return Z3_mk_bvadd;
    case BitVecOp::kSub:
      return Z3_mk_bvsub;
    case BitVecOp::kMul:
      return Z3_mk_bvmul;
    case BitVecOp::kUDiv:
      return Z3_mk_bvudiv;
    case BitVecOp::kURem:
      return Z3_mk_bvurem;
    case BitVecOp::kSDiv:
      return Z3_mk_bvsdiv;
    case BitVecOp::kSRem:
      return Z3_mk_bvsrem;
    case BitVecOp::kSMod:
      return Z3_mk_bvsmod;
    case BitVecOp::kShl:
      return Z3_mk_bvshl;
    case BitVecOp::kLShr:
      return Z3_mk_bvlshr;
    case BitVecOp::kAShr:
      return Z3_mk_bvashr;
    case BitVecOp::kULt:
      return Z3_mk_bvult;
    case BitVecOp::kULe:
      return Z3_mk_bvule;
    case BitVecOp::kUGt:
      return Z3_mk_bvugt;
    case BitVecOp::kUGe:
      return Z3_mk_bvuge;
    case BitVecOp::kSLt:
      return Z3_mk_bvslt;
    case BitVecOp::kSLe:
      return Z3_mk_bvsle;
    case BitVecOp::kSGt:
      return Z3_mk_bvsgt;
    case BitVecOp::kSGe:
      return Z3_mk_bvsge;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<z3::expr> Z3Encoder::EncodeBitVec(BitVecOp op, const std::vector<z3::expr>& a) {
  z3::context& ctx = *ctx_;
  if (op == BitVecOp::kNot) return Wrap(ctx, Z3_mk_bvnot(ctx, a[0]));
  if (op == BitVecOp::kNeg) return Wrap(ctx, Z3_mk_bvneg(ctx, a[0]));
  const BvBinary binary = BitVecConstructor(op);
  if (binary == nullptr) return Unimplemented(StrCat("no Z3 encoding for '", OpName(op), "'"));
  return Wrap(ctx, binary(ctx, a[0], a[1]));
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeFloat(const Primitive& prim, FloatOp op, const std::vector<z3::expr>& a) {
  z3::context& ctx = *ctx_;
  const bool real = float_encoding_ == FloatEncoding::kReal;
  auto unimplemented = [&](std::string_view why) {
    return Unimplemented(StrCat("'", OpName(op), "' has no Z3 encoding in the ", FloatEncodingName(float_encoding_),
                                " encoding: ", why));
  };
  // z3++'s operators pick the FloatingPoint operator (rounding to nearest even, like the interpreter)
  // or the Real one by sort; the comparisons are the interpreter's C comparisons (false on NaN, -0 == +0
  // in FP; plain order in Real).
  switch (op) {
    case FloatOp::kAdd:
      return a[0] + a[1];
    case FloatOp::kSub:
      return a[0] - a[1];
    case FloatOp::kNeg:
      return -a[0];
    case FloatOp::kMul:
      return a[0] * a[1];
    case FloatOp::kAbs:
      return z3::abs(a[0]);
    case FloatOp::kLt:
      return a[0] < a[1];
    case FloatOp::kLe:
      return a[0] <= a[1];
    case FloatOp::kGt:
      return a[0] > a[1];
    case FloatOp::kGe:
      return a[0] >= a[1];
    case FloatOp::kDiv:
      // The interpreter gives an infinity or NaN here, which Reals lack; any other divisor that turns out
      // to be zero gets SMT-LIB's unspecified quotient (see FloatEncoding::kReal).
      if (real && a[1].is_numeral() && z3::eq(a[1], ctx.real_val(0))) return unimplemented("division by the literal 0");
      return a[0] / a[1];
    case FloatOp::kFma:
      if (real) return a[0] * a[1] + a[2];  // one rounding in FP, none in Real
      return Wrap(ctx, Z3_mk_fpa_fma(ctx, Rne(ctx), a[0], a[1], a[2]));
    case FloatOp::kSqrt:
      if (real) return unimplemented("SMT-LIB's Reals have no square root");
      return Wrap(ctx, Z3_mk_fpa_sqrt(ctx, Rne(ctx), a[0]));
    case FloatOp::kMin:
    case FloatOp::kMax:
      if (real) return op == FloatOp::kMin ? z3::ite(a[1] < a[0], a[1], a[0]) : z3::ite(a[1] > a[0], a[1], a[0]);
      return EncodeMinMax(prim, op == FloatOp::kMin, a[0], a[1]);
    case FloatOp::kExp:
    case FloatOp::kExp2:
    case FloatOp::kLog:
    case FloatOp::kLog2:
    case FloatOp::kSin:
    case FloatOp::kCos:
    case FloatOp::kTan:
    case FloatOp::kTanh:
    case FloatOp::kErf:
      return unimplemented(StrCat("SMT-LIB defines no '", OpName(op), "' (transcendental functions have no theory)"));
  }
  return unimplemented("unknown operator");
}

absl::StatusOr<z3::expr> Z3Encoder::EncodeMinMax(const Primitive& prim, bool min, const z3::expr& x,
                                                 const z3::expr& y) {
  z3::context& ctx = *ctx_;
  // C's fmin/fmax: a NaN operand gives the other one. fp.min / fp.max agree except on zeros of opposite
  // signs, which both leave open (Z3 then picks either), so we spell the whole choice out.
  ASSIGN_OR_RETURN(SignedZeroChoice zeros, AskKernelAboutZeros(prim));
  const z3::sort sort = x.get_sort();
  auto zero = [&](bool negative) { return Wrap(ctx, Z3_mk_fpa_zero(ctx, sort, negative)); };
  auto is = [&](Z3_ast (*test)(Z3_context, Z3_ast), const z3::expr& e) { return Wrap(ctx, test(ctx, e)); };
  const z3::expr x_negative = is(Z3_mk_fpa_is_negative, x);
  const z3::expr mixed_zeros =
      is(Z3_mk_fpa_is_zero, x) && is(Z3_mk_fpa_is_zero, y) && x_negative != is(Z3_mk_fpa_is_negative, y);
  const z3::expr zero_result = z3::ite(x_negative, zero(zeros.negative_for_neg_pos), zero(zeros.negative_for_pos_neg));
  // Otherwise equal operands are the same value, so either may be returned.
  const z3::expr ordered = min ? z3::ite(y < x, y, x) : z3::ite(y > x, y, x);
  return z3::ite(is(Z3_mk_fpa_is_nan, x), y,
                 z3::ite(is(Z3_mk_fpa_is_nan, y), x, z3::ite(mixed_zeros, zero_result, ordered)));
}

bool Z3Encodes(const Opcode& op, FloatEncoding float_encoding) {
  return std::visit(Overloaded{
                        [](std::monostate) { return false; },
                        [](CoreOp) { return true; },
                        [](IntOp) { return true; },
                        [](StringOp) { return true; },
                        [](BitVecOp) { return true; },
                        [&](FloatOp o) {
                          if (IsElementary(o)) return false;
                          return !(o == FloatOp::kSqrt && float_encoding == FloatEncoding::kReal);
                        },
                        [](SheetOp) { return false; },
                    },
                    op);
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
