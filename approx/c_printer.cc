#include "approx/c_printer.h"

#include <cmath>
#include <variant>

#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/primitive.h"

namespace progsearch {
namespace {

// How C writes an operator: an infix operator, a prefix minus, a <math.h> call, or not at all.
enum class CForm { kInfix, kPrefix, kCall, kNone };

CForm FormOf(FloatOp op) {
  switch (op) {
    case FloatOp::kAdd:
    case FloatOp::kSub:
    case FloatOp::kMul:
    case FloatOp::kDiv:
      return CForm::kInfix;
    case FloatOp::kNeg:
      return CForm::kPrefix;
    // <math.h> spells these as we do.
    case FloatOp::kFma:
    case FloatOp::kSqrt:
    case FloatOp::kAbs:
    case FloatOp::kMin:
    case FloatOp::kMax:
    case FloatOp::kExp:
    case FloatOp::kExp2:
    case FloatOp::kLog:
    case FloatOp::kLog2:
    case FloatOp::kSin:
    case FloatOp::kCos:
    case FloatOp::kTan:
    case FloatOp::kTanh:
    case FloatOp::kErf:
      return CForm::kCall;
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      return CForm::kNone;
  }
  return CForm::kNone;
}

// A constant as a C literal of `arithmetic`. %a is exact: the compiler reads back the very same value.
// Infinities and NaN have no literal: <math.h>'s macros (NaN's payload is not kept).
std::string ConstantToC(double value, CArithmetic arithmetic) {
  if (arithmetic == CArithmetic::kFloat) value = static_cast<float>(value);  // as the float tape rounds it
  if (std::isnan(value)) return "(NAN)";
  if (std::isinf(value)) return value > 0 ? "(INFINITY)" : "(-INFINITY)";
  return absl::StrFormat(arithmetic == CArithmetic::kFloat ? "(%af)" : "(%a)", value);
}

// A <math.h> call of `op` on `args` in `arithmetic`.
std::string CallToC(FloatOp op, const std::vector<std::string>& args, CArithmetic arithmetic) {
  std::string call = std::string(OpName(op));
  if (arithmetic == CArithmetic::kFloat) {
    // The float tape computes an elementary function in double and rounds it: expf is not that function.
    if (IsElementary(op)) return StrCat("((float)", call, "((double)", args[0], "))");
    call += "f";
  }
  call += "(";
  for (size_t i = 0; i < args.size(); ++i) call += StrCat(i ? ", " : "", args[i]);
  return call + ")";
}

// `name(i)` is how Variable(i) prints.
template <typename Names>
absl::StatusOr<std::string> ToC(const Term& t, const Names& name, CArithmetic arithmetic) {
  switch (t.kind()) {
    case TermKind::kVariable:
      return name(t.index());
    case TermKind::kConstant:
      if (t.type() != Type::Float()) return absl::UnimplementedError("only Float constants print as C");
      return ConstantToC(t.value().as_float(), arithmetic);
    case TermKind::kApply:
      break;
    default:
      return absl::UnimplementedError("only Float programs print as C");
  }
  const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
  const CForm form = op ? FormOf(*op) : CForm::kNone;
  if (form == CForm::kNone && !t.op()->c_form) {
    return absl::UnimplementedError(StrCat("'", t.op()->name, "' has no C form here", op ? "" :
                                           " (a user operator declares one with SearchSpace::SetCForm)"));
  }
  std::vector<std::string> args;
  for (const TermPtr& a : t.args()) {
    ASSIGN_OR_RETURN(std::string s, ToC(*a, name, arithmetic));
    args.push_back(std::move(s));
  }
  if (form == CForm::kNone) return StrCat("(", t.op()->c_form(args), ")");
  switch (form) {
    case CForm::kInfix:
      return StrCat("(", args[0], " ", OpName(*op), " ", args[1], ")");
    case CForm::kPrefix:
      return StrCat("(-", args[0], ")");
    case CForm::kCall:
      if (*op == FloatOp::kFma && arithmetic == CArithmetic::kDoubleMultiplyAdd) {
        return StrCat("(", args[0], " * ", args[1], " + ", args[2], ")");
      }
      return CallToC(*op, args, arithmetic);
    case CForm::kNone:
      break;
  }
  return absl::UnimplementedError(StrCat("'", t.op()->name, "' has no C form here"));
}

}  // namespace

bool HasCForm(FloatOp op) { return FormOf(op) != CForm::kNone; }

const char* CTypeName(CArithmetic arithmetic) { return arithmetic == CArithmetic::kFloat ? "float" : "double"; }

absl::StatusOr<std::string> ProgramToC(const Term& program, const std::string& variable_name,
                                       CArithmetic arithmetic) {
  return ToC(program, [&](int) -> absl::StatusOr<std::string> { return variable_name; }, arithmetic);
}

absl::StatusOr<std::string> ProgramToC(const Term& program, std::span<const std::string> variable_names,
                                       CArithmetic arithmetic) {
  return ToC(
      program,
      [&](int i) -> absl::StatusOr<std::string> {
        if (i < 0 || static_cast<size_t>(i) >= variable_names.size()) {
          return absl::InvalidArgumentError(StrCat("variable #", i, " has no C name"));
        }
        return variable_names[i];
      },
      arithmetic);
}

}  // namespace progsearch
