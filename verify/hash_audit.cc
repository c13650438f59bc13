#include "verify/hash_audit.h"

#include <charconv>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "core/setting_check.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "dsl/random_term.h"
#include "hashing/functional_hash.h"
#include "verify/prover.h"

namespace progsearch {
namespace {

absl::StatusOr<Type> DomainType(const std::string& domain) {
  if (domain == "int") return Type::Int();
  int width = 0;
  const char* digits = domain.data() + 2;
  const char* end = domain.data() + domain.size();
  if (domain.size() > 2 && domain.rfind("bv", 0) == 0) {
    auto [p, ec] = std::from_chars(digits, end, width);
    if (ec == std::errc() && p == end) {
      if (auto bv = Type::BitVec(width); bv.ok()) return *bv;
    }
  }
  return absl::InvalidArgumentError(StrCat("unknown domain '", domain, "': use int, or bvW with W from 1 to 64"));
}

std::vector<const Primitive*> DomainOps(const Type& t) {
  const PrimitiveRegistry& r = BuiltinRegistry();
  const Type b = Type::Bool();
  std::vector<const Primitive*> ops;
  auto add = [&](const char* name, std::vector<Type> args) {
    if (auto p = r.Resolve(name, args); p.ok()) ops.push_back(*p);
  };
  if (t == Type::Int()) {
    for (const char* name : {"+", "-", "*"}) add(name, {t, t});
    add("-", {t});
    for (const char* name : {"<", "<=", "="}) add(name, {t, t});
  } else {
    for (const char* name : {"bvnot", "bvneg"}) add(name, {t});
    for (const char* name :
         {"bvand", "bvor", "bvxor", "bvadd", "bvsub", "bvmul", "bvshl", "bvlshr", "bvashr", "bvudiv", "bvurem"}) {
      add(name, {t, t});
    }
    for (const char* name : {"bvult", "bvslt", "="}) add(name, {t, t});
  }
  add("ite", {b, t, t});
  add("and", {b, b});
  add("not", {b});
  return ops;
}

// Small constants make near-equivalent programs common, which is what the audit is about.
TermPtr SmallConstants(const TermPtr& t, const Type& type, std::mt19937_64& rng) {
  if (t->kind() == TermKind::kConstant && t->type() == type) {
    static const int64_t pool[] = {0, 1, -1, 2, 3};
    const int64_t v = pool[rng() % 5];
    if (type == Type::Int()) return Term::Constant(Value::Int(v));
    return Term::Constant(Value::BitVec(type, static_cast<uint64_t>(v)));
  }
  if (t->kind() != TermKind::kApply) return t;
  return MapArgs(t, [&](const TermPtr& a) { return SmallConstants(a, type, rng); });
}

Value RandomPoint(const Type& type, std::mt19937_64& rng) {
  if (type == Type::Int()) return Value::Int(static_cast<int64_t>(rng() % 2001) - 1000);
  return Value::BitVec(type, rng());
}

struct ProbeSet {
  std::string name;
  std::vector<Value> xs, ys;
};

// The points of `a` followed by those of `b`, named after both.
ProbeSet Joined(const ProbeSet& a, const ProbeSet& b) {
  ProbeSet out{StrCat(a.name, " + ", b.name), a.xs, a.ys};
  out.xs.insert(out.xs.end(), b.xs.begin(), b.xs.end());
  out.ys.insert(out.ys.end(), b.ys.begin(), b.ys.end());
  return out;
}

// `count` random programs of x and y with distinct texts (the same text is trivially the same
// function), at most `max_depth` deep, with small constants.
std::vector<TermPtr> RandomPrograms(const Type& type, const std::vector<Declaration>& vars, int count, int max_depth,
                                    std::mt19937_64& rng) {
  RandomTermGenerator generator(DomainOps(type), vars, 0.3);
  std::vector<TermPtr> programs;
  std::set<std::string> texts;
  for (int attempt = 0; static_cast<int>(programs.size()) < count && attempt < 50 * count; ++attempt) {
    TermPtr p = generator.Generate(type, max_depth, rng);
    if (p == nullptr) continue;
    p = SmallConstants(p, type, rng);
    if (texts.insert(PrintTerm(*p)).second) programs.push_back(p);
  }
  return programs;
}

// The probe sets, all drawn from one generator so every run with a seed is the same: random 1 to 32;
// the edge values; edge + random 8; edge + small 8; edge + small 8 + random 8.
std::vector<ProbeSet> ProbeSets(const Type& type, std::mt19937_64& rng) {
  std::vector<ProbeSet> sets;
  for (int n : {1, 2, 4, 8, 16, 32}) {
    ProbeSet s{StrCat("random ", n), {}, {}};
    for (int i = 0; i < n; ++i) {
      s.xs.push_back(RandomPoint(type, rng));
      s.ys.push_back(RandomPoint(type, rng));
    }
    sets.push_back(s);
  }
  const std::vector<Value> edges = EdgeValues(type);
  ProbeSet edge{StrCat("edge ", edges.size()), {}, {}};
  // Each edge value for x, paired with a rotated edge value for y, so both vary.
  for (size_t i = 0; i < edges.size(); ++i) {
    edge.xs.push_back(edges[i]);
    edge.ys.push_back(edges[(i + 1) % edges.size()]);
  }
  sets.push_back(edge);
  const ProbeSet random8 = sets[3];
  sets.push_back(Joined(edge, random8));
  // Small values: shift amounts and divisors that random 32- or 64-bit words almost never are.
  ProbeSet small{StrCat("edge ", edges.size(), " + small 8"), edge.xs, edge.ys};
  for (int i = 0; i < 8; ++i) {
    small.xs.push_back(SmallValue(type, rng));
    small.ys.push_back(SmallValue(type, rng));
  }
  sets.push_back(small);
  sets.push_back(Joined(small, random8));
  return sets;
}

// Hashes every program on `set` and puts each merge to Z3 (pairs already decided on an earlier set are
// not asked again).
class MergeJudge {
 public:
  MergeJudge(const Type& type, const std::vector<Declaration>& vars, const std::vector<TermPtr>& programs,
             unsigned proof_timeout_ms)
      : type_(type), vars_(vars), programs_(programs), prover_(ProofLimits{proof_timeout_ms, 0}) {}

