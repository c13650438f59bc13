#include "search/lambda/lambda_search.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/type_unify.h"
#include "dsl/interpreter.h"
#include "hashing/functional_hash.h"

namespace progsearch::lambda {

absl::StatusOr<Invention> MakeInvention(const std::string& text, const PrimitiveRegistry& registry) {
  Invention inv;
  inv.text = text;
  ASSIGN_OR_RETURN(LambdaExpr e, ParseLambdaExpr(text));
  inv.body = e.kind == LambdaExpr::Kind::kInvented ? e.children[0] : e;
  ASSIGN_OR_RETURN(inv.type, InferLambdaType(inv.body, registry));
  inv.arity = inv.type.kind() == TypeKind::kFunction ? static_cast<int>(inv.type.args().size()) : 0;
  if (e.kind != LambdaExpr::Kind::kInvented) inv.text = "#" + PrintLambdaExpr(inv.body);
  return inv;
}

namespace {

// Lambda rows one candidate may evaluate: probes are small, so a candidate past this is runaway.
constexpr uint64_t kStepBudget = 4096;

const Type kInt = Type::Int();
const Type kBool = Type::Bool();
const Type kIntList = Type::List(Type::Int());

// Values and lambda parameters live in these types; type variables are instantiated at the first three.
bool InUniverse(const Type& t) { return t == kInt || t == kBool || t == kIntList || t == Type::List(kBool); }

struct ArgSpec {
  Type type;                // the value's type, or the lambda body's
  std::vector<Type> params; // non-empty: the argument is a lambda over these
};

// One production at ground types.
struct Rule {
  std::string head;
  const Primitive* op = nullptr;  // a primitive, or
  TermPtr pattern;                // an abstraction's body, argument i read as Variable(i)
  Type result;
  std::vector<ArgSpec> args;
};

struct Entry {
  TermPtr term;
  std::string text;
  ValueColumn value;  // on the context's probe rows
};

// Every ground instance (variables at Int, Bool, (List Int)) of `scheme` whose types stay in the universe.
std::vector<Type> GroundInstances(const Type& scheme) {
  const Type choices[] = {kInt, kBool, kIntList};
  const int vars = MaxVarId(scheme) + 1;
  std::vector<Type> out;
  std::vector<int> pick(vars, 0);
  while (true) {
    TypeSubstitution s;
    s.Reserve(vars);
    for (int v = 0; v < vars; ++v) s.Unify(Type::Var(v), choices[pick[v]]);
    const Type t = s.Apply(scheme);
    bool ok = true;
    auto check = [&](const Type& x) {
      if (x.kind() == TypeKind::kFunction) {
        for (const Type& p : x.args()) ok &= InUniverse(p);
        ok &= InUniverse(x.result());
      } else {
        ok &= InUniverse(x);
      }
    };
    if (t.kind() == TypeKind::kFunction) {
      for (const Type& a : t.args()) check(a);
      check(t.result());
    } else {
      check(t);
    }
    if (ok) out.push_back(t);
    int v = 0;
    while (v < vars && ++pick[v] == 3) pick[v++] = 0;
    if (v == vars) break;
  }
  return out;
}

std::vector<ArgSpec> ArgSpecs(const std::vector<Type>& args) {
  std::vector<ArgSpec> specs;
  for (const Type& a : args) {
    if (a.kind() == TypeKind::kFunction) {
      specs.push_back({a.result(), a.args()});
    } else {
      specs.push_back({a, {}});
    }
  }
  return specs;
}

std::vector<Rule> BuildRules(const PrimitiveRegistry& registry, const std::vector<Invention>& library) {
  std::vector<Rule> rules;
  for (const std::string& name : registry.Names()) {
    std::optional<Type> scheme = registry.SchemeOf(name);
    if (!scheme) continue;
    for (const Type& t : GroundInstances(*scheme)) {
      const std::vector<Type> args = t.args();
      auto op = registry.Resolve(name, args);
      if (!op.ok()) continue;
      rules.push_back(Rule{name, *op, nullptr, t.result(), ArgSpecs(args)});
    }
  }
  for (const Invention& inv : library) {
    for (const Type& t : GroundInstances(inv.type)) {
      const std::vector<Type> args = t.kind() == TypeKind::kFunction ? t.args() : std::vector<Type>{};
      std::vector<std::string> names;
      for (size_t i = 0; i < args.size(); ++i) names.push_back(StrCat("a", i));
      auto pattern = TypeLambdaProgram(inv.body, t, registry, names);
      if (!pattern.ok()) continue;
      rules.push_back(Rule{inv.text, nullptr, *pattern, args.empty() ? t : t.result(), ArgSpecs(args)});
    }
  }
  return rules;
}

// `t` moved under `d` more lambda parameters: its free bound variables (index >= cutoff) go up by d.
TermPtr Shift(const TermPtr& t, int d, int cutoff) {
  switch (t->kind()) {
    case TermKind::kBoundVar:
      return t->index() >= cutoff ? Term::BoundVar(t->index() + d, t->type()) : t;
    case TermKind::kLambda:
      return Term::Lambda(t->type().args(), Shift(t->body(), d, cutoff + static_cast<int>(t->type().args().size())));
    case TermKind::kApply:
      return MapArgs(t, [&](const TermPtr& a) { return Shift(a, d, cutoff); });
    default:
      return t;
  }
}

// `t` under `depth` binders, with the k parameters of the lambda it was the body of replaced by args
// (BoundVar depth+j is parameter k-1-j) and the indices past them lowered by k: one beta step.
TermPtr SubstituteParams(const TermPtr& t, const std::vector<TermPtr>& args, int depth) {
  const int k = static_cast<int>(args.size());
  switch (t->kind()) {
    case TermKind::kBoundVar: {
      const int j = t->index() - depth;
      if (j < 0) return t;
      if (j < k) return Shift(args[k - 1 - j], depth, 0);
      return Term::BoundVar(t->index() - k, t->type());
    }
    case TermKind::kLambda:
      return Term::Lambda(t->type().args(),
                          SubstituteParams(t->body(), args, depth + static_cast<int>(t->type().args().size())));
    case TermKind::kApply:
      return MapArgs(t, [&](const TermPtr& a) { return SubstituteParams(a, args, depth); });
    default:
      return t;
  }
}

// An abstraction's pattern with Variable(i) replaced by args[i] (shifted under the pattern's lambdas);
// a function parameter applied in the body, now a lambda, is beta-reduced.
TermPtr Instantiate(const TermPtr& pattern, const std::vector<TermPtr>& args, int depth) {
  switch (pattern->kind()) {
    case TermKind::kVariable:
      return depth == 0 ? args[pattern->index()] : Shift(args[pattern->index()], depth, 0);
    case TermKind::kLambda:
      return Term::Lambda(pattern->type().args(),
                          Instantiate(pattern->body(), args, depth + static_cast<int>(pattern->type().args().size())));
    case TermKind::kApply: {
      TermPtr t = MapArgs(pattern, [&](const TermPtr& a) { return Instantiate(a, args, depth); });
      if (t->op() == ParameterCall() && t->args()[0]->kind() == TermKind::kLambda &&
          t->args()[0]->type().args().size() == t->args().size() - 1) {
        return SubstituteParams(t->args()[0]->body(), std::vector<TermPtr>(t->args().begin() + 1, t->args().end()), 0);
      }
      return t;
    }
    default:
      return pattern;
  }
}

// Probe rows of a context and its tables of distinct programs by type and cost.
struct Context {
  std::vector<Type> params;  // lambda parameters in scope, outermost first
  size_t rows = 0;
  std::vector<uint32_t> root_row;   // the example each row comes from
  std::vector<ValueColumn> inputs;  // the task's inputs on these rows
  std::vector<ValueColumn> bound;   // one column per parameter
  // The same by address, as the interpreter takes them (the columns above never move).
  std::vector<const ValueColumn*> input_ptrs, bound_ptrs;
  // Node map: entries' vectors stay put while new types are added.
  absl::node_hash_map<Type, std::vector<std::vector<Entry>>> table;
  absl::flat_hash_set<uint64_t> seen;
  int filled = 0;  // programs of every cost up to this one are in the tables
  absl::flat_hash_map<std::vector<Type>, int> children;
  int depth = 0;
};

class Enumerator {
 public:
  Enumerator(const ListTask& task, const std::vector<Invention>& library, const PrimitiveRegistry& registry,
             const SearchOptions& options)
      : task_(task), options_(options), rules_(BuildRules(registry, library)) {
    EvalLimits limits;
    limits.max_lambda_rows = kStepBudget;
    interpreter_ = Interpreter(limits);
    auto root = std::make_unique<Context>();
    root->rows = task.examples.size();
    for (size_t r = 0; r < root->rows; ++r) root->root_row.push_back(static_cast<uint32_t>(r));
    const std::vector<Type> in = task.request.args();
    for (size_t i = 0; i < in.size(); ++i) {
      std::vector<Value> column;
      for (const Example& e : task.examples) column.push_back(e.inputs[i]);
      root->inputs.push_back(ValueColumn::FromValues(in[i], column));
    }
    std::vector<Value> outputs;
    for (const Example& e : task.examples) outputs.push_back(e.output);
    expected_ = ValueColumn::FromValues(task.request.result(), outputs);
    BuildPools();
    AddContext(std::move(root));
  }

