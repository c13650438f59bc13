#include "search/cegis/cegis.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/default_grammar.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"
#include "dsl/program_reader.h"
#include "search/cegis/spec_elimination.h"
#include "search/cegis/spec_rewrite.h"
#include "search/cegis/term_cover.h"
#include "verify/hash_audit.h"
#include "verify/z3_encoder.h"

namespace progsearch {
namespace {

// Every application of `f` in `t`, with its argument list printed (to compare them).
void CollectCalls(const TermPtr& t, const Primitive* f, std::vector<std::pair<std::string, TermPtr>>& out) {
  if (t->kind() != TermKind::kApply) return;
  for (const TermPtr& a : t->args()) CollectCalls(a, f, out);
  if (t->op() != f) return;
  std::string key;
  for (const TermPtr& a : t->args()) key += PrintTerm(*a) + " ";
  out.push_back({key, t});
}

// Candidate inputs for the declared variables: the edge values first (each variable rotated by its
// position, so they vary together), then small values. `progsearch audit-hash` chose these: on random
// bit-vector programs, 7 edge values plus 8 small ones (shift amounts) merge 3.8% of programs falsely
// where 32 random words merge 59% (docs/BENCHMARKS.md).
Value PointValue(const Type& type, int index, int variable, std::mt19937_64& rng) {
  switch (type.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBitVec: {
      const std::vector<Value> edges = EdgeValues(type);
      if (index < static_cast<int>(edges.size())) return edges[(index + variable) % edges.size()];
      return SmallValue(type, rng);
    }
    case TypeKind::kBool:
      return Value::Bool(index < 2 ? index == 1 : rng() % 2 == 1);
    case TypeKind::kString: {
      static const char* edges[] = {"", "a", "ab"};
      if (index < 3) return Value::String(edges[index]);
      std::string s;
      for (uint64_t n = rng() % 5; n > 0; --n) s += static_cast<char>('a' + rng() % 3);
      return Value::String(s);
    }
    default:
      return DefaultBody(type)->value();
  }
}

class Oracle {
 public:
  // `call`: the one application of the synth-fun in the spec, over the declared variables.
  Oracle(const Task& task, TermPtr call)
      : task_(task), encoder_(ctx_, task.declared_vars), call_term_(std::move(call)) {
    encoder_.set_uninterpreted_synth_funs(true);
  }

  // Oracle queries end by `deadline` (each also within 5 s): CEGIS keeps to its budget.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }
  unsigned TimeoutMs() const {
    const double left = std::chrono::duration<double, std::milli>(deadline_ - std::chrono::steady_clock::now()).count();
    return static_cast<unsigned>(std::clamp(left, 1.0, 5000.0));
  }

