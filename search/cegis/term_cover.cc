#include "search/cegis/term_cover.h"

#include <z3++.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"
#include "dsl/program_reader.h"
#include "search/cegis/spec_rewrite.h"
#include "verify/z3_encoder.h"

namespace progsearch {
namespace {

constexpr int kMaxCases = 96;
constexpr int kSamplePoints = 32;
constexpr double kCoverQueryMs = 1000;

// Sample inputs that rank candidates: small values, so sums and products stay far from overflow.
Value SampleValue(const Type& type, std::mt19937_64& rng) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return Value::Int(static_cast<int64_t>(rng() % 61) - 30);
    case TypeKind::kBool:
      return Value::Bool(rng() % 2 == 1);
    case TypeKind::kBitVec:
      return Value::BitVec(type, rng());
    default:
      return Value::Int(0);
  }
}
constexpr size_t kMaxCandidates = 4000;

// The terms a cover may use, over the declared variables, cheapest first.
std::vector<TermPtr> CandidateTerms(const Task& task, const TermPtr& call, std::span<const TermPtr> spec) {
  const Type& type = task.synth_funs[0].result;
  std::vector<TermPtr> out;
  absl::flat_hash_set<std::string> seen;
  auto add = [&](const TermPtr& t) {
    if (t != nullptr && out.size() < kMaxCandidates && seen.insert(PrintTerm(*t)).second) out.push_back(t);
  };
  for (const TermPtr& a : call->args()) {
    if (a->type() == type) add(a);
  }
  switch (type.kind()) {
    case TypeKind::kInt:
      add(Term::Constant(Value::Int(0)));
      add(Term::Constant(Value::Int(1)));
      break;
    case TypeKind::kBool:
      add(Term::Constant(Value::Bool(false)));
      add(Term::Constant(Value::Bool(true)));
      break;
    case TypeKind::kBitVec:
      add(Term::Constant(Value::BitVec(type, 0)));
      break;
    default:
      break;
  }
  const std::vector<TermPtr> subterms = SubtermsOfType(spec, type);
  for (const TermPtr& t : subterms) add(t);
  if (type.kind() == TypeKind::kInt) {
    // Strict bounds (f > e) are met by e + 1, not by e.
    const Type args[] = {type, type};
    auto plus = task.registry->Resolve("+", args);
    auto minus = task.registry->Resolve("-", args);
    if (plus.ok() && minus.ok()) {
      const TermPtr one = Term::Constant(Value::Int(1));
      for (const TermPtr& t : subterms) {
        if (t->kind() == TermKind::kConstant) continue;
        add(Term::Apply(*plus, type, {t, one}));
        add(Term::Apply(*minus, type, {t, one}));
      }
    }
  }
  return out;
}

// The top-level conjuncts of `t` (nested binary ands flattened), without `true`.
void Conjuncts(const TermPtr& t, std::vector<TermPtr>& out) {
  if (t->kind() == TermKind::kApply && t->op()->name == "and") {
    for (const TermPtr& a : t->args()) Conjuncts(a, out);
    return;
  }
  if (t->kind() == TermKind::kConstant && t->type().kind() == TypeKind::kBool && t->value().as_bool()) return;
  for (const TermPtr& seen : out) {
    if (SameTerm(*seen, *t)) return;
  }
  out.push_back(t);
}

class Cover {
 public:
  Cover(const Task& task, TermPtr call, const Deadline& deadline)
      : task_(task), call_(std::move(call)), deadline_(deadline), encoder_(ctx_, task.declared_vars) {
    encoder_.set_uninterpreted_synth_funs(true);
  }

