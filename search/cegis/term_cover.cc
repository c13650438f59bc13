#include "search/cegis/term_cover.h"

#include <z3++.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <random>

#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/inline_macros.h"
#include "dsl/interpreter.h"
#include "dsl/program_reader.h"
#include "search/cegis/points.h"
#include "search/cegis/spec_elimination.h"
#include "search/cegis/spec_rewrite.h"
#include "verify/prover.h"
#include "verify/z3_encoder.h"

namespace progsearch {
namespace {

constexpr int kMaxCases = 96;
constexpr int kSamplePoints = 128;
constexpr double kCoverQueryMs = 250;
constexpr int kMaxAtomSize = 16;
constexpr size_t kMaxAtoms = 512;
constexpr int kMaxChainQueries = 4000;
constexpr int kMaxTreeDepth = 6;
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
  if (Applies(*t, CoreOp::kAnd)) {
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
      : task_(task),
        call_(std::move(call)),
        deadline_(deadline),
        ctx_(ThreadZ3Context()),
        encoder_(ctx_, task.declared_vars) {
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
      spec_z3_ = spec;
      ASSIGN_OR_RETURN(z3::expr call, encoder_.Encode(*call_));
      call_z3_ = call;
      std::vector<z3::expr> values;
      for (const TermPtr& t : candidates) {
        ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*t));
        values.push_back(e);
      }

      // Grow the cover: a point no chosen term satisfies, then the first candidate that satisfies it.
      std::vector<size_t> chosen;
      std::vector<std::vector<Value>> points;  // where the cover grew: each needed a new term
      z3::solver uncovered = SimpleSolver(ctx_, QueryMs());
      while (true) {
        if (deadline_.expired()) {
          result.note = "the cover ran out of time";
          return result;
        }
        // Proving that no point is left is a pigeonhole argument for max_n (none of x1..xn is the
        // largest), which Z3 finds hard at n = 19 while the points before come in milliseconds. A
        // query that runs long ends the growth; the final proof of the case split (with the guards
        // weakened, which makes the argument a chain) is the caller's.
        uncovered.set("timeout", QueryMs());
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
        if (auto point = encoder_.ValuesIn(model); point.ok()) points.push_back(*std::move(point));
        // The spec at this point depends only on f's value there: judge each distinct value once.
        std::map<std::string, bool> verdicts;
        std::optional<size_t> pick;
        for (size_t k = 0; k < candidates.size() && !pick && (k % 64 != 0 || !deadline_.expired()); ++k) {
          z3::expr v = model.eval(values[k], true);
          auto [it, fresh] = verdicts.try_emplace(v.to_string(), false);
          if (fresh) it->second = model.eval(HoldsWith(v), true).is_true();
          if (it->second) pick = k;
        }
        if (!pick) {
          result.note = StrCat("no term of the spec satisfies it at a point (of ", candidates.size(), " tried)");
          return result;
        }
        chosen.push_back(*pick);
        uncovered.add(!HoldsWith(values[*pick]));
      }