  SearchResult Run() {
    for (int cost = 1; cost <= options_.max_cost; ++cost) {
      if (!Fill(0, cost)) break;
      result_.max_cost_done = cost;
    }
    if (result_.stop_reason.empty()) result_.stop_reason = "cost limit";
    return result_;
  }

 private:
  // Sample values per type for each example: ints from its input lists, short lists, both Booleans.
  void BuildPools() {
    for (const Example& e : task_.examples) {
      std::vector<Value> ints, lists;
      for (const Value& v : e.inputs) {
        if (v.type() == kInt) ints.push_back(v);
        if (v.type() == kIntList) {
          for (const Value& x : v.as_list()) {
            if (std::find(ints.begin(), ints.end(), x) == ints.end()) ints.push_back(x);
          }
          if (!v.as_list().empty()) {
            lists.push_back(v);
            if (v.as_list().size() > 1) {
              lists.push_back(Value::List(kInt, std::vector<Value>(v.as_list().begin() + 1, v.as_list().end())));
            }
          }
        }
      }
      for (int64_t k : {0, 1, 2, 5}) {
        if (std::find(ints.begin(), ints.end(), Value::Int(k)) == ints.end()) ints.push_back(Value::Int(k));
      }
      lists.push_back(Value::List(kInt, {Value::Int(3), Value::Int(1), Value::Int(2)}));
      lists.push_back(Value::List(kInt, {Value::Int(0)}));
      absl::flat_hash_map<Type, std::vector<Value>> pool;
      pool[kInt] = std::move(ints);
      pool[kIntList] = std::move(lists);
      pool[kBool] = {Value::Bool(false), Value::Bool(true)};
      pool[Type::List(kBool)] = {Value::List(kBool, {Value::Bool(true), Value::Bool(false)})};
      pools_.push_back(std::move(pool));
    }
  }

