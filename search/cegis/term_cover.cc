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
#include "formats/program_reader.h"
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

// Single Bool sub-terms of the spec (and their negations) and what is known of them at sample points:
// the material of AtomGuards' chains and trees.
struct AtomTable {
  std::vector<TermPtr> atoms;
  std::vector<z3::expr> atoms_z3;
  std::vector<std::vector<bool>> atom_at;  // [atom][point]: whether it holds there
  std::vector<std::vector<bool>> holds;    // [term][point]: whether the spec holds with f := the term
  size_t n = 0;                            // points
};

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
    if (!CoverApplies(result)) return result;
    try {
      RETURN_IF_ERROR(Encode(result));
      ASSIGN_OR_RETURN(bool grown, Grow(result));
      if (!grown) return result;
      std::vector<TermPtr> cases;
      std::vector<z3::expr> cases_z3;
      for (size_t k : chosen_) {
        cases.push_back(candidates_[k]);
        cases_z3.push_back(values_[k]);
      }
      // Sample points too: the cover's own points are often degenerate (all sums 0 where array_sum's
      // atoms ask for sums above 5), and a chain step needs a point that supports it.
      for (std::vector<Value>& p : SamplePoints(task_.declared_vars, kSamplePoints, 2)) points_.push_back(std::move(p));
      ASSIGN_OR_RETURN(TermPtr program, AtomGuards(cases, cases_z3, result.queries));
      if (program == nullptr) {
        // Guards: the spec with f replaced by each chosen term, weakened while Z3 proves the split.
        ASSIGN_OR_RETURN(program, SpecGuards(result.queries));
      }
      result.program = SubstituteVariables(program, as_param_);
      result.terms = static_cast<int>(chosen_.size());
      return result;
    } catch (const z3::exception& e) {
      return absl::InternalError(StrCat("z3: ", e.msg()));
    }
  }

 private:
  // Whether the cover applies: the guards must be expressible over f's parameters, so every declared
  // variable must be an argument of f. Otherwise `result` says why not.
  bool CoverApplies(TermCoverResult& result) {
    const SynthFun& f = task_.synth_funs[0];
    auto params = ArgumentParameters(*call_, f, task_.declared_vars.size());
    if (!params) {
      result.note = StrCat("'", f.name, "' is applied to ", PrintTerm(*call_), ", not to distinct variables");
      return false;
    }
    for (size_t j = 0; j < params->size(); ++j) {
      if ((*params)[j] == nullptr) {
        result.note =
            StrCat("the declared variable ", task_.declared_vars[j].name, " is not an argument of '", f.name, "'");
        return false;
      }
    }
    as_param_ = *std::move(params);
    return true;
  }

  // The spec (macros inlined), f's application and every candidate term, encoded for Z3.
  absl::Status Encode(TermCoverResult& result) {
    for (const TermPtr& c : task_.spec) spec_.push_back(InlineMacros(c));
    candidates_ = ByGenerality(CandidateTerms(task_, call_, spec_));
    result.candidate_terms = static_cast<int>(candidates_.size());
    z3::expr spec = ctx_.bool_val(true);
    for (const TermPtr& c : spec_) {
      ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*c));
      spec = spec && e;
    }
    spec_z3_ = spec;
    ASSIGN_OR_RETURN(z3::expr call, encoder_.Encode(*call_));
    call_z3_ = call;
    for (const TermPtr& t : candidates_) {
      ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*t));
      values_.push_back(e);
    }
    return absl::OkStatus();
  }

  // Grows the cover: a point no chosen term satisfies, then the first candidate that satisfies it, until
  // Z3 finds no such point. False (with the reason in `result`) when the cover cannot be completed.
  absl::StatusOr<bool> Grow(TermCoverResult& result) {
    // The solver lives as long as the cover: Z3 reuses the ids of freed terms, and its later models
    // (and so the answers of the CLIA suite) depend on which are alive.
    uncovered_.emplace(SimpleSolver(ctx_, QueryMs()));
    z3::solver& uncovered = *uncovered_;
    while (true) {
      if (deadline_.expired()) {
        result.note = "the cover ran out of time";
        return false;
      }
      // Proving that no point is left is a pigeonhole argument for max_n (none of x1..xn is the
      // largest), which Z3 finds hard at n = 19 while the points before come in milliseconds. A query
      // that runs long ends the growth; the final proof of the case split (with the guards weakened,
      // which makes the argument a chain) is the caller's.
      uncovered.set("timeout", QueryMs());
      ++result.queries;
      const z3::check_result answer = uncovered.check();
      if (answer == z3::unsat) return true;
      if (answer == z3::unknown) {
        if (chosen_.empty() || deadline_.expired()) {
          result.note = StrCat("Z3 could not extend the cover: ", uncovered.reason_unknown());
          return false;
        }
        result.note = StrCat("cover not proved complete (", uncovered.reason_unknown(), ")");
        return true;
      }
      if (static_cast<int>(chosen_.size()) >= kMaxCases) {
        result.note = StrCat("no cover with ", kMaxCases, " cases");
        return false;
      }
      z3::model model = uncovered.get_model();
      if (auto point = encoder_.ValuesIn(model); point.ok()) points_.push_back(*std::move(point));
      std::optional<size_t> pick = FirstSatisfying(model);
      if (!pick) {
        result.note = StrCat("no term of the spec satisfies it at a point (of ", candidates_.size(), " tried)");
        return false;
      }
      chosen_.push_back(*pick);
      uncovered.add(!HoldsWith(values_[*pick]));
    }
  }

  // The first candidate with which the spec holds at the model's point. The spec there depends only on
  // f's value: each distinct value is judged once.
  std::optional<size_t> FirstSatisfying(const z3::model& model) {
    std::map<std::string, bool> verdicts;
    for (size_t k = 0; k < candidates_.size() && (k % 64 != 0 || !deadline_.expired()); ++k) {
      z3::expr v = model.eval(values_[k], true);
      auto [it, fresh] = verdicts.try_emplace(v.to_string(), false);
      if (fresh) it->second = model.eval(HoldsWith(v), true).is_true();
      if (it->second) return k;
    }
    return std::nullopt;
  }

  // The case split with the spec as guard: case i is taken where the spec holds with f := its term,
  // each guard weakened conjunct by conjunct while Z3 proves the split still right.
  absl::StatusOr<TermPtr> SpecGuards(int& queries) {
    const SynthFun& f = task_.synth_funs[0];
    std::vector<std::vector<TermPtr>> guards(chosen_.size());
    std::vector<std::vector<z3::expr>> guards_z3(chosen_.size());
    for (size_t i = 0; i + 1 < chosen_.size(); ++i) {
      for (const TermPtr& c : spec_) {
        Conjuncts(Simplify(ReplaceCalls(c, f.primitive, candidates_[chosen_[i]]), *task_.registry), guards[i]);
      }
      for (const TermPtr& g : guards[i]) {
        ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*g));
        guards_z3[i].push_back(e);
      }
    }
    z3::expr earlier_failed = ctx_.bool_val(true);
    for (size_t i = 0; i + 1 < chosen_.size(); ++i) {
      // One solver per case: each conjunct sits behind an indicator, and a weaker guard is a check under
      // the indicators of the conjuncts kept (a fresh solver per query cost 3 ms; this, 0.1 ms). The
      // solver and indicators live until the case is done: Z3 reuses the ids of freed terms, and its
      // later models (and so the answers of the CLIA suite) depend on which are alive.
      z3::solver check = SimpleSolver(ctx_, QueryMs());
      check.add(earlier_failed && !HoldsWith(values_[chosen_[i]]));
      std::vector<z3::expr> indicators;
      const std::vector<bool> kept = Weaken(check, guards_z3[i], i, indicators, queries);
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
    TermPtr program = candidates_[chosen_.back()];
    for (size_t i = chosen_.size() - 1; i-- > 0;) {
      ASSIGN_OR_RETURN(TermPtr guard, Conjunction(guards[i], *task_.registry));
      ASSIGN_OR_RETURN(program, IfThenElse(guard, candidates_[chosen_[i]], program, *task_.registry));
    }
    return program;
  }

  // Which conjuncts of case `i`'s guard are kept: `check` holds the region where the case's term is
  // wrong (and no earlier case was taken); each conjunct, behind an indicator it adds, is dropped if Z3
  // proves the case is still never taken there without it.
  std::vector<bool> Weaken(z3::solver& check, const std::vector<z3::expr>& conjuncts, size_t i,
                           std::vector<z3::expr>& indicators, int& queries) {
    for (size_t k = 0; k < conjuncts.size(); ++k) {
      indicators.push_back(ctx_.bool_const(StrCat("guard_", i, "_", k).c_str()));
      check.add(z3::implies(indicators.back(), conjuncts[k]));
    }
    std::vector<bool> kept(conjuncts.size(), true);
    for (size_t c = 0; c < kept.size() && kept.size() > 1 && !deadline_.expired(); ++c) {
      z3::expr_vector assumptions(ctx_);
      for (size_t k = 0; k < kept.size(); ++k) {
        if (kept[k] && k != c) assumptions.push_back(indicators[k]);
      }
      ++queries;
      if (check.check(assumptions) == z3::unsat) kept[c] = false;
    }
    return kept;
  }

  // The case split with guards that are single Bool sub-terms of the spec, or their negations: an array
  // search's (< k x3) instead of the spec with 3 for f. First a chain (ite a1 t1 (ite a2 t2 ... tn)),
  // else a decision tree over the atoms. Null when neither is found (the spec's atoms do not separate
  // the cases, as in max_n, where every atom mentions f).
  absl::StatusOr<TermPtr> AtomGuards(const std::vector<TermPtr>& terms, const std::vector<z3::expr>& terms_z3,
                                     int& queries) {
    const Type one_bool[] = {Type::Bool()};
    auto negation = task_.registry->Resolve("not", one_bool);
    if (!negation.ok()) return TermPtr();
    ASSIGN_OR_RETURN(const AtomTable table, Atoms(*negation, terms));
    ASSIGN_OR_RETURN(TermPtr program, Chain(table, terms, terms_z3, queries));
    if (program != nullptr) return program;
    // No chain: a decision tree over the atoms (mpg_example4's four cases need two atoms each).
    return Tree(table, terms, terms_z3, ctx_.bool_val(true), std::vector<bool>(table.n, true), 0, queries);
  }

  // The atoms (smallest first), their values at the points, and the spec's verdict on each term there.
  absl::StatusOr<AtomTable> Atoms(const Primitive* negation, const std::vector<TermPtr>& terms) {
    const Type b = Type::Bool();
    AtomTable table;
    for (const TermPtr& a : SubtermsOfType(spec_, b)) {
      if (a->kind() == TermKind::kConstant || a->size() > kMaxAtomSize) continue;
      table.atoms.push_back(a);
      table.atoms.push_back(Simplify(Term::Apply(negation, b, {a}), *task_.registry));
      if (table.atoms.size() >= kMaxAtoms) break;
    }
    std::stable_sort(table.atoms.begin(), table.atoms.end(),
                     [](const TermPtr& x, const TermPtr& y) { return x->size() < y->size(); });
    table.n = points_.size();
    const std::vector<ValueColumn> inputs = PointColumns(task_.declared_vars, points_);
    table.holds = SpecHoldsWith(task_, spec_, terms, inputs, table.n, /*unknown=*/true);
    const Interpreter interpreter;
    table.atom_at.assign(table.atoms.size(), std::vector<bool>(table.n, false));
    for (size_t a = 0; a < table.atoms.size(); ++a) {
      auto column = interpreter.Evaluate(*table.atoms[a], inputs, table.n);
      for (size_t p = 0; column.ok() && p < table.n; ++p) table.atom_at[a][p] = column->Get(p).as_bool();
      ASSIGN_OR_RETURN(z3::expr e, encoder_.Encode(*table.atoms[a]));
      table.atoms_z3.push_back(e);
    }
    return table;
  }

  bool OverBudget(int queries) const { return deadline_.expired() || queries > kMaxChainQueries; }
  bool Satisfiable(const z3::expr& region, int& queries) {
    z3::solver check = SimpleSolver(ctx_, QueryMs());
    check.add(region);
    ++queries;
    return check.check() == z3::sat;
  }
  // Whether term `t` (its value `term_z3`) satisfies the spec everywhere in `region`.
  bool ProvedUnder(const z3::expr& region, const z3::expr& term_z3, int& queries) {
    z3::solver check = SimpleSolver(ctx_, QueryMs());
    check.add(region && !HoldsWith(term_z3));
    ++queries;
    return check.check() == z3::unsat;
  }

  // A chain: each step takes the first (atom, term) such that Z3 proves the term right wherever the
  // atom holds and the earlier atoms do not, candidates first filtered on the points. Null if none.
  absl::StatusOr<TermPtr> Chain(const AtomTable& table, const std::vector<TermPtr>& terms,
                                const std::vector<z3::expr>& terms_z3, int& queries) {
    const size_t n = table.n;
    std::vector<bool> in_region(n, true);  // no earlier atom holds
    z3::expr region = ctx_.bool_val(true);
    std::vector<size_t> remaining(terms.size());
    for (size_t t = 0; t < terms.size(); ++t) remaining[t] = t;
    std::vector<std::pair<size_t, size_t>> chain;  // (atom, term)
    std::optional<size_t> last;
    while (!last) {
      if (OverBudget(queries)) return TermPtr();
      // Done when one term is right on the whole region left.
      for (size_t t : remaining) {
        if (OverBudget(queries)) break;
        bool filtered = true;
        for (size_t p = 0; p < n && filtered; ++p) filtered = !in_region[p] || table.holds[t][p];
        if (filtered && ProvedUnder(region, terms_z3[t], queries)) {
          last = t;
          break;
        }
      }
      if (last || remaining.size() <= 1) break;
      std::optional<std::pair<size_t, size_t>> step = ChainStep(table, terms_z3, region, in_region, remaining, queries);
      if (!step) return TermPtr();
      const auto [a, i] = *step;
      chain.push_back({a, remaining[i]});
      region = region && !table.atoms_z3[a];
      for (size_t p = 0; p < n; ++p) in_region[p] = in_region[p] && !table.atom_at[a][p];
      remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (!last) return TermPtr();
    TermPtr program = terms[*last];
    for (size_t c = chain.size(); c-- > 0;) {
      ASSIGN_OR_RETURN(program,
                       IfThenElse(table.atoms[chain[c].first], terms[chain[c].second], program, *task_.registry));
    }
    return program;
  }

  // The chain's next (atom, index into `remaining`). Steps the points support come first; then steps no
  // point says anything about (a late case of array_sum_9_5 needs seven sums at most 5 and an eighth
  // above: random points rarely fall there), if Z3 finds the atom's region non-empty.
  std::optional<std::pair<size_t, size_t>> ChainStep(const AtomTable& table, const std::vector<z3::expr>& terms_z3,
                                                     const z3::expr& region, const std::vector<bool>& in_region,
                                                     const std::vector<size_t>& remaining, int& queries) {
    for (int pass = 0; pass < 2 && !OverBudget(queries); ++pass) {
      for (size_t a = 0; a < table.atoms.size() && !OverBudget(queries); ++a) {
        std::optional<bool> nonempty;  // Z3's word on this atom's region, asked at most once
        for (size_t i = 0; i < remaining.size(); ++i) {
          const size_t t = remaining[i];
          bool supported = false, contradicted = false;
          for (size_t p = 0; p < table.n && !contradicted; ++p) {
            if (!in_region[p] || !table.atom_at[a][p]) continue;
            if (table.holds[t][p])
              supported = true;
            else
              contradicted = true;
          }
          if (contradicted || supported != (pass == 0)) continue;
          if (pass == 1) {
            if (!nonempty) nonempty = Satisfiable(region && table.atoms_z3[a], queries);
            if (!*nonempty) continue;
          }
          if (ProvedUnder(region && table.atoms_z3[a], terms_z3[t], queries)) return std::make_pair(a, i);
        }
      }
    }
    return std::nullopt;
  }

  // A decision tree: at each node a term proved right on the node's region, else the atom after which
  // one term is right at the most points of each side, split on. Null if a leaf finds no term.
  absl::StatusOr<TermPtr> Tree(const AtomTable& table, const std::vector<TermPtr>& terms,
                               const std::vector<z3::expr>& terms_z3, const z3::expr& region,
                               const std::vector<bool>& in, int depth, int& queries) {
    const size_t n = table.n;
    if (OverBudget(queries)) return TermPtr();
    for (size_t t = 0; t < terms.size() && !OverBudget(queries); ++t) {
      bool filtered = true;
      for (size_t p = 0; p < n && filtered; ++p) filtered = !in[p] || table.holds[t][p];
      if (filtered && ProvedUnder(region, terms_z3[t], queries)) return terms[t];
    }
    if (depth >= kMaxTreeDepth) return TermPtr();
    std::optional<size_t> best = BestSplit(table, terms.size(), in);
    if (!best) return TermPtr();
    std::vector<bool> in_yes = in, in_no = in;
    for (size_t p = 0; p < n; ++p) {
      in_yes[p] = in[p] && table.atom_at[*best][p];
      in_no[p] = in[p] && !table.atom_at[*best][p];
    }
    ASSIGN_OR_RETURN(TermPtr yes,
                     Tree(table, terms, terms_z3, region && table.atoms_z3[*best], in_yes, depth + 1, queries));
    if (yes == nullptr) return TermPtr();
    ASSIGN_OR_RETURN(TermPtr no,
                     Tree(table, terms, terms_z3, region && !table.atoms_z3[*best], in_no, depth + 1, queries));
    if (no == nullptr) return TermPtr();
    return IfThenElse(table.atoms[*best], yes, no, *task_.registry);
  }

  // The atom after which one term is right at the most points of each side (both sides non-empty).
  static std::optional<size_t> BestSplit(const AtomTable& table, size_t terms, const std::vector<bool>& in) {
    std::optional<size_t> best;
    int best_score = -1;
    for (size_t a = 0; a < table.atoms.size(); ++a) {
      int yes = 0, no = 0, score = 0;
      for (size_t p = 0; p < table.n; ++p) {
        if (in[p]) (table.atom_at[a][p] ? yes : no)++;
      }
      if (yes == 0 || no == 0) continue;
      for (bool side : {true, false}) {
        int most = 0;
        for (size_t t = 0; t < terms; ++t) {
          int count = 0;
          for (size_t p = 0; p < table.n; ++p) count += in[p] && table.atom_at[a][p] == side && table.holds[t][p];
          most = std::max(most, count);
        }
        score += most;
      }
      if (score > best_score) {
        best_score = score;
        best = a;
      }
    }
    return best;
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
  std::vector<TermPtr> as_param_;              // the declared variables as f's parameters (CoverApplies)
  std::vector<TermPtr> spec_;                  // macros inlined
  std::optional<z3::expr> spec_z3_, call_z3_;  // spec_ and f's application, encoded
  std::vector<TermPtr> candidates_;            // the terms a case may use, most general first
  std::vector<z3::expr> values_;               // candidates_, encoded
  std::vector<size_t> chosen_;                 // the cover's cases, indices into candidates_
  std::vector<std::vector<Value>> points_;     // where the cover grew (Grow), then sample points
  std::optional<z3::solver> uncovered_;        // Grow's: points no chosen term covers
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
