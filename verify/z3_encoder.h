// Z3Encoder: turns progsearch terms into Z3 expressions with exactly the interpreter's semantics, and Z3
// values back into progsearch Values. Used to verify candidates against logical specs and, in tests, as a
// differential oracle for the interpreter's kernels.
//
// Supported: Int, Bool, String, BitVec(1..64) and Float terms built from constants, variables, the
// built-in core / LIA / string / bit-vector / float primitives, define-fun macros (expanded) and synth-fun
// placeholders that have a candidate body bound. Lists, lambdas and grammar holes are Unimplemented, and so
// are the Float operators SMT-LIB lacks (exp, log, sin, ...: see FloatEncoding).
//
// Where SMT-LIB leaves an operation unspecified the encoding pins down the interpreter's choice:
// (div x 0) = 0 and (mod x 0) = x, and fmin / fmax of zeros of opposite signs give the zero the
// interpreter's kernel gives. Everything else is SMT-LIB 2.6, which Z3 implements (bit-vector division by
// zero included). The interpreter's Ints are 64-bit and fail on overflow while Z3's are unbounded, so the
// two agree on every term the interpreter evaluates without an error.
#pragma once

#include <z3++.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/type.h"
#include "core/value.h"
#include "dsl/interpreter.h"
#include "dsl/opcode.h"
#include "dsl/declaration.h"

namespace progsearch {

// How Float (double) terms become Z3 terms. Only kFloat64 keeps the interpreter's semantics; the other
// two answer different questions on purpose.
enum class FloatEncoding {
  // (_ FloatingPoint 11 53) under roundNearestTiesToEven: the interpreter bit for bit. Z3 has one NaN, as
  // the interpreter's `=` has (every NaN equals every NaN); 0.0 and -0.0 stay distinct. One exception:
  // fmin / fmax of a signaling NaN give NaN in the interpreter (glibc follows IEEE 754-2008 minNum) but
  // the other operand here, as for any NaN. Arithmetic never makes a signaling NaN; only a constant or an
  // input with that bit pattern holds one.
  kFloat64,
  // (_ FloatingPoint 8 24), every constant and every operation rounded to float32: the arithmetic
  // approx/float32_check.h evaluates (a program run in C `float`), not the interpreter's, which computes
  // in double. Values come back widened to double, exactly.
  kFloat32,
  // Z3's Real sort: exact arithmetic without rounding, infinities, NaN or signed zeros. Proves what holds
  // in real arithmetic (a property of the formula), not what the interpreter computes. Finite constants
  // encode as the exact rational value of the double; an infinite or NaN constant, sqrt (Reals have no
  // square root in SMT-LIB) and division by the literal 0 are Unimplemented. Division by any other
  // zero-valued term is SMT-LIB's: its value is left open, so a proof holds whatever x/0 is.
  kReal,
};
const char* FloatEncodingName(FloatEncoding encoding);

// The Z3 sort of a type: Int, Bool, String, (_ BitVec w), and for Float the sort `float_encoding` says.
// Unimplemented for the rest.
absl::StatusOr<z3::sort> Z3Sort(z3::context& ctx, const Type& type,
                                FloatEncoding float_encoding = FloatEncoding::kFloat64);

// A Z3 literal for a Value of a supported type (strings character for character: the held UTF-8 is
// decoded, and a character outside printable ASCII goes in as an SMT-LIB \u{X} escape). Floats:
// kFloat64 bit exact; kFloat32 rounded to the nearest float32 first, as float32 arithmetic reads a
// constant; kReal the exact rational (Unimplemented for infinities and NaN, and -0.0 becomes 0).
absl::StatusOr<z3::expr> ValueToZ3(z3::context& ctx, const Value& value,
                                   FloatEncoding float_encoding = FloatEncoding::kFloat64);

// Reads a Z3 value (a numeral, true/false or a string literal, as simplify() or a model gives) as a
// Value of `type`. OutOfRange for an Int outside int64 or a string character above 255,
// InvalidArgument if `e` is not a value of that sort. A Float is read from whichever sort encoded it,
// so no encoding is needed: a Float64 or Float32 value bit exactly (every NaN as the quiet NaN); a Real
// (rational or irrational algebraic, as nonlinear models give) as the nearest double, ties to even, so
// beyond the largest double it is an infinity.
absl::StatusOr<Value> ValueFromZ3(const z3::expr& e, const Type& type);

class Z3Encoder {
 public:
  // Variable(i) encodes as a Z3 constant named variables[i].name of sort variables[i].type.
  // `bindings`, if given, supplies bodies for synth-fun placeholders (as in Interpreter::Evaluate);
  // it must outlive the encoder. `float_encoding` applies to every Float variable, constant and
  // operation; the default is the one that agrees with the interpreter.
  explicit Z3Encoder(z3::context& ctx, std::vector<Declaration> variables = {}, const SynthBindings* bindings = nullptr,
                     FloatEncoding float_encoding = FloatEncoding::kFloat64);

