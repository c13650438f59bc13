#include "dsl/c_printer.h"

#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/domains/domains.h"
#include "dsl/primitive.h"

namespace progsearch {

absl::StatusOr<std::string> ProgramToC(const Term& t, const std::string& x) {
  switch (t.kind()) {
    case TermKind::kVariable:
      return x;
    case TermKind::kConstant:
      if (t.type() != Type::Float()) return absl::UnimplementedError("only Float constants print as C");
      // %a is exact: the C compiler reads back the very same double.
      return absl::StrFormat("(%a)", t.value().as_float());
    case TermKind::kApply:
      break;
    default:
      return absl::UnimplementedError("only Float programs print as C");
  }
  std::vector<std::string> args;
  for (const TermPtr& a : t.args()) {
    ASSIGN_OR_RETURN(std::string s, ProgramToC(*a, x));
    args.push_back(std::move(s));
  }
  const std::string& op = t.op()->name;
  if ((op == "+" || op == "-" || op == "*" || op == "/") && args.size() == 2) {
    return StrCat("(", args[0], " ", op, " ", args[1], ")");
  }
  if (op == "-" && args.size() == 1) return StrCat("(-", args[0], ")");
  if (op == "fma" && args.size() == 3) return StrCat("fma(", args[0], ", ", args[1], ", ", args[2], ")");
  if ((op == "sqrt" || op == "fabs" || FindElementaryFunction(op)) && args.size() == 1) {
    return StrCat(op, "(", args[0], ")");
  }
  return absl::UnimplementedError(StrCat("'", op, "' has no C form here"));
}

}  // namespace progsearch