      std::vector<TermPtr> cases;
      std::vector<z3::expr> cases_z3;
      for (size_t k : chosen) {
        cases.push_back(candidates[k]);
        cases_z3.push_back(values[k]);
      }
      // Sample points too: the cover's own points are often degenerate (all sums 0 where array_sum's
      // atoms ask for sums above 5), and a chain step needs a point that supports it.
      for (std::vector<Value>& p : SamplePoints(task_.declared_vars, kSamplePoints, 2)) points.push_back(std::move(p));
      ASSIGN_OR_RETURN(TermPtr chain, AtomGuards(cases, cases_z3, points, result.queries));
      if (chain != nullptr) {
        result.program = SubstituteVariables(chain, as_param);
        result.terms = static_cast<int>(chosen.size());
        return result;
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
        // One solver per case: each conjunct sits behind an indicator, and a weaker guard is a check
        // under the indicators of the conjuncts kept (a fresh solver per query cost 3 ms; this, 0.1 ms).
        z3::solver check = SimpleSolver(ctx_, QueryMs());
        check.add(earlier_failed && !HoldsWith(values[chosen[i]]));
        std::vector<z3::expr> indicators;
        for (size_t k = 0; k < guards_z3[i].size(); ++k) {
          indicators.push_back(ctx_.bool_const(StrCat("guard_", i, "_", k).c_str()));
          check.add(z3::implies(indicators.back(), guards_z3[i][k]));
        }
        std::vector<bool> kept(guards_z3[i].size(), true);
        for (size_t c = 0; c < kept.size() && kept.size() > 1 && !deadline_.expired(); ++c) {
          z3::expr_vector assumptions(ctx_);
          for (size_t k = 0; k < kept.size(); ++k) {
            if (kept[k] && k != c) assumptions.push_back(indicators[k]);
          }
          ++result.queries;
          if (check.check(assumptions) == z3::unsat) kept[c] = false;
        }
        std::vector<TermPtr> weakened;
        z3::expr guard = ctx_.bool_val(true);
        for (size_t k = 0; k < kept.size(); ++k) {
          if (!kept[k]) continue;
          weakened.push_back(guards[i][k]);
          guard = guard && guards_z3[i][k];
        }
        guards[i] = std::move(weakened);
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
  // The case split with guards that are single Bool sub-terms of the spec, or their negations: an array
  // search's (< k x3) instead of the spec with 3 for f. First a chain (ite a1 t1 (ite a2 t2 ... tn)):
  // each step takes the first (atom, term) such that Z3 proves the term right wherever the atom holds
  // and the earlier atoms do not, candidates first filtered on `points`. Else a decision tree over the
  // atoms. Null when neither is found (the spec's atoms do not separate the cases, as in max_n, where
  // every atom mentions f).
  absl::StatusOr<TermPtr> AtomGuards(const std::vector<TermPtr>& terms, const std::vector<z3::expr>& terms_z3,
                                     const std::vector<std::vector<Value>>& points, int& queries) {
    const Type b = Type::Bool();
    const Type one_bool[] = {b};
    auto negation = task_.registry->Resolve("not", one_bool);
    if (!negation.ok()) return TermPtr();
    std::vector<TermPtr> atoms;
    for (const TermPtr& a : SubtermsOfType(spec_, b)) {
      if (a->kind() == TermKind::kConstant || a->size() > kMaxAtomSize) continue;
      atoms.push_back(a);
      atoms.push_back(Simplify(Term::Apply(*negation, b, {a}), *task_.registry));
      if (atoms.size() >= kMaxAtoms) break;
    }
    std::stable_sort(atoms.begin(), atoms.end(),
                     [](const TermPtr& x, const TermPtr& y) { return x->size() < y->size(); });
    const size_t n = points.size();
    const std::vector<ValueColumn> inputs = PointColumns(task_.declared_vars, points);
    const std::vector<std::vector<bool>> holds = SpecHoldsWith(task_, spec_, terms, inputs, n, /*unknown=*/true);
    const Interpreter interpreter;
    std::vector<std::vector<bool>> atom_at(atoms.size(), std::vector<bool>(n, false));
    std::vector<z3::expr> atoms_z3;
    for (size_t a = 0; a < atoms.size(); ++a) {
      auto column = interpreter.Evaluate(*atoms[a], inputs, n);
      for (size_t p = 0; column.ok() && p < n; ++p) atom_at[a][p] = column->Get(p).as_bool();
      ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*atoms[a]));
      atoms_z3.push_back(e);
    }
    auto over_budget = [&] { return deadline_.expired() || queries > kMaxChainQueries; };
    auto satisfiable = [&](const z3::expr& region) {
      z3::solver check = SimpleSolver(ctx_, QueryMs());
      check.add(region);
      ++queries;
      return check.check() == z3::sat;
    };
    auto proved_under = [&](const z3::expr& region, size_t t) {
      z3::solver check = SimpleSolver(ctx_, QueryMs());
      check.add(region && !HoldsWith(terms_z3[t]));
      ++queries;
      return check.check() == z3::unsat;
    };