  // The context of a lambda over `params` inside context `parent`, made on first use.
  int Child(int parent, const std::vector<Type>& params) {
    if (auto it = contexts_[parent]->children.find(params); it != contexts_[parent]->children.end()) return it->second;
    const Context& p = *contexts_[parent];
    auto c = std::make_unique<Context>();
    c->params = p.params;
    c->params.insert(c->params.end(), params.begin(), params.end());
    c->depth = p.depth + 1;
    size_t combos = 1;
    for (size_t k = 0; k < params.size(); ++k) combos *= options_.probe_values;
    const size_t parents = std::max<size_t>(1, std::min(p.rows, options_.max_probe_rows / combos));
    std::vector<uint32_t> parent_rows;
    std::vector<std::vector<Value>> values(params.size());
    for (size_t i = 0; i < parents; ++i) {
      // Parent rows spread over all of the parent's rows, so a nested context still sees every example.
      const size_t r = i * p.rows / parents;
      const auto& pool = pools_[p.root_row[r]];
      for (size_t combo = 0; combo < combos; ++combo) {
        size_t rest = combo;
        for (size_t k = 0; k < params.size(); ++k) {
          const std::vector<Value>& choices = pool.at(params[k]);
          values[k].push_back(choices[(rest % options_.probe_values + r) % choices.size()]);
          rest /= options_.probe_values;
        }
        parent_rows.push_back(static_cast<uint32_t>(r));
        c->root_row.push_back(p.root_row[r]);
      }
    }
    c->rows = parent_rows.size();
    for (const ValueColumn& in : p.inputs) c->inputs.push_back(ValueColumn::Gather(in, parent_rows));
    for (const ValueColumn& b : p.bound) c->bound.push_back(ValueColumn::Gather(b, parent_rows));
    for (size_t k = 0; k < params.size(); ++k) c->bound.push_back(ValueColumn::FromValues(params[k], values[k]));
    const int id = AddContext(std::move(c));
    contexts_[parent]->children[params] = id;
    return id;
  }

  // Stores a context whose columns are complete, with their addresses; returns its id.
  int AddContext(std::unique_ptr<Context> c) {
    for (const ValueColumn& in : c->inputs) c->input_ptrs.push_back(&in);
    for (const ValueColumn& b : c->bound) c->bound_ptrs.push_back(&b);
    contexts_.push_back(std::move(c));
    return static_cast<int>(contexts_.size()) - 1;
  }