  absl::Status Init() {
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

  // The candidate's value at `point`: the call evaluated with `program` bound to the synth-fun.
  std::optional<Value> CandidateAt(const std::vector<Value>& point, const TermPtr& program) const {
    std::vector<ValueColumn> inputs;
    for (const Value& v : point) inputs.push_back(ValueColumn::FromValues(v.type(), std::vector<Value>{v}));
    SynthBindings bindings;
    bindings[task_.synth_funs[0].primitive] = program;
    auto out = Interpreter().Evaluate(*call_term_, inputs, 1, &bindings);
    if (!out.ok()) return std::nullopt;
    return out->Get(0);
  }

  // A point (values of the declared variables) where some return value of f breaks the spec, other than
  // the points in `avoid`; nullopt when there is none (every f satisfies the spec) or Z3 cannot tell.
  absl::StatusOr<std::optional<std::vector<Value>>> ConstrainingPoint(const std::vector<std::vector<Value>>& avoid) {
    try {
      z3::solver solver(ctx_);
      z3::params params(ctx_);
      params.set("timeout", TimeoutMs());
      solver.set(params);
      solver.add(!*spec_);
      for (const std::vector<Value>& point : avoid) {
        ASSIGN_OR_RETURN(z3::expr_vector values, ToZ3(point));
        z3::expr same = ctx_.bool_val(true);
        for (size_t i = 0; i < point.size(); ++i) same = same && encoder_.variables()[i] == values[i];
        solver.add(!same);
      }
      if (solver.check() != z3::sat) return std::optional<std::vector<Value>>();
      z3::model model = solver.get_model();
      std::vector<Value> point;
      for (size_t i = 0; i < task_.declared_vars.size(); ++i) {
        ASSIGN_OR_RETURN(Value v, ValueFromZ3(model.eval(encoder_.variables()[i], true), task_.declared_vars[i].type));
        point.push_back(v);
      }
      return std::optional<std::vector<Value>>(point);
    } catch (const z3::exception& e) {
      return absl::InternalError(StrCat("z3: ", e.msg()));
    }
  }

  // The example `point` (values of the declared variables) gives: f's arguments there and a value f
  // must return (other than `exclude`, if given). nullopt when any value will do (the point constrains
  // nothing) or no value will (the spec is unrealizable there; `unrealizable` is then set).
  absl::StatusOr<std::optional<Example>> ExampleAt(const std::vector<Value>& point, const std::optional<Value>& exclude,
                                                   bool& unrealizable) {
    unrealizable = false;
    z3::expr_vector from(ctx_);
    for (const z3::expr& v : encoder_.variables()) from.push_back(v);
    ASSIGN_OR_RETURN(z3::expr_vector to, ToZ3(point));
    z3::expr spec = spec_->substitute(from, to);
    z3::expr call = call_->substitute(from, to);
    try {
      z3::solver any(ctx_);
      z3::params any_params(ctx_);
      any_params.set("timeout", TimeoutMs());
      any.set(any_params);
      any.add(!spec);
      if (any.check() == z3::unsat) return std::optional<Example>();
      z3::solver solver(ctx_);
      z3::params params(ctx_);
      params.set("timeout", TimeoutMs());
      solver.set(params);
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
        ASSIGN_OR_RETURN(Value v,
                         ValueFromZ3(model.eval(encoded_args_[i].substitute(from, to), true), f.params[i].type));
        example.inputs.push_back(v);
      }
      ASSIGN_OR_RETURN(example.output, ValueFromZ3(model.eval(call, true), f.result));
      return std::optional<Example>(example);
    } catch (const z3::exception& e) {
      return absl::InternalError(StrCat("z3: ", e.msg()));
    }
  }

 private:
  absl::StatusOr<z3::expr_vector> ToZ3(const std::vector<Value>& point) {
    z3::expr_vector out(ctx_);
    for (const Value& v : point) {
      ASSIGN_OR_RETURN(z3::expr e, ValueToZ3(ctx_, v));
      out.push_back(e);
    }
    return out;
  }

