#include "verify/prover.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/status_macros.h"
#include "core/str_cat.h"
#include "verify/z3_encoder.h"

namespace progsearch {

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kProved:
      return "proved";
    case Verdict::kRefuted:
      return "refuted";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "?";
}

Prover::Prover(ProofLimits limits) : limits_(limits) {}

namespace {

// The SMT core's share of an integer query's time limit before the default solver takes over.
constexpr unsigned kFastSliceMs = 100;

enum class FormulaKind { kInteger, kBitVector, kOther };

// Integer when every sub-term is an Int or a Bool; bit-vector when every sub-term is a bit-vector or a
// Bool; other for anything else (floats, strings, reals, quantifiers).
FormulaKind KindOf(const z3::expr& formula) {
  bool ints = false, bvs = false;
  std::vector<z3::expr> stack = {formula};
  std::unordered_set<unsigned> seen;
  while (!stack.empty()) {
    z3::expr e = stack.back();
    stack.pop_back();
    if (!seen.insert(e.id()).second) continue;
    if (!e.is_app()) return FormulaKind::kOther;
    ints |= e.is_int();
    bvs |= e.is_bv();
    if (!e.is_bool() && !e.is_int() && !e.is_bv()) return FormulaKind::kOther;
    for (unsigned i = 0; i < e.num_args(); ++i) stack.push_back(e.arg(i));
  }
  if (ints && bvs) return FormulaKind::kOther;
  return bvs ? FormulaKind::kBitVector : FormulaKind::kInteger;
}

// Interrupts `ctx` when `timeout_ms` pass before Stop() is called.
class Watchdog {
 public:
  Watchdog(z3::context& ctx, unsigned timeout_ms)
      : thread_([this, &ctx, timeout_ms] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!done_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return stopped_; })) {
            fired_ = true;
            ctx.interrupt();
          }
        }) {}
  ~Watchdog() { Stop(); }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    done_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  bool fired() const { return fired_; }

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool stopped_ = false;
  bool fired_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

// `solver.check()` stopped by a watchdog after `ms`; `fired` says whether the watchdog stopped it.
z3::check_result CheckWithin(z3::solver& solver, unsigned ms, bool& fired) {
  Watchdog watchdog(solver.ctx(), ms);
  const z3::check_result answer = solver.check();
  watchdog.Stop();
  fired = watchdog.fired();
  return answer;
}

// The model of a satisfiable check, or nullopt when Z3 has none to give (the context was interrupted).
std::optional<z3::model> ModelOf(z3::solver& solver) {
  try {
    return solver.get_model();
  } catch (const z3::exception&) {
    return std::nullopt;
  }
}

std::vector<Type> TypesOf(const std::vector<Declaration>& declarations) {
  std::vector<Type> types;
  for (const Declaration& d : declarations) types.push_back(d.type);
  return types;
}

}  // namespace

z3::solver SimpleSolver(z3::context& ctx, unsigned timeout_ms) {
  z3::solver solver(ctx, z3::solver::simple());
  z3::params params(ctx);
  params.set("timeout", timeout_ms);
  solver.set(params);
  return solver;
}

