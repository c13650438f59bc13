// Opcodes: what each built-in primitive computes, as one enumerator per operator of each domain.
//
// The registry stores an Opcode with every built-in primitive, and every backend outside the
// interpreter (the Z3 encoder, MPFR references, the C printer, the straight-line float evaluator)
// recognizes operators by switching over it, never by comparing names. Each domain has its own enum so
// that a backend of one domain switches over that domain's operators exhaustively: adding an operator
// to a domain is a compile error (-Werror=switch) in every backend of that domain until it says what
// the operator means there, or that it does not support it.
//
// The lists below are the single source of each operator's name; the registry takes its names from them.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <variant>

namespace progsearch {

// X(enumerator, SMT-LIB or DSL name). Names may repeat across enumerators (unary and binary minus).
#define PROGSEARCH_CORE_OPS(X) \
  X(kIte, "ite")               \
  X(kEqual, "=")               \
  X(kDistinct, "distinct")     \
  X(kAnd, "and")               \
  X(kOr, "or")                 \
  X(kNot, "not")               \
  X(kXor, "xor")               \
  X(kImplies, "=>")

#define PROGSEARCH_INT_OPS(X) \
  X(kAdd, "+")                \
  X(kNeg, "-")                \
  X(kSub, "-")                \
  X(kMul, "*")                \
  X(kDiv, "div")              \
  X(kMod, "mod")              \
  X(kAbs, "abs")              \
  X(kLt, "<")                 \
  X(kLe, "<=")                \
  X(kGt, ">")                 \
  X(kGe, ">=")

#define PROGSEARCH_STRING_OPS(X)    \
  X(kConcat, "str.++")              \
  X(kLength, "str.len")             \
  X(kAt, "str.at")                  \
  X(kSubstr, "str.substr")          \
  X(kIndexOf, "str.indexof")        \
  X(kReplace, "str.replace")        \
  X(kReplaceAll, "str.replace_all") \
  X(kPrefixOf, "str.prefixof")      \
  X(kSuffixOf, "str.suffixof")      \
  X(kContains, "str.contains")      \
  X(kLt, "str.<")                   \
  X(kLe, "str.<=")                  \
  X(kIsDigit, "str.is_digit")       \
  X(kToInt, "str.to_int")           \
  X(kFromInt, "str.from_int")

#define PROGSEARCH_BITVEC_OPS(X) \
  X(kNot, "bvnot")               \
  X(kNeg, "bvneg")               \
  X(kAnd, "bvand")               \
  X(kOr, "bvor")                 \
  X(kXor, "bvxor")               \
  X(kNand, "bvnand")             \
  X(kNor, "bvnor")               \
  X(kXnor, "bvxnor")             \
  X(kAdd, "bvadd")               \
  X(kSub, "bvsub")               \
  X(kMul, "bvmul")               \
  X(kUDiv, "bvudiv")             \
  X(kURem, "bvurem")             \
  X(kSDiv, "bvsdiv")             \
  X(kSRem, "bvsrem")             \
  X(kSMod, "bvsmod")             \
  X(kShl, "bvshl")               \
  X(kLShr, "bvlshr")             \
  X(kAShr, "bvashr")             \
  X(kULt, "bvult")               \
  X(kULe, "bvule")               \
  X(kUGt, "bvugt")               \
  X(kUGe, "bvuge")               \
  X(kSLt, "bvslt")               \
  X(kSLe, "bvsle")               \
  X(kSGt, "bvsgt")               \
  X(kSGe, "bvsge")

// IEEE-754 binary64 operators; the elementary functions (exp ... erf) are libm's.
#define PROGSEARCH_FLOAT_OPS(X) \
  X(kAdd, "+")                  \
  X(kSub, "-")                  \
  X(kNeg, "-")                  \
  X(kMul, "*")                  \
  X(kDiv, "/")                  \
  X(kFma, "fma")                \
  X(kSqrt, "sqrt")              \
  X(kAbs, "fabs")               \
  X(kMin, "fmin")               \
  X(kMax, "fmax")               \
  X(kExp, "exp")                \
  X(kExp2, "exp2")              \
  X(kLog, "log")                \
  X(kLog2, "log2")              \
  X(kSin, "sin")                \
  X(kCos, "cos")                \
  X(kTan, "tan")                \
  X(kTanh, "tanh")              \
  X(kErf, "erf")                \
  X(kLt, "<")                   \
  X(kLe, "<=")                  \
  X(kGt, ">")                   \
  X(kGe, ">=")

// The BUSTLE spreadsheet functions (spreadsheet semantics, not SMT-LIB).
#define PROGSEARCH_SHEET_OPS(X)  \
  X(kAdd, "ADD")                 \
  X(kMinus, "MINUS")             \
  X(kConcatenate, "CONCATENATE") \
  X(kFind, "FIND")               \
  X(kLeft, "LEFT")               \
  X(kRight, "RIGHT")             \
  X(kMid, "MID")                 \
  X(kLen, "LEN")                 \
  X(kReplace, "REPLACE")         \
  X(kTrim, "TRIM")               \
  X(kLower, "LOWER")             \
  X(kUpper, "UPPER")             \
  X(kProper, "PROPER")           \
  X(kRept, "REPT")               \
  X(kSubstitute, "SUBSTITUTE")   \
  X(kToText, "TO_TEXT")          \
  X(kExact, "EXACT")             \
  X(kGt, "GT")                   \
  X(kGte, "GTE")                 \
  X(kIf, "IF")                   \
  X(kIsNumber, "ISNUMBER")       \
  X(kIsText, "ISTEXT")           \
  X(kIsBlank, "ISBLANK")         \
  X(kIsError, "ISERROR")         \
  X(kIfError, "IFERROR")         \
  X(kValue, "VALUE")             \
  X(kTrunc, "TRUNC")             \
  X(kDivide, "DIVIDE")           \
  X(kMultiply, "MULTIPLY")       \
  X(kMod, "MOD")                 \
  X(kAbs, "ABS")                 \
  X(kRound, "ROUND")             \
  X(kText, "TEXT")               \
  X(kAnd, "AND")                 \
  X(kOr, "OR")                   \
  X(kNot, "NOT")                 \
  X(kEq, "EQ")                   \
  X(kNe, "NE")                   \
  X(kSearch, "SEARCH")           \
  X(kChar, "CHAR")               \
  X(kCode, "CODE")

#define PROGSEARCH_OP_ENUMERATOR(id, name) id,
// ite, equality and the Boolean connectives, at every type where they apply (SMT-LIB core).
enum class CoreOp : uint8_t { PROGSEARCH_CORE_OPS(PROGSEARCH_OP_ENUMERATOR) };
// SMT-LIB Ints on int64 (overflow is an evaluation error).
enum class IntOp : uint8_t { PROGSEARCH_INT_OPS(PROGSEARCH_OP_ENUMERATOR) };
// SMT-LIB strings.
enum class StringOp : uint8_t { PROGSEARCH_STRING_OPS(PROGSEARCH_OP_ENUMERATOR) };
// SMT-LIB fixed-size bit-vectors, at every width.
enum class BitVecOp : uint8_t { PROGSEARCH_BITVEC_OPS(PROGSEARCH_OP_ENUMERATOR) };
// Float (double) arithmetic, elementary functions and comparisons.
enum class FloatOp : uint8_t { PROGSEARCH_FLOAT_OPS(PROGSEARCH_OP_ENUMERATOR) };
// Spreadsheet functions.
enum class SheetOp : uint8_t { PROGSEARCH_SHEET_OPS(PROGSEARCH_OP_ENUMERATOR) };
#undef PROGSEARCH_OP_ENUMERATOR

// What a primitive computes. std::monostate: nothing built in (a define-fun macro, the synth-fun
// placeholder, or an operator a library user registered with a kernel of their own), so no backend but
// the interpreter can handle it.
using Opcode = std::variant<std::monostate, CoreOp, IntOp, StringOp, BitVecOp, FloatOp, SheetOp>;

// std::visit with one lambda per alternative: `std::visit(Overloaded{[](CoreOp o) {...}, ...}, op)`. A
// backend that leaves a domain out does not compile.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// The operator's name as programs spell it ("" for std::monostate).
std::string_view OpName(const Opcode& op);
std::string_view OpName(CoreOp op);
std::string_view OpName(IntOp op);
std::string_view OpName(StringOp op);
std::string_view OpName(BitVecOp op);
std::string_view OpName(FloatOp op);
std::string_view OpName(SheetOp op);

// Every operator of one domain enum, in declaration order (for tables and tests that walk them all).
template <typename Enum>
constexpr int NumOps();
template <>
constexpr int NumOps<CoreOp>() {
#define PROGSEARCH_OP_COUNT(id, name) +1
  return 0 PROGSEARCH_CORE_OPS(PROGSEARCH_OP_COUNT);
}
template <>
constexpr int NumOps<IntOp>() {
  return 0 PROGSEARCH_INT_OPS(PROGSEARCH_OP_COUNT);
}
template <>
constexpr int NumOps<StringOp>() {
  return 0 PROGSEARCH_STRING_OPS(PROGSEARCH_OP_COUNT);
}
template <>
constexpr int NumOps<BitVecOp>() {
  return 0 PROGSEARCH_BITVEC_OPS(PROGSEARCH_OP_COUNT);
}
template <>
constexpr int NumOps<FloatOp>() {
  return 0 PROGSEARCH_FLOAT_OPS(PROGSEARCH_OP_COUNT);
}
template <>
constexpr int NumOps<SheetOp>() {
  return 0 PROGSEARCH_SHEET_OPS(PROGSEARCH_OP_COUNT);
#undef PROGSEARCH_OP_COUNT
}

// The Float operators that are libm's elementary functions (exp exp2 log log2 sin cos tan tanh erf):
// not correctly rounded, and outside SMT-LIB's FloatingPoint theory.
bool IsElementary(FloatOp op);

// libm's double function `op` at x (NaN for an operator that is not elementary). Inline, so that a
// kernel instantiated for one operator calls the function directly.
inline double EvaluateElementary(FloatOp op, double x) {
  switch (op) {
    case FloatOp::kExp:
      return std::exp(x);
    case FloatOp::kExp2:
      return std::exp2(x);
    case FloatOp::kLog:
      return std::log(x);
    case FloatOp::kLog2:
      return std::log2(x);
    case FloatOp::kSin:
      return std::sin(x);
    case FloatOp::kCos:
      return std::cos(x);
    case FloatOp::kTan:
      return std::tan(x);
    case FloatOp::kTanh:
      return std::tanh(x);
    case FloatOp::kErf:
      return std::erf(x);
    case FloatOp::kAdd:
    case FloatOp::kSub:
    case FloatOp::kNeg:
    case FloatOp::kMul:
    case FloatOp::kDiv:
    case FloatOp::kFma:
    case FloatOp::kSqrt:
    case FloatOp::kAbs:
    case FloatOp::kMin:
    case FloatOp::kMax:
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace progsearch
