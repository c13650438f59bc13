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

// `name(i)` is how Variable(i) prints.
template <typename Names>
absl::StatusOr<std::string> ToC(const Term& t, const Names& name) {
  switch (t.kind()) {
    case TermKind::kVariable:
      return name(t.index());
    case TermKind::kConstant:
      if (t.type() != Type::Float()) return absl::UnimplementedError("only Float constants print as C");
      // %a is exact: the C compiler reads back the very same double. Infinities and NaN have no
      // literal: <math.h>'s macros (NaN's payload is not kept).
      if (std::isnan(t.value().as_float())) return std::string("(NAN)");
      if (std::isinf(t.value().as_float())) return std::string(t.value().as_float() > 0 ? "(INFINITY)" : "(-INFINITY)");
      return absl::StrFormat("(%a)", t.value().as_float());
    case TermKind::kApply:
      break;
    default:
      return absl::UnimplementedError("only Float programs print as C");
  }
  const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
  const CForm form = op ? FormOf(*op) : CForm::kNone;
  if (form == CForm::kNone) return absl::UnimplementedError(StrCat("'", t.op()->name, "' has no C form here"));
  std::vector<std::string> args;
  for (const TermPtr& a : t.args()) {
    ASSIGN_OR_RETURN(std::string s, ToC(*a, name));
    args.push_back(std::move(s));
  }
  switch (form) {
    case CForm::kInfix:
      return StrCat("(", args[0], " ", OpName(*op), " ", args[1], ")");
    case CForm::kPrefix:
      return StrCat("(-", args[0], ")");
    case CForm::kCall: {
      std::string call = StrCat(OpName(*op), "(");
      for (size_t i = 0; i < args.size(); ++i) call += StrCat(i ? ", " : "", args[i]);
      return call + ")";
    }
    case CForm::kNone:
      break;
  }
  return absl::UnimplementedError(StrCat("'", t.op()->name, "' has no C form here"));
}

}  // namespace

bool HasCForm(FloatOp op) { return FormOf(op) != CForm::kNone; }

absl::StatusOr<std::string> ProgramToC(const Term& program, const std::string& variable_name) {
  return ToC(program, [&](int) -> absl::StatusOr<std::string> { return variable_name; });
}

absl::StatusOr<std::string> ProgramToC(const Term& program, std::span<const std::string> variable_names) {
  return ToC(program, [&](int i) -> absl::StatusOr<std::string> {
    if (i < 0 || static_cast<size_t>(i) >= variable_names.size()) {
      return absl::InvalidArgumentError(StrCat("variable #", i, " has no C name"));
    }
    return variable_names[i];
  });
}

}  // namespace progsearch
