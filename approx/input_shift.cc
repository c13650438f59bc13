#include "approx/input_shift.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "approx/polynomial_baselines.h"
#include "dsl/inline_macros.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

// The c of a node (- x c), if `t` is one.
std::optional<double> ShiftOf(const Term& t) {
  if (t.kind() != TermKind::kApply || t.args().size() != 2) return std::nullopt;
  const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
  const Term& a = *t.args()[0];
  const Term& b = *t.args()[1];
  if (op == nullptr || *op != FloatOp::kSub || a.kind() != TermKind::kVariable || a.index() != 0 ||
      b.kind() != TermKind::kConstant || b.type() != Type::Float()) {
    return std::nullopt;
  }
  return b.value().as_float();
}

TermPtr Unshift(const TermPtr& t, std::optional<double>& c, bool& ok);

// The operands of `t` with every (- x c) replaced by x; `ok` turns false at an x outside such a node or a
// second c.
std::vector<TermPtr> UnshiftArgs(const Term& t, std::optional<double>& c, bool& ok) {
  std::vector<TermPtr> args;
  for (const TermPtr& a : t.args()) args.push_back(Unshift(a, c, ok));
  return args;
}

TermPtr Unshift(const TermPtr& t, std::optional<double>& c, bool& ok) {
  if (!ok) return t;
  if (const std::optional<double> shift = ShiftOf(*t)) {
    if (c && *c != *shift) ok = false;
    c = shift;
    return t->args()[0];
  }
  if (t->kind() == TermKind::kVariable) ok = false;
  if (t->kind() != TermKind::kApply) return t;
  return Term::Apply(t->op(), t->type(), UnshiftArgs(*t, c, ok));
}

// The program (OP x c), read as the searches read programs.
TermPtr XWith(const char* op, double c) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<centre>");
  return *reader.ReadText(absl::StrFormat("(%s x %.17g)", op, c));
}

}  // namespace

double InputCentre(const MathTarget& target) {
  const std::vector<double> zeros = SimpleZeros(target);
  const double c = zeros.size() == 1 ? zeros[0] : target.low + (target.high - target.low) / 2;
  return std::fabs(c) <= 1e-12 * (target.high - target.low) ? 0 : c;
}

MathTarget ShiftedTarget(const MathTarget& target, double c) {
  MathTarget g = target;
  g.name = absl::StrFormat("%s at x + %.17g", target.name, c);
  g.expression = SubstituteVariables(target.expression, std::vector<TermPtr>{XWith("+", c)});
  g.low = target.low - c;
  g.high = target.high - c;
  return g;
}

TermPtr ShiftedInput(double c) { return XWith("-", c); }

TermPtr ProgramOfShiftedInput(const TermPtr& program, double c) {
  return SubstituteVariables(program, std::vector<TermPtr>{ShiftedInput(c)});
}

std::optional<std::pair<TermPtr, double>> SplitShiftedInput(const Term& program) {
  // The root is passed as a Term, not a TermPtr: it is rebuilt from its operands (or is the shift).
  std::optional<double> c = ShiftOf(program);
  bool ok = true;
  TermPtr inner = c ? program.args()[0] : nullptr;
  if (!c && program.kind() == TermKind::kApply) {
    inner = Term::Apply(program.op(), program.type(), UnshiftArgs(program, c, ok));
  }
  if (!ok || !c || *c == 0) return std::nullopt;
  return std::pair{std::move(inner), *c};
}

}  // namespace progsearch