    auto chain = [&]() -> absl::StatusOr<TermPtr> {
      std::vector<bool> in_region(n, true);  // no earlier atom holds
      z3::expr region = ctx_.bool_val(true);
      std::vector<size_t> remaining(terms.size());
      for (size_t t = 0; t < terms.size(); ++t) remaining[t] = t;
      std::vector<std::pair<size_t, size_t>> chain;  // (atom, term)
      std::optional<size_t> last;
      while (!last) {
        if (over_budget()) return absl::StatusOr<TermPtr>(TermPtr());
        // Done when one term is right on the whole region left.
        for (size_t t : remaining) {
          if (over_budget()) break;
          bool filtered = true;
          for (size_t p = 0; p < n && filtered; ++p) filtered = !in_region[p] || holds[t][p];
          if (filtered && proved_under(region, t)) {
            last = t;
            break;
          }
        }
        if (last || remaining.size() <= 1) break;
        // Steps the points support come first; then steps no point says anything about (a late case of
        // array_sum_9_5 needs seven sums at most 5 and an eighth above: random points rarely fall
        // there), if Z3 finds the atom's region non-empty.
        std::optional<std::pair<size_t, size_t>> step;
        for (int pass = 0; pass < 2 && !step && !over_budget(); ++pass) {
          for (size_t a = 0; a < atoms.size() && !step && !over_budget(); ++a) {
            std::optional<bool> nonempty;  // Z3's word on this atom's region, asked at most once
            for (size_t i = 0; i < remaining.size() && !step; ++i) {
              const size_t t = remaining[i];
              bool supported = false, contradicted = false;
              for (size_t p = 0; p < n && !contradicted; ++p) {
                if (!in_region[p] || !atom_at[a][p]) continue;
                if (holds[t][p])
                  supported = true;
                else
                  contradicted = true;
              }
              if (contradicted || supported != (pass == 0)) continue;
              if (pass == 1) {
                if (!nonempty) nonempty = satisfiable(region && atoms_z3[a]);
                if (!*nonempty) continue;
              }
              if (proved_under(region && atoms_z3[a], t)) step = std::make_pair(a, i);
            }
          }
        }
        if (!step) return absl::StatusOr<TermPtr>(TermPtr());
        const auto [a, i] = *step;
        chain.push_back({a, remaining[i]});
        region = region && !atoms_z3[a];
        for (size_t p = 0; p < n; ++p) in_region[p] = in_region[p] && !atom_at[a][p];
        remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(i));
      }
      if (!last) return absl::StatusOr<TermPtr>(TermPtr());
      TermPtr program = terms[*last];
      for (size_t c = chain.size(); c-- > 0;) {
        ASSIGN_OR_RETURN(program, IfThenElse(atoms[chain[c].first], terms[chain[c].second], program, *task_.registry));
      }
      return absl::StatusOr<TermPtr>(program);
    };
    ASSIGN_OR_RETURN(TermPtr program, chain());
    if (program != nullptr) return program;