absl::StatusOr<ProofResult> Prover::Valid(const z3::expr& formula, const std::vector<z3::expr>& variables,
                                          const std::vector<Type>& types, int max_counterexamples) {
  const auto start = std::chrono::steady_clock::now();
  auto ms_left = [&] {
    const double spent = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return static_cast<unsigned>(std::max(1.0, limits_.timeout_ms - spent));
  };
  ProofResult result;
  try {
    // Z3's default solver spends about 4 ms setting up its tactics before each query, more than most
    // integer queries take. Those go to the SMT core alone, for a short slice of the limit; the default
    // solver gets what is left. Only integer and Boolean formulas: on bit-vector and floating-point
    // formulas the SMT core is slower and answers an interrupt late (seconds on Float64). With an
    // rlimit the SMT core is skipped, so the work counted, and the answer, stay reproducible.
    const FormulaKind kind = KindOf(formula);
    std::optional<z3::solver> solver;
    z3::check_result answer = z3::unknown;
    bool fired = false;
    if (limits_.rlimit == 0 && limits_.timeout_ms > 2 * kFastSliceMs && kind == FormulaKind::kInteger) {
      solver.emplace(SimpleSolver(ctx_, kFastSliceMs));
      solver->add(!formula);
      answer = CheckWithin(*solver, kFastSliceMs, fired);
    }
    if (answer == z3::unknown) {
      // A bit-vector formula gets the solver Z3 would pick for it anyway, built for QF_BV alone (0.5 ms
      // instead of the 4 ms of a solver ready for every logic).
      if (kind == FormulaKind::kBitVector) {
        solver.emplace(ctx_, "QF_BV");
      } else {
        solver.emplace(ctx_);
      }
      const unsigned left_ms = ms_left();
      z3::params params(ctx_);
      params.set("timeout", left_ms);  // soft; the watchdog makes it hard
      if (limits_.rlimit > 0) {
        params.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(limits_.rlimit, UINT32_MAX)));
      }
      solver->set(params);
      solver->add(!formula);
      answer = CheckWithin(*solver, left_ms, fired);
    }
    if (answer == z3::unsat) {
      result.verdict = Verdict::kProved;
    } else if (answer == z3::sat) {
      result.verdict = Verdict::kRefuted;
      while (true) {
        // A watchdog that fired as the check ended leaves the context cancelled, and no model to read:
        // the check is asked again (a new check starts uncancelled) within what is left of the time.
        std::optional<z3::model> read = ModelOf(*solver);
        if (!read) {
          bool again_fired = false;
          if (CheckWithin(*solver, ms_left(), again_fired) == z3::sat) read = ModelOf(*solver);
        }
        if (!read) {
          if (!result.counterexamples.empty()) break;
          result.verdict = Verdict::kUnknown;
          result.reason = "timeout";
          result.unknown = UnknownReason::kTimeout;
          break;
        }
        const z3::model& model = *read;
        std::vector<Value> point;
        z3::expr same = ctx_.bool_val(true);
        for (size_t i = 0; i < variables.size(); ++i) {
          // model_completion: a variable the formula does not constrain still gets a value.
          z3::expr v = model.eval(variables[i], true);
          ASSIGN_OR_RETURN(Value value, ValueFromZ3(v, types[i]));
          point.push_back(std::move(value));
          same = same && variables[i] == v;
        }
        result.counterexamples.push_back(std::move(point));
        if (static_cast<int>(result.counterexamples.size()) >= max_counterexamples || variables.empty()) break;
        solver->add(!same);
        // Further counterexamples share the first query's time limit: only what is left of it.
        bool further_fired = false;
        if (CheckWithin(*solver, ms_left(), further_fired) != z3::sat) break;
      }
    } else {
      result.verdict = Verdict::kUnknown;
      result.reason = fired ? "timeout" : solver->reason_unknown();
      // Z3's own timer (set to the same limit) may fire before the watchdog: it says "timeout" too.
      result.unknown = result.reason == "timeout" ? UnknownReason::kTimeout : UnknownReason::kSolver;
    }
  } catch (const z3::exception& e) {
    return absl::InternalError(StrCat("z3: ", e.msg()));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

absl::StatusOr<ProofResult> Prover::Equivalent(const Term& p, const Term& q, const std::vector<Declaration>& variables,
                                               FloatEncoding float_encoding) {
  if (p.type() != q.type()) {
    return absl::InvalidArgumentError(
        StrCat("cannot compare a ", p.type().ToString(), " program with a ", q.type().ToString(), " one"));
  }
  Z3Encoder encoder(ctx_, variables, nullptr, float_encoding);
  ASSIGN_OR_RETURN(z3::expr ep, encoder.Encode(p));
  ASSIGN_OR_RETURN(z3::expr eq, encoder.Encode(q));
  return Valid(ep == eq, encoder.variables(), TypesOf(variables));
}

absl::StatusOr<ProofResult> Prover::Prove(const Task& task, const TermPtr& program, int max_counterexamples,
                                          FloatEncoding float_encoding) {
  const TermPtr bodies[] = {program};
  return ProveBodies(task, bodies, max_counterexamples, float_encoding);
}

absl::StatusOr<ProofResult> Prover::ProveBodies(const Task& task, std::span<const TermPtr> bodies,
                                                int max_counterexamples, FloatEncoding float_encoding) {
  if (task.synth_funs.empty()) return absl::InvalidArgumentError("the task has no synth-fun");
  if (bodies.size() != task.synth_funs.size()) {
    return absl::InvalidArgumentError(
        StrCat("the task has ", task.synth_funs.size(), " synth-funs and ", bodies.size(), " bodies were given"));
  }
  SynthBindings bindings;
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (task.synth_funs[i].primitive == nullptr) return absl::InvalidArgumentError("a synth-fun has no placeholder");
    bindings[task.synth_funs[i].primitive] = bodies[i];
  }
  const SynthFun& f = task.synth_funs[0];
  const TermPtr& program = bodies[0];
  Z3Encoder encoder(ctx_, task.declared_vars, &bindings, float_encoding);
  z3::expr all = ctx_.bool_val(true);
  for (const TermPtr& constraint : task.spec) {
    ASSIGN_OR_RETURN(z3::expr e, encoder.Encode(*constraint));
    all = all && e;
  }
  // Examples are ground constraints: they hold or not, but they belong to the spec all the same.
  Z3Encoder ground(ctx_, f.params, nullptr, float_encoding);
  ASSIGN_OR_RETURN(z3::expr body, ground.Encode(*program));
  for (const Example& example : task.examples) {
    z3::expr_vector from(ctx_), to(ctx_);
    for (size_t i = 0; i < example.inputs.size(); ++i) {
      ASSIGN_OR_RETURN(z3::expr v, ValueToZ3(ctx_, example.inputs[i], float_encoding));
      from.push_back(ground.variables()[i]);
      to.push_back(v);
    }
    ASSIGN_OR_RETURN(z3::expr want, ValueToZ3(ctx_, example.output, float_encoding));
    all = all && body.substitute(from, to) == want;
  }
  return Valid(all, encoder.variables(), TypesOf(task.declared_vars), max_counterexamples);
}

namespace {

Prover& ThreadLocalProver() {
  thread_local Prover prover;
  return prover;
}

}  // namespace

Prover& ThreadProver(const ProofLimits& limits) {
  Prover& prover = ThreadLocalProver();
  prover.set_limits(limits);
  return prover;
}

z3::context& ThreadZ3Context() { return ThreadLocalProver().context(); }

}  // namespace progsearch
