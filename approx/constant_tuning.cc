#include "approx/constant_tuning.h"

#include <cmath>
#include <limits>
#include <nlopt.hpp>

#include "approx/float_tape.h"
#include "search/evolution/mutation.h"

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

namespace {

struct MinimaxProblem {
  const FloatTape* tape = nullptr;
  const std::vector<double>* xs = nullptr;
  const std::vector<double>* reference = nullptr;
  double scale = 1;  // the starting error: the fit works on errors of order 1
  std::vector<double> scratch, parameters, gradient;
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> best_parameters;
};

// Constraints 2i and 2i+1: r_i / scale - t <= 0 and -r_i / scale - t <= 0, with t the last variable.
void Constraints(unsigned m, double* result, unsigned n, const double* x, double* grad, void* data) {
  auto* p = static_cast<MinimaxProblem*>(data);
  const size_t k = n - 1;
  p->parameters.assign(x, x + k);
  p->gradient.resize(k);
  const double t = x[k];
  double worst = 0;
  for (size_t i = 0; i < m / 2; ++i) {
    const double want = (*p->reference)[i];
    const double got = p->tape->Evaluate((*p->xs)[i], p->parameters, grad ? p->gradient.data() : nullptr, p->scratch);
    const double denominator = want == 0 ? 1 : std::fabs(want);
    const double r = (got - want) / denominator / p->scale;
    worst = std::isnan(r) ? std::numeric_limits<double>::infinity() : std::max(worst, std::fabs(r));
    result[2 * i] = r - t;
    result[2 * i + 1] = -r - t;
    if (grad) {
      double* g0 = grad + (2 * i) * n;
      double* g1 = grad + (2 * i + 1) * n;
      for (size_t j = 0; j < k; ++j) {
        g0[j] = p->gradient[j] / denominator / p->scale;
        g1[j] = -g0[j];
      }
      g0[k] = g1[k] = -1;
    }
  }
  if (worst < p->best) {
    p->best = worst;
    p->best_parameters = p->parameters;
  }
}

double Epigraph(unsigned n, const double* x, double* grad, void*) {
  if (grad) {
    std::fill(grad, grad + n, 0.0);
    grad[n - 1] = 1;
  }
  return x[n - 1];
}

}  // namespace

TuningResult TuneMinimax(const TermPtr& program, const std::vector<double>& xs, const std::vector<double>& reference,
                         int max_iterations) {
  std::optional<FloatTape> tape = FloatTape::Compile(*program);
  if (!tape || tape->num_parameters() == 0 || max_iterations <= 0) return {program, 0, 0};
  MinimaxProblem problem;
  problem.tape = &*tape;
  problem.xs = &xs;
  problem.reference = &reference;
  // The starting error sets the scale; a program that fails somewhere cannot be fitted this way.
  const size_t k = tape->num_parameters(), m = 2 * xs.size();
  std::vector<double> x(tape->parameters());
  x.push_back(0);
  std::vector<double> constraint(m);
  Constraints(static_cast<unsigned>(m), constraint.data(), static_cast<unsigned>(k + 1), x.data(), nullptr, &problem);
  const double initial = problem.best;
  if (!std::isfinite(initial) || initial == 0) return {program, initial, 1};
  problem.scale = initial;
  problem.best = 1;
  x[k] = 1;
  nlopt::opt opt(nlopt::LD_SLSQP, static_cast<unsigned>(k + 1));
  opt.set_min_objective(Epigraph, nullptr);
  opt.add_inequality_mconstraint(Constraints, &problem, std::vector<double>(m, 1e-12));
  opt.set_maxeval(max_iterations);
  opt.set_xtol_rel(1e-13);
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const std::exception&) {
    // SLSQP reports roundoff-limited steps as exceptions; the best point seen still counts.
  }
  if (!(problem.best < 1)) return {program, initial, opt.get_numevals() + 1};
  std::vector<double> occurrences;
  for (int parameter : tape->occurrence_parameter()) occurrences.push_back(problem.best_parameters[parameter]);
  return {WithFloatConstants(program, occurrences), problem.best * initial, opt.get_numevals() + 1};
}

}  // namespace progsearch