  const Task& task_;
  z3::context ctx_;
  Z3Encoder encoder_;
  TermPtr call_term_;
  std::optional<z3::expr> spec_, call_;
  std::vector<z3::expr> encoded_args_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxSpecTerms = 32;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The proof limits for a proof that must end by the run's budget.
ProofLimits LimitsLeft(const CegisConfig& config, Clock::time_point start) {
  ProofLimits limits = config.proof;
  const double remaining_ms = std::max(1.0, (config.timeout_seconds - SecondsSince(start)) * 1000);
  limits.timeout_ms = static_cast<unsigned>(std::min<double>(limits.timeout_ms, remaining_ms));
  return limits;
}

void AddRound(CegisResult& result, const BottomUpResult& round) {
  result.stats.candidates += round.stats.candidates;
  result.stats.distinct_values += round.stats.distinct_values;
  result.stats.cost = round.stats.cost;
  result.stats.memory_bytes = std::max(result.stats.memory_bytes, round.stats.memory_bytes);
}

absl::StatusOr<CegisResult> RunSingleInvocation(const Task& task, const TermPtr& call, const CegisConfig& config,
                                                Clock::time_point start);
// The task with f's grammar (the default one, for a grammar-free f) extended by the spec's terms of f's
// type, as leaves of cost 1, read over f's parameters through `call` (which must apply f to distinct
// variables). A bound such as (<= (f x y) (+ (* 100 x) 1000)) then needs no search for 100x + 1000.
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

absl::StatusOr<CegisResult> RunMultiInvocation(const Task& task, const CegisConfig& config, Clock::time_point start);
absl::StatusOr<CegisResult> RunAny(const Task& task, const CegisConfig& config, Clock::time_point start);

// Several synth-funs, or one applied to different arguments: definitions are eliminated first, and
// what is left is solved by CEGIS; one function whose spec applies it to several argument lists is
// enumerated against the whole spec.
absl::StatusOr<CegisResult> RunEliminating(const Task& task, const CegisConfig& config, Clock::time_point start) {
  const Elimination elimination = EliminateDefinitions(task);
  if (elimination.eliminated == 0) {
    if (task.synth_funs.size() == 1) return RunMultiInvocation(task, config, start);
    return absl::UnimplementedError(StrCat("the spec constrains ", task.synth_funs.size(),
                                           " synth-funs together and defines none of them through the others"));
  }
  CegisResult result;
  std::vector<TermPtr> free_bodies;
  const Task& reduced = elimination.reduced;
  if (reduced.spec.empty()) {
    // Nothing constrains the functions left: any body will do.
    for (const SynthFun& f : reduced.synth_funs) free_bodies.push_back(DefaultBody(f.result));
  } else if (reduced.synth_funs.size() == 1) {
    CegisConfig rest = config;
    rest.timeout_seconds = std::max(0.0, config.timeout_seconds - SecondsSince(start));
    ASSIGN_OR_RETURN(result, RunCegis(reduced, rest));
    if (result.reason != StopReason::kSolved) return result;
    free_bodies.push_back(result.program);
  } else {
    return absl::UnimplementedError(StrCat("after ", elimination.eliminated, " definitions, ",
                                           reduced.synth_funs.size(), " synth-funs are still constrained together"));
  }
  std::vector<TermPtr> bodies = ComposeBodies(task, elimination, free_bodies);
  ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).ProveBodies(task, bodies));
  result.prover_seconds += proof.seconds;
  result.method = result.method.empty() ? "definitions" : StrCat("definitions + ", result.method);
  if (proof.verdict == Verdict::kProved) {
    result.reason = StopReason::kSolved;
    result.programs = std::move(bodies);
    result.program = result.programs[0];
  } else {
    result.reason = StopReason::kExhausted;
    result.note = StrCat("the composed definitions were ", VerdictName(proof.verdict), " ", proof.reason);
  }
  result.seconds = SecondsSince(start);
  result.stats.seconds = result.seconds;
  return result;
}

}  // namespace

absl::StatusOr<CegisResult> RunCegis(const Task& task, const CegisConfig& config) {
  ASSIGN_OR_RETURN(CegisResult result, RunAny(task, config, Clock::now()));
  if (result.reason == StopReason::kSolved && result.programs.empty()) result.programs = {result.program};
  return result;
}