  // The Z3 expression for `term`. Unimplemented for what cannot be encoded (lists, lambdas, unbound
  // synth-funs, Float operators outside SMT-LIB or outside the encoding, named in the message), InvalidArgument for
  // ill-formed terms (a variable out of range), Internal if Z3 itself reports an error.
  absl::StatusOr<z3::expr> Encode(const Term& term);

  // Synth-funs without a binding encode as Z3 uninterpreted functions of their name (CEGIS asks Z3 what
  // the function must return); by default they are Unimplemented.
  void set_uninterpreted_synth_funs(bool on) { uninterpreted_ = on; }

  // The Z3 constants standing for the variables, in declaration order (only those of supported types
  // are valid; the rest are `false` placeholders that Encode never hands out).
  const std::vector<z3::expr>& variables() const { return variables_; }

  // The variables' values in `model` (completed where it leaves them open), in declaration order.
  // OutOfRange for an Int outside int64 (as ValueFromZ3).
  absl::StatusOr<std::vector<Value>> ValuesIn(const z3::model& model) const;
  z3::context& context() const { return *ctx_; }
  FloatEncoding float_encoding() const { return float_encoding_; }

 private:
  absl::StatusOr<z3::expr> EncodeIn(const Term& term, const std::vector<z3::expr>& env, int depth);
  // One function per domain of dsl/opcode.h, each an exhaustive switch over its operators.
  absl::StatusOr<z3::expr> EncodeBuiltin(const Primitive& op, const std::vector<z3::expr>& args);
  absl::StatusOr<z3::expr> EncodeCore(CoreOp op, const std::vector<z3::expr>& args);
  absl::StatusOr<z3::expr> EncodeInt(IntOp op, const std::vector<z3::expr>& args);
  absl::StatusOr<z3::expr> EncodeString(StringOp op, const std::vector<z3::expr>& args);
  absl::StatusOr<z3::expr> EncodeBitVec(BitVecOp op, const std::vector<z3::expr>& args);
  absl::StatusOr<z3::expr> EncodeFloat(const Primitive& prim, FloatOp op, const std::vector<z3::expr>& args);
  // fmin / fmax in FloatingPoint, with the interpreter's kernel's choice of zero (prim is that kernel's).
  absl::StatusOr<z3::expr> EncodeMinMax(const Primitive& prim, bool min, const z3::expr& x, const z3::expr& y);
  // Z3 4.8.12's C API has no constructor for these; we parse a one-line script once to get the decl.
  absl::StatusOr<z3::func_decl> ParsedDecl(StringOp op);

  z3::context* ctx_;
  std::vector<Declaration> declarations_;
  std::vector<z3::expr> variables_;
  std::vector<bool> variable_ok_;
  const SynthBindings* bindings_;
  FloatEncoding float_encoding_;
  bool uninterpreted_ = false;
  std::vector<std::pair<StringOp, z3::func_decl>> parsed_decls_;
  // Uninterpreted synth-funs' declarations, built once per function rather than at each application.
  absl::StatusOr<z3::func_decl> UninterpretedDecl(const Primitive& op);
  std::vector<std::pair<const Primitive*, z3::func_decl>> synth_decls_;
};

// Whether Z3Encoder encodes the built-in operator `op` under `float_encoding` (for every argument type
// the registry gives it). Every other operator encodes as Unimplemented.
bool Z3Encodes(const Opcode& op, FloatEncoding float_encoding = FloatEncoding::kFloat64);

// Evaluates a closed Z3 expression of `type`: simplify() first; if that does not reach a value, asks a
// solver for the model value of a fresh constant equal to `e`. `*used_solver` (optional) reports
// whether the fallback ran.
absl::StatusOr<Value> EvaluateWithZ3(const z3::expr& e, const Type& type, bool* used_solver = nullptr,
                                     unsigned solver_timeout_ms = 10000);

}  // namespace progsearch
