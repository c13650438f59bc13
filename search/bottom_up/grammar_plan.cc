#include "search/bottom_up/grammar_plan.h"

#include <algorithm>

#include "absl/container/inlined_vector.h"
#include "core/check.h"
#include "core/str_cat.h"
#include "dsl/default_grammar.h"
#include "dsl/example_constants.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"

namespace progsearch {
namespace {

// Replaces holes, in pre-order, by what `make(k, hole)` returns.
template <typename F>
TermPtr MapHoles(const TermPtr& t, int& next, F& make) {
  switch (t->kind()) {
    case TermKind::kHole:
      return make(next++, *t);
    case TermKind::kApply:
      return MapArgs(t, [&](const TermPtr& a) { return MapHoles(a, next, make); });
    default:
      return t;
  }
}

void CollectHoles(const Term& t, std::vector<int>& holes) {
  if (t.kind() == TermKind::kHole) holes.push_back(t.index());
  for (const TermPtr& a : t.args()) CollectHoles(*a, holes);
}

// Hole variables (index >= num_params) under `t`.
void CollectHoleVariables(const Term& t, size_t num_params, std::vector<int>& out) {
  if (t.kind() == TermKind::kVariable && static_cast<size_t>(t.index()) >= num_params) out.push_back(t.index());
  for (const TermPtr& a : t.args()) CollectHoleVariables(*a, num_params, out);
}

void CollectConstants(const Term& t, std::vector<Value>& out) {
  if (t.kind() == TermKind::kConstant) out.push_back(t.value());
  for (const TermPtr& a : t.args()) CollectConstants(*a, out);
}

// Literals of the task, for (Constant T): grammar literals, spec literals, and the usual small ones.
std::vector<Value> ConstantPool(const Task& task, const Grammar& grammar, const Type& type) {
  std::vector<Value> all;
  for (const NonTerminal& nt : grammar.nonterminals) {
    for (const Production& p : nt.productions) {
      if (p.pattern) CollectConstants(*p.pattern, all);
    }
  }
  for (const TermPtr& s : task.spec) CollectConstants(*s, all);
  switch (type.kind()) {
    case TypeKind::kInt:
      all.push_back(Value::Int(0));
      all.push_back(Value::Int(1));
      break;
    case TypeKind::kBitVec:
      all.push_back(Value::BitVec(type, 0));
      all.push_back(Value::BitVec(type, 1));
      all.push_back(Value::BitVec(type, ~uint64_t{0}));
      break;
    case TypeKind::kBool:
      all.push_back(Value::Bool(false));
      all.push_back(Value::Bool(true));
      break;
    case TypeKind::kString:
      all.push_back(Value::String(""));
      all.push_back(Value::String(" "));
      for (std::string& c : ExtractStringConstants(task.examples)) all.push_back(Value::String(std::move(c)));
      break;
    default:
      break;
  }
  std::vector<Value> pool;
  for (const Value& v : all) {
    if (v.type() == type && std::find(pool.begin(), pool.end(), v) == pool.end()) pool.push_back(v);
  }
  return pool;
}

// A position within one production (a hole, fixed column or step), which has far fewer than 65536 parts.
uint16_t Position(size_t i) {
  PROGSEARCH_DCHECK(i <= UINT16_MAX);
  return static_cast<uint16_t>(i);
}

// Compiles `t` into p.steps / p.fixed and returns where its value will be; nullopt if some part needs
// the interpreter (a non-builtin operator) or fails on the examples.
std::optional<PlannedProduction::Arg> Compile(const Term& t, size_t num_params, const std::vector<ValueColumn>& inputs,
                                              size_t n, const Interpreter& interpreter, PlannedProduction& p) {
  using Arg = PlannedProduction::Arg;
  if (t.kind() == TermKind::kVariable && static_cast<size_t>(t.index()) >= num_params) {
    return Arg{Arg::Kind::kHole, Position(t.index() - num_params)};
  }
  std::vector<int> holes;
  CollectHoleVariables(t, num_params, holes);
  if (holes.empty()) {  // closed, or reads only parameters: one column for the whole search
    auto column = interpreter.Evaluate(t, inputs, n);
    if (!column.ok()) return std::nullopt;
    p.fixed.push_back(*std::move(column));
    return Arg{Arg::Kind::kFixed, Position(p.fixed.size() - 1)};
  }
  if (t.kind() != TermKind::kApply) return std::nullopt;
  if (t.op()->kind != PrimitiveKind::kBuiltin) return std::nullopt;
  PlannedProduction::Step step{t.op(), {}};
  for (const TermPtr& a : t.args()) {
    std::optional<Arg> arg = Compile(*a, num_params, inputs, n, interpreter, p);
    if (!arg) return std::nullopt;
    step.args.push_back(*arg);
  }
  p.steps.push_back(std::move(step));
  return Arg{Arg::Kind::kStep, Position(p.steps.size() - 1)};
}

}  // namespace

bool CompileSteps(const Term& t, size_t num_params, const std::vector<ValueColumn>& inputs, size_t n,
                  PlannedProduction& p) {
  Interpreter interpreter;
  auto result = Compile(t, num_params, inputs, n, interpreter, p);
  // The value must be the last step's result (a bare hole would be a unit production).
  if (result && result->kind == PlannedProduction::Arg::Kind::kStep && result->index == p.steps.size() - 1) return true;
  p.steps.clear();
  p.fixed.clear();
  return false;
}

const ValueColumn* EvaluatePlanned(const PlannedProduction& compiled, const Term& term,
                                   std::span<const ValueColumn> inputs, std::span<const ValueColumn* const> holes,
                                   size_t n, const Interpreter& interpreter, std::vector<ValueColumn>& temps,
                                   ValueColumn& interpreted, EvalContext& ctx) {
  if (!compiled.steps.empty()) {
    ctx.max_string_length = interpreter.limits().max_string_length;
    return RunSteps(compiled, holes, n, temps, ctx);
  }
  absl::InlinedVector<const ValueColumn*, 8> args;
  for (const ValueColumn& c : inputs) args.push_back(&c);
  args.insert(args.end(), holes.begin(), holes.end());
  auto result = interpreter.EvaluatePtrs(term, args, n);
  if (!result.ok()) return nullptr;
  interpreted = *std::move(result);
  return &interpreted;
}

const ValueColumn* RunSteps(const PlannedProduction& p, std::span<const ValueColumn* const> holes, size_t n,
                            std::vector<ValueColumn>& temps, EvalContext& ctx) {
  temps.resize(p.steps.size());
  absl::InlinedVector<const ValueColumn*, 8> args;
  for (size_t s = 0; s < p.steps.size(); ++s) {
    const PlannedProduction::Step& step = p.steps[s];
    args.clear();
    for (const PlannedProduction::Arg& a : step.args) {
      switch (a.kind) {
        case PlannedProduction::Arg::Kind::kHole:
          args.push_back(holes[a.index]);
          break;
        case PlannedProduction::Arg::Kind::kFixed:
          args.push_back(&p.fixed[a.index]);
          break;
        case PlannedProduction::Arg::Kind::kStep:
          args.push_back(&temps[a.index]);
          break;
      }
    }
    temps[s].Reset(step.op->result, n);
    RunKernel(*step.op, args, temps[s], ctx);
  }
  const bool failed = ctx.int_overflow || ctx.string_too_long || ctx.invalid;
  ctx.int_overflow = ctx.string_too_long = ctx.invalid = false;
  return failed ? nullptr : &temps.back();
}

std::string_view HeadOperator(const PlannedProduction& p) {
  if (p.kind != PlannedProduction::Kind::kComposite || p.pattern->kind() != TermKind::kApply) return {};
  return p.pattern->op()->name;
}

TermPtr FillHoles(const TermPtr& pattern, std::span<const TermPtr> children) {
  int next = 0;
  auto make = [&children](int k, const Term&) { return children[k]; };
  return MapHoles(pattern, next, make);
}

absl::StatusOr<GrammarPlan> PlanGrammar(const Task& task, const SynthFun& f) {
  // Grammar-free synth-funs search the logic's operator set.
  Grammar fallback;
  if (!f.grammar) {
    auto made = DefaultGrammar(*task.registry, f, task.logic);
    if (!made.ok()) return made.status();
    fallback = *std::move(made);
  }
  const Grammar& grammar = f.grammar ? *f.grammar : fallback;
  GrammarPlan plan;
  const size_t num_params = f.params.size();
  const size_t n = task.examples.size();
  const std::vector<ValueColumn> inputs = task.InputColumns();
  for (const NonTerminal& nt : grammar.nonterminals) plan.nonterminals.push_back({nt.name, nt.type});
  plan.units_from.assign(plan.nonterminals.size(), {});

  auto add_leaf = [&](int lhs, TermPtr pattern, int cost = 0) {
    PlannedProduction p;
    p.kind = PlannedProduction::Kind::kLeaf;
    p.nonterminal = lhs;
    p.cost = cost > 0 ? cost : pattern->size();
    p.eval_term = InlineMacros(pattern);
    p.pattern = std::move(pattern);
    plan.productions.push_back(std::move(p));
  };

  for (size_t lhs = 0; lhs < grammar.nonterminals.size(); ++lhs) {
    const NonTerminal& nt = grammar.nonterminals[lhs];
    for (const Production& prod : nt.productions) {
      if (prod.kind == Production::Kind::kAnyVariable) {
        for (size_t i = 0; i < num_params; ++i) {
          if (f.params[i].type == prod.type) {
            add_leaf(static_cast<int>(lhs), Term::Variable(static_cast<int>(i), f.params[i].name, prod.type));
          }
        }
        continue;
      }
      if (prod.kind == Production::Kind::kAnyConstant) {
        for (const Value& v : ConstantPool(task, grammar, prod.type))
          add_leaf(static_cast<int>(lhs), Term::Constant(v));
        continue;
      }
      const TermPtr& pattern = prod.pattern;
      if (pattern->kind() == TermKind::kHole) {
        PlannedProduction p;
        p.kind = PlannedProduction::Kind::kUnit;
        p.nonterminal = static_cast<int>(lhs);
        p.cost = 0;
        p.holes = {pattern->index()};
        p.pattern = pattern;
        plan.units_from[pattern->index()].push_back(static_cast<uint32_t>(plan.productions.size()));
        plan.productions.push_back(std::move(p));
        continue;
      }
      std::vector<int> holes;
      CollectHoles(*pattern, holes);
      if (holes.empty()) {
        add_leaf(static_cast<int>(lhs), pattern, prod.cost);
        continue;
      }
      PlannedProduction p;
      p.kind = PlannedProduction::Kind::kComposite;
      p.nonterminal = static_cast<int>(lhs);
      p.cost = pattern->size() - static_cast<int>(holes.size());
      p.holes = holes;
      p.pattern = pattern;
      int next = 0;
      auto to_variable = [num_params](int k, const Term& hole) {
        return Term::Variable(static_cast<int>(num_params) + k, hole.name(), hole.type());
      };
      p.eval_term = InlineMacros(MapHoles(pattern, next, to_variable));
      CompileSteps(*p.eval_term, num_params, inputs, n, p);  // else the interpreter evaluates it
      plan.productions.push_back(std::move(p));
    }
  }
  return plan;
}

}  // namespace progsearch
