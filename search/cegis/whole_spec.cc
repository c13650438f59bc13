#include "search/cegis/whole_spec.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/default_grammar.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"
#include "search/cegis/points.h"
#include "search/cegis/spec_elimination.h"
#include "search/cegis/spec_rewrite.h"
#include "search/cegis/technique.h"

namespace progsearch {
namespace {

constexpr int kMaxSpecTerms = 32;

// Applications of `f` whose arguments do not apply `f` (their arguments are known at a point).
void CollectPlainCalls(const TermPtr& t, const Primitive* f, std::vector<TermPtr>& out) {
  if (t->kind() != TermKind::kApply) return;
  for (const TermPtr& a : t->args()) CollectPlainCalls(a, f, out);
  if (t->op() != f) return;
  for (const TermPtr& a : t->args()) {
    if (Mentions(*a, f)) return;
  }
  out.push_back(t);
}

}  // namespace

absl::StatusOr<Task> WithSpecTerms(const Task& task, const TermPtr& call) {
  Task seeded = task;
  SynthFun& f = seeded.synth_funs[0];
  auto as_param = ArgumentParameters(*call, f, task.declared_vars.size());
  if (f.grammar || !as_param) return seeded;
  ASSIGN_OR_RETURN(Grammar grammar, DefaultGrammar(*task.registry, f, task.logic));
  std::vector<TermPtr> spec;
  for (const TermPtr& c : task.spec) spec.push_back(InlineMacros(c));
  int added = 0;
  for (const TermPtr& t : SubtermsOfType(spec, f.result)) {
    if (t->size() < 2 || !VariablesWithin(*t, *as_param) || added >= kMaxSpecTerms) continue;
    Production p;
    p.kind = Production::Kind::kTerm;
    p.pattern = SubstituteVariables(t, *as_param);
    p.type = f.result;
    p.cost = 1;
    grammar.nonterminals[0].productions.push_back(std::move(p));
    ++added;
  }
  f.grammar = std::move(grammar);
  return seeded;
}

namespace {

// Enumerates with candidates judged by the whole spec at every point; counterexamples become points.
absl::Status RunWholeSpec(const Task& task, const CegisConfig& config, CegisClock::time_point start, const CegisRunner& runner,
                          CegisResult& result) {
  const SynthFun& f = task.synth_funs[0];
  std::vector<TermPtr> calls;
  for (const TermPtr& c : task.spec) CollectPlainCalls(c, f.primitive, calls);
  if (calls.empty()) {
    return absl::UnimplementedError(StrCat("every application of '", f.name, "' has an argument that applies it"));
  }
  ASSIGN_OR_RETURN(const Task seeded, WithSpecTerms(task, calls[0]));
  std::vector<std::vector<Value>> points = InitialPoints(task.declared_vars, config.initial_points(), config.seed());
  const std::vector<ValueColumn> example_inputs = task.InputColumns();
  const ValueColumn example_outputs = task.OutputColumn();
  result.methods = {CegisMethod::kWholeSpec};
  const Interpreter interpreter;
  while (true) {
    const size_t n = points.size();
    const std::vector<ValueColumn> declared = PointColumns(task.declared_vars, points);
    // Candidates are told apart by their values at the task's examples and at every argument list the
    // spec applies f to; the expected outputs are placeholders, since `accept` judges candidates.
    Task pbe = seeded;
    pbe.spec.clear();
    absl::flat_hash_set<std::string> seen;
    for (Example& e : pbe.examples) {
      std::string key;
      for (const Value& v : e.inputs) key += v.ToString() + " ";
      seen.insert(key);
    }
    for (const TermPtr& call : calls) {
      std::vector<ValueColumn> args;
      for (const TermPtr& a : call->args()) {
        auto column = interpreter.Evaluate(*a, declared, n);
        if (!column.ok()) break;
        args.push_back(*std::move(column));
      }
      if (args.size() != call->args().size()) continue;
      for (size_t i = 0; i < n; ++i) {
        Example e;
        std::string key;
        for (const ValueColumn& a : args) {
          e.inputs.push_back(a.Get(i));
          key += e.inputs.back().ToString() + " ";
        }
        e.output = DefaultBody(f.result)->value();
        if (seen.insert(key).second) pbe.examples.push_back(std::move(e));
      }
    }
    BottomUpHooks hooks = runner.SearchHooks();
    hooks.accept = [&](const TermPtr& program) {
      if (!task.examples.empty()) {
        auto got = interpreter.Evaluate(*program, example_inputs, task.examples.size());
        if (!got.ok() || !(*got == example_outputs)) return false;
      }
      SynthBindings bindings;
      bindings[f.primitive] = program;
      for (const TermPtr& c : task.spec) {
        auto holds = interpreter.Evaluate(*c, declared, n, &bindings);
        if (!holds.ok()) return false;
        for (size_t i = 0; i < n; ++i) {
          if (!holds->Get(i).as_bool()) return false;
        }
      }
      return true;
    };
    result.examples = static_cast<int>(n);
    ASSIGN_OR_RETURN(std::optional<std::vector<std::vector<Value>>> counterexamples,
                     SearchAndProve(task, pbe, config.search(), hooks, config, start, result));
    if (!counterexamples) break;
    const size_t before = points.size();
    for (const std::vector<Value>& counterexample : *counterexamples) {
      if (std::find(points.begin(), points.end(), counterexample) == points.end()) points.push_back(counterexample);
    }
    if (points.size() == before) {
      result.reason = StopReason::kExhausted;
      result.note = "the counterexamples gave no new point";
      break;
    }
  }
  return absl::OkStatus();
}

class WholeSpecEnumeration : public CegisTechnique {
 public:
  CegisMethod method() const override { return CegisMethod::kWholeSpec; }

  bool CanTake(const CegisProblem& problem, const CegisConfig&) const override {
    return problem.task().synth_funs.size() == 1 && !problem.single_invocation();
  }

  absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config, CegisClock::time_point start,
                              const CegisRunner& runner, CegisResult& result, std::string&) const override {
    RETURN_IF_ERROR(RunWholeSpec(problem.task(), config, start, runner, result));
    return Outcome::kFinal;
  }
};

}  // namespace

std::unique_ptr<CegisTechnique> MakeWholeSpecEnumeration() { return std::make_unique<WholeSpecEnumeration>(); }

}  // namespace progsearch