  // Makes sure context `id` holds every program up to `cost`; false once the search must stop.
  bool Fill(int id, int cost) {
    while (contexts_[id]->filled < cost) {
      if (!FillLevel(id, contexts_[id]->filled + 1)) return false;
      ++contexts_[id]->filled;
    }
    return true;
  }

  bool FillLevel(int id, int cost) {
    if (cost == 1) {
      const size_t m = contexts_[id]->params.size();
      const std::vector<Type> in = task_.request.args();
      for (size_t i = 0; i < in.size(); ++i) {
        TermPtr v = Term::Variable(static_cast<int>(i), StrCat("x", i), in[i]);
        std::string text = StrCat("$", m + in.size() - 1 - i);
        auto make = [&] { return std::make_pair(v, text); };
        if (!Offer(id, contexts_[id]->inputs[i], make, 1)) return false;
      }
      for (size_t j = 0; j < m; ++j) {
        const int index = static_cast<int>(m - 1 - j);
        TermPtr v = Term::BoundVar(index, contexts_[id]->params[j]);
        std::string text = StrCat("$", index);
        auto make = [&] { return std::make_pair(v, text); };
        if (!Offer(id, contexts_[id]->bound[j], make, 1)) return false;
      }
    }
    for (const Rule& rule : rules_) {
      if (!FillRule(id, rule, cost)) return false;
    }
    return true;
  }

  // Programs `rule` heads at exactly `cost` in context `id`: every split of the arguments' cost.
  bool FillRule(int id, const Rule& rule, int cost) {
    const size_t k = rule.args.size();
    const int left = cost - 1;
    if (k == 0) return left != 0 || Emit(id, rule, cost, {});
    if (left < static_cast<int>(k)) return true;
    std::vector<int> arg_ctx(k);
    for (size_t i = 0; i < k; ++i) {
      if (rule.args[i].params.empty()) {
        arg_ctx[i] = id;
      } else {
        if (contexts_[id]->depth >= options_.max_lambda_depth) return true;
        arg_ctx[i] = Child(id, rule.args[i].params);
        if (!Fill(arg_ctx[i], left - static_cast<int>(k) + 1)) return false;
      }
    }
    std::vector<int> split(k);
    return Splits(id, rule, cost, arg_ctx, split, 0, left);
  }

  bool Splits(int id, const Rule& rule, int cost, const std::vector<int>& arg_ctx, std::vector<int>& split, size_t i,
              int left) {
    const size_t k = split.size();
    if (i + 1 == k) {
      split[i] = left;
      std::vector<const Entry*> args(k);
      return Product(id, rule, cost, arg_ctx, split, 0, args);
    }
    for (int c = 1; c <= left - static_cast<int>(k - 1 - i); ++c) {
      split[i] = c;
      if (!Splits(id, rule, cost, arg_ctx, split, i + 1, left - c)) return false;
    }
    return true;
  }

  // Every choice of argument programs for one cost split.
  bool Product(int id, const Rule& rule, int cost, const std::vector<int>& arg_ctx, const std::vector<int>& split,
               size_t i, std::vector<const Entry*>& args) {
    if (i == split.size()) return Emit(id, rule, cost, args);
    for (const Entry& e : Level(*contexts_[arg_ctx[i]], rule.args[i].type, split[i])) {
      args[i] = &e;
      if (!Product(id, rule, cost, arg_ctx, split, i + 1, args)) return false;
    }
    return true;
  }

  std::vector<Entry>& Level(Context& c, const Type& type, int cost) {
    std::vector<std::vector<Entry>>& levels = c.table[type];
    if (levels.size() <= static_cast<size_t>(options_.max_cost)) levels.resize(options_.max_cost + 1);
    return levels[cost];
  }

  // Runs a higher-order primitive's lambdas for the search: a lambda's body on the batch rows, in the
  // context's scope; a deferred argument (if's branches) from its stored column.
  class Runner : public LambdaRunner {
   public:
    Runner(const Interpreter& interpreter, const Context& c, const Rule& rule, const std::vector<const Entry*>& args,
           EvalContext& ctx)
        : interpreter_(interpreter), c_(c), rule_(rule), args_(args), ctx_(ctx) {}

    absl::StatusOr<ValueColumn> Run(size_t arg, std::span<const ValueColumn* const> params,
                                    std::span<const uint32_t> parents) override {
      if (rule_.args[arg].params.empty()) return ValueColumn::Gather(args_[arg]->value, parents);
      return interpreter_.EvaluateOnRows(*args_[arg]->term, c_.input_ptrs, c_.bound_ptrs, params, parents, ctx_);
    }

