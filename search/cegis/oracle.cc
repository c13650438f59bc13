#include "search/cegis/oracle.h"

#include <algorithm>

#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "search/cegis/points.h"
#include "verify/prover.h"

namespace progsearch {

SpecOracle::SpecOracle(const Task& task, TermPtr call)
    : task_(task), ctx_(ThreadZ3Context()), encoder_(ctx_, task.declared_vars), call_term_(std::move(call)) {
  encoder_.set_uninterpreted_synth_funs(true);
}

unsigned SpecOracle::TimeoutMs() const {
  const double left = std::chrono::duration<double, std::milli>(deadline_ - std::chrono::steady_clock::now()).count();
  return static_cast<unsigned>(std::clamp(left, 1.0, 5000.0));
}

absl::Status SpecOracle::Init() {
  z3::expr spec = ctx_.bool_val(true);
  for (const TermPtr& c : task_.spec) {
    ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*c));
    spec = spec && e;
  }
  spec_ = spec;
  for (const TermPtr& a : call_term_->args()) {
    ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*a));
    encoded_args_.push_back(e);
  }
  // f stays uninterpreted: Z3 chooses what it returns.
  ASSIGN_OR_RETURN(z3::expr call, encoder_.Encode(*call_term_));
  call_ = call;
  return absl::OkStatus();
}

std::optional<Value> SpecOracle::CandidateAt(const std::vector<Value>& point, const TermPtr& program) const {
  const std::vector<ValueColumn> inputs = PointColumns(task_.declared_vars, {point});
  SynthBindings bindings;
  bindings[task_.synth_funs[0].primitive] = program;
  auto out = Interpreter().Evaluate(*call_term_, inputs, 1, &bindings);
  if (!out.ok()) return std::nullopt;
  return out->Get(0);
}

absl::StatusOr<std::optional<std::vector<Value>>> SpecOracle::ConstrainingPoint(
    const std::vector<std::vector<Value>>& avoid) {
  try {
    z3::solver solver = SimpleSolver(ctx_, TimeoutMs());
    solver.add(!*spec_);
    for (const std::vector<Value>& point : avoid) {
      ASSIGN_OR_RETURN(z3::expr_vector values, ToZ3(point));
      z3::expr same = ctx_.bool_val(true);
      for (size_t i = 0; i < point.size(); ++i) same = same && encoder_.variables()[i] == values[i];
      solver.add(!same);
    }
    if (solver.check() != z3::sat) return std::optional<std::vector<Value>>();
    ASSIGN_OR_RETURN(std::vector<Value> point, encoder_.ValuesIn(solver.get_model()));
    return std::optional<std::vector<Value>>(std::move(point));
  } catch (const z3::exception& e) {
    return absl::InternalError(StrCat("z3: ", e.msg()));
  }
}

absl::StatusOr<std::optional<Example>> SpecOracle::ExampleAt(const std::vector<Value>& point,
                                                             const std::optional<Value>& exclude, bool& unrealizable) {
  unrealizable = false;
  try {
    z3::expr_vector from(ctx_);
    for (const z3::expr& v : encoder_.variables()) from.push_back(v);
    ASSIGN_OR_RETURN(z3::expr_vector to, ToZ3(point));
    z3::expr spec = spec_->substitute(from, to);
    z3::expr call = call_->substitute(from, to);
    z3::solver any = SimpleSolver(ctx_, TimeoutMs());
    any.add(!spec);
    if (any.check() == z3::unsat) return std::optional<Example>();
    z3::solver solver = SimpleSolver(ctx_, TimeoutMs());
    solver.add(spec);
    if (exclude) {
      ASSIGN_OR_RETURN(z3::expr ex, ValueToZ3(ctx_, *exclude));
      solver.add(call != ex);
    }
    if (solver.check() != z3::sat) {
      unrealizable = true;
      return std::optional<Example>();
    }
    z3::model model = solver.get_model();
    Example example;
    const SynthFun& f = task_.synth_funs[0];
    for (size_t i = 0; i < encoded_args_.size(); ++i) {
      ASSIGN_OR_RETURN(Value v, ValueFromZ3(model.eval(encoded_args_[i].substitute(from, to), true), f.params[i].type));
      example.inputs.push_back(v);
    }
    ASSIGN_OR_RETURN(example.output, ValueFromZ3(model.eval(call, true), f.result));
    return std::optional<Example>(example);
  } catch (const z3::exception& e) {
    return absl::InternalError(StrCat("z3: ", e.msg()));
  }
}

absl::StatusOr<z3::expr_vector> SpecOracle::ToZ3(const std::vector<Value>& point) {
  z3::expr_vector out(ctx_);
  for (const Value& v : point) {
    ASSIGN_OR_RETURN(z3::expr e, ValueToZ3(ctx_, v));
    out.push_back(e);
  }
  return out;
}

}  // namespace progsearch