  absl::Status Audit(const ProbeSet& set, ProbeSetReport& out) {
    int programs = 0, distinct = 0, merged = 0, false_merges = 0, unknown = 0;
    const std::vector<ValueColumn> inputs = {ValueColumn::FromValues(type_, set.xs),
                                             ValueColumn::FromValues(type_, set.ys)};
    absl::flat_hash_map<uint64_t, int> first;  // hash -> first program with it
    for (int i = 0; i < static_cast<int>(programs_.size()); ++i) {
      auto value = interpreter_.Evaluate(*programs_[i], inputs, set.xs.size());
      if (!value.ok()) continue;
      ++programs;
      auto [it, inserted] = first.try_emplace(FunctionalHash(*value), i);
      if (inserted) {
        ++distinct;
        continue;
      }
      ++merged;
      ASSIGN_OR_RETURN(Verdict verdict, Judge(it->second, i));
      if (verdict == Verdict::kRefuted) ++false_merges;
      if (verdict == Verdict::kUnknown) ++unknown;
    }
    out.set_name(set.name);
    out.set_points(static_cast<int>(set.xs.size()));
    out.set_programs(programs);
    out.set_distinct(distinct);
    out.set_merged(merged);
    out.set_false_merges(false_merges);
    out.set_unknown(unknown);
    out.set_false_merge_rate(merged ? static_cast<double>(false_merges) / merged : 0);
    return absl::OkStatus();
  }

  int queries() const { return queries_; }

 private:
  absl::StatusOr<Verdict> Judge(int a, int b) {
    const std::pair<int, int> pair{a, b};
    if (auto known = decided_.find(pair); known != decided_.end()) return known->second;
    auto proof = prover_.Equivalent(*programs_[a], *programs_[b], vars_);
    if (!proof.ok()) return proof.status();
    ++queries_;
    decided_[pair] = proof->verdict;
    return proof->verdict;
  }

  Type type_;
  const std::vector<Declaration>& vars_;
  const std::vector<TermPtr>& programs_;
  Prover prover_;
  Interpreter interpreter_;
  std::map<std::pair<int, int>, Verdict> decided_;  // pairs already put to Z3
  int queries_ = 0;
};

}  // namespace

absl::StatusOr<HashAuditReport> AuditFunctionalHash(const HashAuditConfig& config,
                                                    const std::function<void(const ProbeSetReport&)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  auto type = DomainType(config.domain());
  if (!type.ok()) return type.status();
  RETURN_IF_ERROR(RequireRange("programs", config.programs(), 2, 10000000));
  RETURN_IF_ERROR(RequireRange("max_depth", config.max_depth(), 1, 12));
  RETURN_IF_ERROR(RequireRange("proof_timeout_ms", config.proof_timeout_ms(), 1u, 3600000u));
  const std::vector<Declaration> vars = {{"x", *type}, {"y", *type}};
  std::mt19937_64 rng(config.seed());
  const std::vector<TermPtr> programs = RandomPrograms(*type, vars, config.programs(), config.max_depth(), rng);
  const std::vector<ProbeSet> sets = ProbeSets(*type, rng);
  HashAuditReport report;
  report.set_domain(config.domain());
  report.set_programs(static_cast<int>(programs.size()));
  MergeJudge judge(*type, vars, programs, config.proof_timeout_ms());
  for (const ProbeSet& set : sets) {
    ProbeSetReport& out = *report.add_probe_sets();
    RETURN_IF_ERROR(judge.Audit(set, out));
    if (progress) progress(out);
  }
  report.set_z3_queries(judge.queries());
  report.set_seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return report;
}

}  // namespace progsearch