namespace {

absl::StatusOr<CegisResult> RunAny(const Task& task, const CegisConfig& config, Clock::time_point start) {
  if (task.synth_funs.empty()) return absl::InvalidArgumentError("the task has no synth-fun");
  if (task.spec.empty()) return absl::InvalidArgumentError("CEGIS needs a logical spec; this task has only examples");
  if (task.synth_funs.size() > 1) return RunEliminating(task, config, start);
  const SynthFun& f = task.synth_funs[0];
  std::vector<std::pair<std::string, TermPtr>> calls;
  for (const TermPtr& c : task.spec) CollectCalls(c, f.primitive, calls);
  if (calls.empty()) return absl::InvalidArgumentError(StrCat("the spec never applies '", f.name, "'"));
  for (const auto& call : calls) {
    if (call.first != calls[0].first) return RunEliminating(task, config, start);
  }
  return RunSingleInvocation(task, calls[0].second, config, start);
}

absl::StatusOr<CegisResult> RunSingleInvocation(const Task& task, const TermPtr& call, const CegisConfig& config,
                                                Clock::time_point start) {
  auto elapsed = [&] { return SecondsSince(start); };
  const SynthFun& f = task.synth_funs[0];
  CegisResult result;
  std::string cover_note;  // why the term cover did not answer, for the final note
  if (config.term_cover_share > 0 && !f.grammar) {
    const Deadline cover_deadline =
        Deadline::In(std::chrono::duration<double>(config.timeout_seconds * config.term_cover_share));
    ASSIGN_OR_RETURN(TermCoverResult cover, SolveByTermCover(task, call, cover_deadline));
    cover_note = StrCat("term cover: ", cover.note);
    if (cover.program != nullptr) {
      ASSIGN_OR_RETURN(ProofResult proof, ThreadProver(LimitsLeft(config, start)).Prove(task, cover.program));
      result.prover_seconds += proof.seconds;
      result.rounds = 1;
      cover_note = StrCat("the term cover's program was ", VerdictName(proof.verdict), " ", proof.reason);
      if (proof.verdict == Verdict::kProved) {
        result.reason = StopReason::kSolved;
        result.program = cover.program;
        result.method = "term cover";
        result.seconds = elapsed();
        result.stats.seconds = result.seconds;
        return result;
      }
    }
  }
  result.method = "enumeration";

  Oracle oracle(task, call);
  RETURN_IF_ERROR(oracle.Init());
  oracle.set_deadline(
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config.timeout_seconds)));

  Task pbe = task;  // the examples grow; the spec stays for the final proofs
  std::mt19937_64 rng(config.seed);
  auto add_point = [&](const std::vector<Value>& point, const std::optional<Value>& exclude) -> absl::Status {
    bool unrealizable = false;
    ASSIGN_OR_RETURN(std::optional<Example> example, oracle.ExampleAt(point, exclude, unrealizable));
    if (unrealizable && !exclude) return absl::FailedPreconditionError("the spec has no solution at some point");
    if (example) pbe.examples.push_back(*std::move(example));
    return absl::OkStatus();
  };
  // Initial points: edge and random values, then points Z3 finds where the spec constrains f (random
  // points may all miss a precondition such as x0 < x1 < ... < x15).
  std::vector<std::vector<Value>> tried;
  for (int k = 0; k < config.initial_points; ++k) {
    std::vector<Value> point;
    for (size_t v = 0; v < task.declared_vars.size(); ++v) {
      point.push_back(PointValue(task.declared_vars[v].type, k, static_cast<int>(v), rng));
    }
    tried.push_back(point);
    RETURN_IF_ERROR(add_point(point, std::nullopt));
  }
  for (int k = 0; k < config.initial_points && static_cast<int>(pbe.examples.size()) < config.initial_points; ++k) {
    ASSIGN_OR_RETURN(std::optional<std::vector<Value>> point, oracle.ConstrainingPoint(tried));
    if (!point) break;
    tried.push_back(*point);
    RETURN_IF_ERROR(add_point(*point, std::nullopt));
  }
  if (pbe.examples.empty()) {
    return absl::FailedPreconditionError("the spec holds whatever the function returns: nothing to synthesize");
  }

  while (true) {
    const double left = config.timeout_seconds - elapsed();
    if (left <= 0) {
      result.reason = StopReason::kTimeout;
      break;
    }
    if (result.rounds >= config.max_rounds) {
      result.reason = StopReason::kExhausted;
      result.note = StrCat("no proved program after ", config.max_rounds, " rounds");
      break;
    }
    BottomUpConfig search = config.search;
    search.timeout_seconds = search.timeout_seconds > 0 ? std::min(search.timeout_seconds, left) : left;
    ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> searcher, BottomUpSearch::Create(pbe, search));
    BottomUpResult round = searcher->Run();
    AddRound(result, round);
    result.examples = static_cast<int>(pbe.examples.size());
    if (round.reason != StopReason::kSolved) {
      result.reason = round.reason;
      result.note = StrCat("no program fits the ", pbe.examples.size(), " points");
      break;
    }
    ++result.rounds;
    result.program = round.program;
    ASSIGN_OR_RETURN(
        ProofResult proof,
        ThreadProver(LimitsLeft(config, start)).Prove(task, round.program, config.counterexamples_per_round));
    result.prover_seconds += proof.seconds;
    if (proof.verdict == Verdict::kProved) {
      result.reason = StopReason::kSolved;
      break;
    }
    if (proof.verdict == Verdict::kUnknown) {
      result.reason = proof.reason == "timeout" ? StopReason::kTimeout : StopReason::kExhausted;
      result.note = StrCat("Z3 could not decide the candidate: ", proof.reason);
      break;
    }
    const size_t before = pbe.examples.size();
    for (const std::vector<Value>& counterexample : proof.counterexamples) {
      // The candidate's own output is wrong there: the oracle is asked for another one.
      RETURN_IF_ERROR(add_point(counterexample, oracle.CandidateAt(counterexample, round.program)));
    }
    if (pbe.examples.size() == before) {
      result.reason = StopReason::kExhausted;
      result.note = "the counterexamples gave no new example";
      break;
    }
  }
  if (result.reason != StopReason::kSolved && !cover_note.empty()) {
    result.note = result.note.empty() ? cover_note : StrCat(result.note, "; ", cover_note);
  }
  result.seconds = elapsed();
  result.stats.seconds = result.seconds;
  return result;
}

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

