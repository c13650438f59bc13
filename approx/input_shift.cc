#include "approx/input_shift.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "approx/polynomial_baselines.h"
#include "core/str_cat.h"
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

// `t` with every (- x c) replaced by x; `ok` turns false at an x outside such a node or a second c.
TermPtr Unshift(const TermPtr& t, std::optional<double>& c, bool& ok) {
  if (!ok) return t;
  if (const std::optional<double> shift = ShiftOf(*t)) {
    if (c && *c != *shift) ok = false;
    c = shift;
    return t->args()[0];
  }
  if (t->kind() == TermKind::kVariable) {
    ok = false;
    return t;
  }
  if (t->kind() != TermKind::kApply) return t;
  std::vector<TermPtr> args;
  for (const TermPtr& a : t->args()) args.push_back(Unshift(a, c, ok));
  return Term::Apply(t->op(), t->type(), std::move(args));
}

}  // namespace

double InputCentre(const MathTarget& target) {
  const std::vector<double> zeros = SimpleZeros(target);
  const double c = zeros.size() == 1 ? zeros[0] : target.low + (target.high - target.low) / 2;
  return std::fabs(c) <= 1e-12 * (target.high - target.low) ? 0 : c;
}

MathTarget ShiftedTarget(const MathTarget& target, double c) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<centre>");
  const std::string text = absl::StrFormat("%.17g", c);
  MathTarget g = target;
  g.name = StrCat(target.name, " at x + ", text);
  g.expression = SubstituteVariables(target.expression, std::vector<TermPtr>{*reader.ReadText(StrCat("(+ x ", text, ")"))});
  g.low = target.low - c;
  g.high = target.high - c;
  return g;
}

TermPtr ShiftedInput(double c) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<centre>");
  return *reader.ReadText(absl::StrFormat("(- x %.17g)", c));
}

TermPtr ProgramOfShiftedInput(const TermPtr& program, double c) {
  return SubstituteVariables(program, std::vector<TermPtr>{ShiftedInput(c)});
}

std::optional<std::pair<TermPtr, double>> SplitShiftedInput(const Term& program) {
  std::optional<double> c = ShiftOf(program);
  if (c) return *c == 0 ? std::nullopt : std::optional(std::pair{program.args()[0], *c});
  if (program.kind() != TermKind::kApply) return std::nullopt;
  bool ok = true;
  std::vector<TermPtr> args;
  for (const TermPtr& a : program.args()) args.push_back(Unshift(a, c, ok));
  if (!ok || !c || *c == 0) return std::nullopt;
  return std::pair{Term::Apply(program.op(), program.type(), std::move(args)), *c};
}

}  // namespace progsearch
