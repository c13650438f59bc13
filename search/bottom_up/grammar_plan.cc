#include "search/bottom_up/grammar_plan.h"

#include <algorithm>

#include "core/str_cat.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"

namespace progsearch {
namespace {

// Replaces holes, in pre-order, by what `make(k, hole)` returns.
template <typename F>
TermPtr MapHoles(const TermPtr& t, int& next, F& make) {
  switch (t->kind()) {
    case TermKind::kHole: return make(next++, *t);
    case TermKind::kApply: {
      std::vector<TermPtr> args;
      bool changed = false;
      for (const TermPtr& a : t->args()) {
        args.push_back(MapHoles(a, next, make));
        changed |= args.back() != a;
      }
      return changed ? Term::Apply(t->op(), t->type(), std::move(args)) : t;
    }
    default: return t;
  }
}

void CollectHoles(const Term& t, std::vector<int>& holes) {
  if (t.kind() == TermKind::kHole) holes.push_back(t.index());
  for (const TermPtr& a : t.args()) CollectHoles(*a, holes);
}

bool IsClosed(const Term& t) {
  if (t.kind() == TermKind::kHole) return false;
  for (const TermPtr& a : t.args()) {
    if (!IsClosed(*a)) return false;
  }
  return true;
}

void CollectConstants(const Term& t, std::vector<Value>& out) {
  if (t.kind() == TermKind::kConstant) out.push_back(t.value());
  for (const TermPtr& a : t.args()) CollectConstants(*a, out);
}

// Literals of the task, for (Constant T): grammar literals, spec literals, and the usual small ones.
std::vector<Value> ConstantPool(const Task& task, const SynthFun& f, const Type& type) {
  std::vector<Value> all;
  for (const NonTerminal& nt : f.grammar->nonterminals) {
    for (const Production& p : nt.productions) {
      if (p.pattern) CollectConstants(*p.pattern, all);
    }
  }
  for (const TermPtr& s : task.spec) CollectConstants(*s, all);
  switch (type.kind()) {
    case TypeKind::kInt: all.push_back(Value::Int(0)); all.push_back(Value::Int(1)); break;
    case TypeKind::kBitVec:
      all.push_back(Value::BitVec(type, 0));
      all.push_back(Value::BitVec(type, 1));
      all.push_back(Value::BitVec(type, ~uint64_t{0}));
      break;
    case TypeKind::kBool: all.push_back(Value::Bool(false)); all.push_back(Value::Bool(true)); break;
    case TypeKind::kString: all.push_back(Value::String("")); all.push_back(Value::String(" ")); break;
    default: break;
  }
  std::vector<Value> pool;
  for (const Value& v : all) {
    if (v.type() == type && std::find(pool.begin(), pool.end(), v) == pool.end()) pool.push_back(v);
  }
  return pool;
}

}  // namespace

TermPtr FillHoles(const TermPtr& pattern, std::span<const TermPtr> children) {
  int next = 0;
  auto make = [&children](int k, const Term&) { return children[k]; };
  return MapHoles(pattern, next, make);
}

absl::StatusOr<GrammarPlan> PlanGrammar(const Task& task, const SynthFun& f) {
  if (!f.grammar) {
    return absl::UnimplementedError(StrCat("'", f.name, "' has no grammar; grammar-free tasks need the logic's ",
                                           "default operator set, which bottom-up search does not build yet"));
  }
  GrammarPlan plan;
  const size_t num_params = f.params.size();
  const size_t n = task.examples.size();
  const std::vector<ValueColumn> inputs = task.InputColumns();
  Interpreter interpreter;
  for (const NonTerminal& nt : f.grammar->nonterminals) plan.nonterminals.push_back({nt.name, nt.type});
  plan.units_from.assign(plan.nonterminals.size(), {});

  auto add_leaf = [&](int lhs, TermPtr pattern) {
    PlannedProduction p;
    p.kind = PlannedProduction::Kind::kLeaf;
    p.nonterminal = lhs;
    p.cost = pattern->size();
    p.eval_term = InlineMacros(pattern);
    p.pattern = std::move(pattern);
    plan.productions.push_back(std::move(p));
  };

  for (size_t lhs = 0; lhs < f.grammar->nonterminals.size(); ++lhs) {
    const NonTerminal& nt = f.grammar->nonterminals[lhs];
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
        for (const Value& v : ConstantPool(task, f, prod.type)) add_leaf(static_cast<int>(lhs), Term::Constant(v));
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
        add_leaf(static_cast<int>(lhs), pattern);
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
      // One kernel call when every argument is a hole or fixed (a closed term or a parameter).
      const Term& top = *p.eval_term;
      if (top.kind() == TermKind::kApply && top.op()->kind == PrimitiveKind::kBuiltin) {
        bool direct = true;
        for (const TermPtr& a : top.args()) {
          if (a->kind() == TermKind::kVariable && static_cast<size_t>(a->index()) >= num_params) {
            p.arg_hole.push_back(a->index() - static_cast<int>(num_params));
            p.fixed_args.emplace_back();
          } else if (a->kind() == TermKind::kVariable || IsClosed(*a)) {
            auto column = interpreter.Evaluate(*a, inputs, n);
            if (!column.ok()) {
              direct = false;
              break;
            }
            p.arg_hole.push_back(-1);
            p.fixed_args.push_back(*std::move(column));
          } else {
            direct = false;
            break;
          }
        }
        if (direct) p.direct_op = top.op();
      }
      plan.productions.push_back(std::move(p));
    }
  }
  return plan;
}

}  // namespace progsearch