absl::StatusOr<CegisResult> RunMultiInvocation(const Task& task, const CegisConfig& config, Clock::time_point start) {
  const SynthFun& f = task.synth_funs[0];
  std::vector<TermPtr> calls;
  for (const TermPtr& c : task.spec) CollectPlainCalls(c, f.primitive, calls);
  if (calls.empty()) {
    return absl::UnimplementedError(StrCat("every application of '", f.name, "' has an argument that applies it"));
  }
  std::mt19937_64 rng(config.seed);
  std::vector<std::vector<Value>> points;
  for (int k = 0; k < config.initial_points; ++k) {
    std::vector<Value> point;
    for (size_t v = 0; v < task.declared_vars.size(); ++v) {
      point.push_back(PointValue(task.declared_vars[v].type, k, static_cast<int>(v), rng));
    }
    points.push_back(point);
  }
  ASSIGN_OR_RETURN(const Task seeded, WithSpecTerms(task, calls[0]));
  CegisResult result;
  result.method = "enumeration (whole spec)";
  const Interpreter interpreter;
  while (true) {
    const double left = config.timeout_seconds - SecondsSince(start);
    if (left <= 0) {
      result.reason = StopReason::kTimeout;
      break;
    }
    if (result.rounds >= config.max_rounds) {
      result.reason = StopReason::kExhausted;
      result.note = StrCat("no proved program after ", config.max_rounds, " rounds");
      break;
    }
    const size_t n = points.size();
    std::vector<ValueColumn> declared;
    for (size_t v = 0; v < task.declared_vars.size(); ++v) {
      std::vector<Value> column;
      for (const std::vector<Value>& p : points) column.push_back(p[v]);
      declared.push_back(ValueColumn::FromValues(task.declared_vars[v].type, column));
    }
    // Candidates are told apart by their values at every argument list the spec applies f to; the
    // expected outputs are placeholders, since `accept` judges candidates by the whole spec.
    Task pbe = seeded;
    pbe.spec.clear();
    pbe.examples.clear();
    absl::flat_hash_set<std::string> seen;
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
    BottomUpConfig search = config.search;
    search.timeout_seconds = search.timeout_seconds > 0 ? std::min(search.timeout_seconds, left) : left;
    search.accept = [&](const TermPtr& program) {
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
    ASSIGN_OR_RETURN(std::unique_ptr<BottomUpSearch> searcher, BottomUpSearch::Create(pbe, search));
    BottomUpResult round = searcher->Run();
    AddRound(result, round);
    result.examples = static_cast<int>(n);
    if (round.reason != StopReason::kSolved) {
      result.reason = round.reason;
      result.note = StrCat("no program satisfies the spec at the ", n, " points");
      break;
    }
    ++result.rounds;
    result.program = round.program;
    ASSIGN_OR_RETURN(
        ProofResult proof,
        ThreadProver(LimitsLeft(config, start)).Prove(task, round.program, config.counterexamples_per_round));
    result.prover_seconds += proof.seconds;
    if (proof.verdict == Verdict::kProved) {
      result.reason = StopReason::kSolved;
      break;
    }
    if (proof.verdict == Verdict::kUnknown) {
      result.reason = proof.reason == "timeout" ? StopReason::kTimeout : StopReason::kExhausted;
      result.note = StrCat("Z3 could not decide the candidate: ", proof.reason);
      break;
    }
    const size_t before = points.size();
    for (const std::vector<Value>& counterexample : proof.counterexamples) {
      if (std::find(points.begin(), points.end(), counterexample) == points.end()) points.push_back(counterexample);
    }
    if (points.size() == before) {
      result.reason = StopReason::kExhausted;
      result.note = "the counterexamples gave no new point";
      break;
    }
  }
  result.seconds = SecondsSince(start);
  result.stats.seconds = result.seconds;
  return result;
}

}  // namespace

}  // namespace progsearch