  absl::StatusOr<TermCoverResult> Run() {
    TermCoverResult result;
    const SynthFun& f = task_.synth_funs[0];
    // The guards must be expressible over f's parameters: every declared variable is an argument.
    auto params = ArgumentParameters(*call_, f, task_.declared_vars.size());
    if (!params) {
      result.note = StrCat("'", f.name, "' is applied to ", PrintTerm(*call_), ", not to distinct variables");
      return result;
    }
    const std::vector<TermPtr>& as_param = *params;
    for (size_t j = 0; j < as_param.size(); ++j) {
      if (as_param[j] == nullptr) {
        result.note =
            StrCat("the declared variable ", task_.declared_vars[j].name, " is not an argument of '", f.name, "'");
        return result;
      }
    }
    for (const TermPtr& c : task_.spec) spec_.push_back(InlineMacros(c));
    const std::vector<TermPtr> candidates = ByGenerality(CandidateTerms(task_, call_, spec_));
    result.candidate_terms = static_cast<int>(candidates.size());

    try {
      z3::expr spec = ctx_.bool_val(true);
      for (const TermPtr& c : spec_) {
        ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*c));
        spec = spec && e;
      }
      ASSIGN_OR_RETURN(z3::expr call, encoder_.Encode(*call_));
      std::vector<z3::expr> values;
      for (const TermPtr& t : candidates) {
        ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*t));
        values.push_back(e);
      }
      auto holds_with = [&](const z3::expr& v) {
        z3::expr_vector from(ctx_), to(ctx_);
        from.push_back(call);
        to.push_back(v);
        // Simplified: x_i >= x_i and (= x_i x_i) vanish, which keeps the cover queries small.
        return spec.substitute(from, to).simplify();
      };

      // Grow the cover: a point no chosen term satisfies, then the first candidate that satisfies it.
      std::vector<size_t> chosen;
      z3::solver uncovered(ctx_);
      while (true) {
        if (deadline_.expired()) {
          result.note = "the cover ran out of time";
          return result;
        }
        // Proving that no point is left is a pigeonhole argument for max_n (none of x1..xn is the
        // largest), which Z3 finds hard at n = 19 while the points before come in milliseconds. A
        // query that runs long ends the growth; the final proof of the case split (with the guards
        // weakened, which makes the argument a chain) is the caller's.
        SetTimeout(uncovered, kCoverQueryMs);
        ++result.queries;
        const z3::check_result answer = uncovered.check();
        if (answer == z3::unsat) break;
        if (answer == z3::unknown) {
          if (chosen.empty() || deadline_.expired()) {
            result.note = StrCat("Z3 could not extend the cover: ", uncovered.reason_unknown());
            return result;
          }
          result.note = StrCat("cover not proved complete (", uncovered.reason_unknown(), ")");
          break;
        }
        if (static_cast<int>(chosen.size()) >= kMaxCases) {
          result.note = StrCat("no cover with ", kMaxCases, " cases");
          return result;
        }
        z3::model model = uncovered.get_model();
        // The spec at this point depends only on f's value there: judge each distinct value once.
        std::map<std::string, bool> verdicts;
        std::optional<size_t> pick;
        for (size_t k = 0; k < candidates.size() && !pick; ++k) {
          z3::expr v = model.eval(values[k], true);
          auto [it, fresh] = verdicts.try_emplace(v.to_string(), false);
          if (fresh) it->second = model.eval(holds_with(v), true).is_true();
          if (it->second) pick = k;
        }
        if (!pick) {
          result.note = StrCat("no term of the spec satisfies it at a point (of ", candidates.size(), " tried)");
          return result;
        }
        chosen.push_back(*pick);
        uncovered.add(!holds_with(values[*pick]));
      }

      // Guards: the spec with f replaced by each chosen term, weakened while Z3 proves the split.
      std::vector<std::vector<TermPtr>> guards(chosen.size());
      std::vector<std::vector<z3::expr>> guards_z3(chosen.size());
      for (size_t i = 0; i + 1 < chosen.size(); ++i) {
        for (const TermPtr& c : spec_) {
          Conjuncts(Simplify(ReplaceCalls(c, f.primitive, candidates[chosen[i]]), *task_.registry), guards[i]);
        }
        for (const TermPtr& g : guards[i]) {
          ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*g));
          guards_z3[i].push_back(e);
        }
      }
      z3::expr earlier_failed = ctx_.bool_val(true);
      for (size_t i = 0; i + 1 < chosen.size(); ++i) {
        const z3::expr wrong = !holds_with(values[chosen[i]]);
        for (size_t c = 0; c < guards_z3[i].size() && guards_z3[i].size() > 1 && !deadline_.expired();) {
          z3::expr weaker = ctx_.bool_val(true);
          for (size_t k = 0; k < guards_z3[i].size(); ++k) {
            if (k != c) weaker = weaker && guards_z3[i][k];
          }
          z3::solver check(ctx_);
          SetTimeout(check, kCoverQueryMs);
          check.add(earlier_failed && weaker && wrong);
          ++result.queries;
          if (check.check() == z3::unsat) {
            guards[i].erase(guards[i].begin() + c);
            guards_z3[i].erase(guards_z3[i].begin() + c);
          } else {
            ++c;
          }
        }
        z3::expr guard = ctx_.bool_val(true);
        for (const z3::expr& g : guards_z3[i]) guard = guard && g;
        earlier_failed = earlier_failed && !guard;
      }

      TermPtr program = candidates[chosen.back()];
      for (size_t i = chosen.size() - 1; i-- > 0;) {
        ASSIGN_OR_RETURN(TermPtr guard, Conjunction(guards[i], *task_.registry));
        ASSIGN_OR_RETURN(program, IfThenElse(guard, candidates[chosen[i]], program, *task_.registry));
      }
      result.program = SubstituteVariables(program, as_param);
      result.terms = static_cast<int>(chosen.size());
      return result;
    } catch (const z3::exception& e) {
      return absl::InternalError(StrCat("z3: ", e.msg()));
    }
  }

 private:
  // `candidates` reordered by the number of sample points where the spec holds with f := the candidate,
  // most first (ties keep their order). A Z3 model point is often degenerate (all zeros), where many
  // terms agree; preferring the term that is right most often picks 5x + 5y + 5 over the constant 5.
  std::vector<TermPtr> ByGenerality(std::vector<TermPtr> candidates) const {
    const SynthFun& f = task_.synth_funs[0];
    const size_t n = task_.declared_vars.size();
    std::mt19937_64 rng(1);
    std::vector<ValueColumn> inputs;
    for (const Declaration& d : task_.declared_vars) {
      std::vector<Value> column;
      for (int p = 0; p < kSamplePoints; ++p) column.push_back(SampleValue(d.type, rng));
      inputs.push_back(ValueColumn::FromValues(d.type, column));
    }
    // The spec with f's application read from an extra input column.
    const TermPtr value = Term::Variable(static_cast<int>(n), "f_value", f.result);
    std::vector<TermPtr> replaced;
    for (const TermPtr& c : spec_) replaced.push_back(ReplaceCalls(c, f.primitive, value));
    auto spec = Conjunction(replaced, *task_.registry);
    if (!spec.ok()) return candidates;
    const Interpreter interpreter;
    std::vector<std::pair<int, size_t>> order;
    for (size_t k = 0; k < candidates.size(); ++k) {
      int score = 0;
      auto values = interpreter.Evaluate(*candidates[k], inputs, kSamplePoints);
      if (values.ok()) {
        std::vector<ValueColumn> with_value = inputs;
        with_value.push_back(*std::move(values));
        auto holds = interpreter.Evaluate(**spec, with_value, kSamplePoints);
        for (int p = 0; holds.ok() && p < kSamplePoints; ++p) score += holds->Get(p).as_bool();
      }
      order.push_back({-score, k});
    }
    std::stable_sort(order.begin(), order.end());
    std::vector<TermPtr> out;
    for (const auto& [score, k] : order) out.push_back(candidates[k]);
    return out;
  }

  void SetTimeout(z3::solver& solver, double cap_ms = 5000) {
    z3::params params(ctx_);
    params.set("timeout", static_cast<unsigned>(std::clamp(deadline_.seconds_left() * 1000, 1.0, cap_ms)));
    solver.set(params);
  }

  const Task& task_;
  TermPtr call_;
  Deadline deadline_;
  z3::context ctx_;
  Z3Encoder encoder_;
  std::vector<TermPtr> spec_;  // macros inlined
};

}  // namespace

absl::StatusOr<TermCoverResult> SolveByTermCover(const Task& task, const TermPtr& call, const Deadline& deadline) {
  if (task.synth_funs.size() != 1) return absl::InvalidArgumentError("the term cover needs exactly one synth-fun");
  TermCoverResult result;
  if (task.synth_funs[0].grammar) {
    result.note = "the synth-fun has a grammar";
    return result;
  }
  return Cover(task, call, deadline).Run();
}

}  // namespace progsearch
