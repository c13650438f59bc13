#include "search/evolution/constant_tuning.h"

#include <cmath>
#include <limits>
#include <nlopt.hpp>

#include "search/evolution/mutator.h"

namespace progsearch {

std::vector<double> FloatConstants(const Term& program) {
  std::vector<double> out;
  for (const Term* node : PreOrder(program)) {
    if (node->kind() == TermKind::kConstant && node->type() == Type::Float()) out.push_back(node->value().as_float());
  }
  return out;
}

TermPtr WithFloatConstants(const TermPtr& program, const std::vector<double>& values) {
  TermPtr out = program;
  size_t k = 0;
  const std::vector<const Term*> nodes = PreOrder(*program);
  for (size_t i = 0; i < nodes.size() && k < values.size(); ++i) {
    if (nodes[i]->kind() == TermKind::kConstant && nodes[i]->type() == Type::Float()) {
      // Replacing a leaf keeps every pre-order index: the tree's shape does not change.
      out = ReplaceAt(out, static_cast<int>(i), Term::Constant(Value::Float(values[k++])));
    }
  }
  return out;
}

namespace {

struct Objective {
  const TermPtr* program = nullptr;
  const std::function<double(const Term&)>* error = nullptr;
  int evaluations = 0;
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> best_values;
};

double Evaluate(const std::vector<double>& x, std::vector<double>& /*gradient*/, void* data) {
  auto* o = static_cast<Objective*>(data);
  ++o->evaluations;
  const double e = (*o->error)(*WithFloatConstants(*o->program, x));
  const double value = std::isfinite(e) ? e : std::numeric_limits<double>::max();
  if (value < o->best) {
    o->best = value;
    o->best_values = x;
  }
  return value;
}

}  // namespace

TuningResult TuneConstants(const TermPtr& program, const std::function<double(const Term&)>& error,
                           int max_evaluations) {
  std::vector<double> start = FloatConstants(*program);
  const double initial = error(*program);
  if (start.empty() || max_evaluations <= 0) return {program, initial, 1};
  Objective objective;
  objective.program = &program;
  objective.error = &error;
  objective.best = std::isfinite(initial) ? initial : std::numeric_limits<double>::max();
  objective.best_values = start;
  nlopt::opt opt(nlopt::LN_NELDERMEAD, static_cast<unsigned>(start.size()));
  opt.set_min_objective(Evaluate, &objective);
  opt.set_maxeval(max_evaluations);
  std::vector<double> steps;
  for (double c : start) steps.push_back(c == 0 ? 0.1 : 0.1 * std::fabs(c));
  opt.set_initial_step(steps);
  std::vector<double> x = start;
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const std::exception&) {
    // NLopt reports roundoff-limited or failed runs as exceptions; the best point seen still counts.
  }
  if (objective.best_values == start) return {program, initial, objective.evaluations + 1};
  return {WithFloatConstants(program, objective.best_values), objective.best, objective.evaluations + 1};
}

}  // namespace progsearch