   private:
    const Interpreter& interpreter_;
    const Context& c_;
    const Rule& rule_;
    const std::vector<const Entry*>& args_;
    EvalContext& ctx_;
  };

  // The candidate's outputs on the context's rows, from its arguments' stored outputs.
  absl::StatusOr<ValueColumn> Evaluate(const Context& c, const Rule& rule, const std::vector<const Entry*>& args,
                                       const TermPtr& instance) {
    if (rule.op == nullptr) return interpreter_.EvaluateBody(*instance, c.input_ptrs, c.bound_ptrs, c.rows);
    std::vector<const ValueColumn*> columns(args.size(), nullptr);
    for (size_t i = 0; i < args.size(); ++i) {
      if (rule.args[i].params.empty() && ((rule.op->deferred_args >> i) & 1) == 0) columns[i] = &args[i]->value;
    }
    EvalContext ctx;
    ctx.lambda_rows_left = kStepBudget;
    ValueColumn out(rule.result, c.rows);
    Runner runner(interpreter_, c, rule, args, ctx);
    RETURN_IF_ERROR(RunPrimitive(*rule.op, columns, &runner, out, ctx));
    return out;
  }

  bool Emit(int id, const Rule& rule, int cost, const std::vector<const Entry*>& args) {
    TermPtr instance;
    if (rule.op == nullptr) {
      std::vector<TermPtr> terms;
      for (size_t i = 0; i < args.size(); ++i) {
        terms.push_back(rule.args[i].params.empty() ? args[i]->term : Term::Lambda(rule.args[i].params, args[i]->term));
      }
      instance = Instantiate(rule.pattern, terms, 0);
    }
    absl::StatusOr<ValueColumn> value = Evaluate(*contexts_[id], rule, args, instance);
    auto make = [&]() {
      std::string text;
      std::vector<TermPtr> terms;
      if (args.empty()) {
        text = rule.head;
      } else {
        text = "(" + rule.head;
        for (size_t i = 0; i < args.size(); ++i) {
          const std::vector<Type>& params = rule.args[i].params;
          terms.push_back(params.empty() ? args[i]->term : Term::Lambda(params, args[i]->term));
          text += ' ';
          for (size_t j = 0; j < params.size(); ++j) text += "(lambda ";
          text += args[i]->text;
          text.append(params.size(), ')');
        }
        text += ')';
      }
      TermPtr term = instance != nullptr ? instance : Term::Apply(rule.op, rule.result, std::move(terms));
      return std::make_pair(std::move(term), std::move(text));
    };
    return Offer(id, std::move(value), make, cost);
  }

  // Keeps a candidate when its outputs on the context's rows are new there; `make` builds its term and
  // text, only for those kept.
  template <typename Make>
  bool Offer(int id, absl::StatusOr<ValueColumn> value, const Make& make, int cost) {
    Context& c = *contexts_[id];
    if ((++result_.candidates & 255) == 0 && options_.deadline.expired()) {
      result_.stop_reason = options_.deadline.stopped() ? "interrupted" : "deadline";
      return false;
    }
    if (!value.ok()) return true;  // fails on a probe row: not kept
    if (!c.seen.insert(FunctionalHash(*value)).second) return true;
    auto [term, text] = make();
    if (id == 0 && value->type() == expected_.type() && *value == expected_) {
      result_.solved = true;
      result_.program = "(lambda " + text + ")";
      for (size_t i = 1; i < task_.request.args().size(); ++i) result_.program = "(lambda " + result_.program + ")";
      result_.cost = cost;
      result_.stop_reason = "solved";
      return false;
    }
    const Type type = term->type();
    Level(c, type, cost).push_back(Entry{std::move(term), std::move(text), *std::move(value)});
    if (++result_.kept >= options_.max_programs) {
      result_.stop_reason = "program limit";
      return false;
    }
    return true;
  }

  const ListTask& task_;
  SearchOptions options_;
  std::vector<Rule> rules_;
  Interpreter interpreter_;
  ValueColumn expected_;
  std::vector<absl::flat_hash_map<Type, std::vector<Value>>> pools_;
  std::vector<std::unique_ptr<Context>> contexts_;
  SearchResult result_;
};

}  // namespace

SearchResult SolveListTask(const ListTask& task, const std::vector<Invention>& library,
                           const PrimitiveRegistry& registry, const SearchOptions& options) {
  return Enumerator(task, library, registry, options).Run();
}

}  // namespace progsearch::lambda