    // No chain: a decision tree over the atoms (mpg_example4's four cases need two atoms each).
    const std::vector<bool> everywhere(n, true);
    std::function<absl::StatusOr<TermPtr>(const z3::expr&, const std::vector<bool>&, int)> tree =
        [&](const z3::expr& region, const std::vector<bool>& in, int depth) -> absl::StatusOr<TermPtr> {
      if (over_budget()) return TermPtr();
      for (size_t t = 0; t < terms.size() && !over_budget(); ++t) {
        bool filtered = true;
        for (size_t p = 0; p < n && filtered; ++p) filtered = !in[p] || holds[t][p];
        if (filtered && proved_under(region, t)) return terms[t];
      }
      if (depth >= kMaxTreeDepth) return TermPtr();
      // The atom after which one term is right at the most points of each side (both sides non-empty).
      std::optional<size_t> best;
      int best_score = -1;
      for (size_t a = 0; a < atoms.size(); ++a) {
        int yes = 0, no = 0, score = 0;
        for (size_t p = 0; p < n; ++p) {
          if (in[p]) (atom_at[a][p] ? yes : no)++;
        }
        if (yes == 0 || no == 0) continue;
        for (bool side : {true, false}) {
          int most = 0;
          for (size_t t = 0; t < terms.size(); ++t) {
            int count = 0;
            for (size_t p = 0; p < n; ++p) count += in[p] && atom_at[a][p] == side && holds[t][p];
            most = std::max(most, count);
          }
          score += most;
        }
        if (score > best_score) {
          best_score = score;
          best = a;
        }
      }
      if (!best) return TermPtr();
      std::vector<bool> in_yes = in, in_no = in;
      for (size_t p = 0; p < n; ++p) {
        in_yes[p] = in[p] && atom_at[*best][p];
        in_no[p] = in[p] && !atom_at[*best][p];
      }
      ASSIGN_OR_RETURN(TermPtr yes, tree(region && atoms_z3[*best], in_yes, depth + 1));
      if (yes == nullptr) return TermPtr();
      ASSIGN_OR_RETURN(TermPtr no, tree(region && !atoms_z3[*best], in_no, depth + 1));
      if (no == nullptr) return TermPtr();
      return IfThenElse(atoms[*best], yes, no, *task_.registry);
    };
    return tree(ctx_.bool_val(true), everywhere, 0);
  }

  // `candidates` reordered by the number of sample points where the spec holds with f := the candidate,
  // most first (ties keep their order). A Z3 model point is often degenerate (all zeros), where many
  // terms agree; preferring the term that is right most often picks 5x + 5y + 5 over the constant 5.
  std::vector<TermPtr> ByGenerality(std::vector<TermPtr> candidates) const {
    const std::vector<ValueColumn> inputs =
        PointColumns(task_.declared_vars, SamplePoints(task_.declared_vars, kSamplePoints, 1));
    const std::vector<std::vector<bool>> holds =
        SpecHoldsWith(task_, spec_, candidates, inputs, kSamplePoints, /*unknown=*/false);
    std::vector<std::pair<int, size_t>> order;
    for (size_t k = 0; k < candidates.size(); ++k) {
      order.push_back({-static_cast<int>(std::count(holds[k].begin(), holds[k].end(), true)), k});
    }
    std::stable_sort(order.begin(), order.end());
    std::vector<TermPtr> out;
    for (const auto& [score, k] : order) out.push_back(candidates[k]);
    return out;
  }

  // The spec with f's value `v` (a Z3 term over the declared variables), simplified: x_i >= x_i and
  // (= x_i x_i) vanish, which keeps the cover queries small.
  z3::expr HoldsWith(const z3::expr& v) {
    z3::expr_vector from(ctx_), to(ctx_);
    from.push_back(*call_z3_);
    to.push_back(v);
    return spec_z3_->substitute(from, to).simplify();
  }

  // A query's time limit: what is left of the budget, at most kCoverQueryMs.
  unsigned QueryMs() const {
    return static_cast<unsigned>(std::clamp(deadline_.seconds_left() * 1000, 1.0, kCoverQueryMs));
  }

  const Task& task_;
  TermPtr call_;
  Deadline deadline_;
  z3::context& ctx_;  // the thread's (ThreadZ3Context)
  Z3Encoder encoder_;
  std::vector<TermPtr> spec_;                  // macros inlined
  std::optional<z3::expr> spec_z3_, call_z3_;  // spec_ and f's application, encoded (set by Run)
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
