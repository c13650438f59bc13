// Differential test of the interpreter's kernels against Z3: random well-typed ground terms are evaluated
// by Interpreter::EvaluateGround and by Z3 through the encoder, and the values must agree.
//
// Z3 is the reference for SMT-LIB 2.6 semantics; the only place the encoding adds meaning is Int
// division by zero, which SMT-LIB leaves open ((div x 0) = 0 and (mod x 0) = x, as in the interpreter).
// Z3 4.8.12 agreed with SMT-LIB 2.6 on every corner these tests reach (str.replace and str.indexof with
// an empty pattern included; see z3_encoder_test.cc), so no corner is excluded from generation.
//
// Z3's simplify() evaluates nearly every ground term; the rare exception (str.indexof with an offset near
// INT64_MAX, which Z3 4.8.12's rewriter leaves half rewritten) is settled by a solver and counted as a
// fallback.
//
// Terms the interpreter refuses (an Int leaving int64, which Z3's unbounded Ints do not mind) are
// skipped and counted; they must stay a small fraction. Each run uses a fixed seed.
//
// Floats: the Float64 encoding must give the interpreter's double bit for bit (any NaN equals any NaN, as
// for the interpreter's `=`), and the Float32 encoding what the same term gives in C `float` arithmetic.
// Float leaves are widened beyond RandomValue's edges to infinities, NaNs, subnormals, the extremes and
// random bit patterns (NaNs among them made quiet; see WidenFloatEdges), so rounding, overflow,
// underflow and signed zeros are all reached.
//
// Soak runs: PROGSEARCH_Z3_DIFF_TERMS=1000000 compares that many terms per domain, and
// PROGSEARCH_Z3_DIFF_SEED=N varies the seeds.
#include <algorithm>
#include <bit>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/str_cat.h"
#include "dsl/random_term.h"
#include "formats/program_reader.h"
#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::Read;

// Terms compared per domain (each BitVec width counts as one). At least 10,000; env overrides are for soak runs.
int TermsPerDomain() {
  static const int n = [] {
    const char* v = std::getenv("PROGSEARCH_Z3_DIFF_TERMS");
    return v != nullptr ? std::max(10000, std::atoi(v)) : 25000;
  }();
  return n;
}
// Mixed into every domain's fixed seed; 0 (the default) reproduces the committed runs.
uint64_t SeedSalt() {
  const char* v = std::getenv("PROGSEARCH_Z3_DIFF_SEED");
  return v != nullptr ? std::strtoull(v, nullptr, 0) : 0;
}
constexpr int kMaxDepth = 5;
constexpr int kMaxPrintedMismatches = 20;
constexpr double kKeepIntExtremes = 0.25;
constexpr double kFloatEdgeRate = 0.3;

const Primitive* Op(const PrimitiveRegistry& registry, std::string_view name, std::vector<Type> args) {
  absl::StatusOr<const Primitive*> p = registry.Resolve(name, args);
  INFO(name << ": " << p.status().ToString());
  REQUIRE(p.ok());
  return *p;
}

const Primitive* Macro(PrimitiveRegistry& registry, const std::string& name, std::vector<Declaration> params,
                       const Type& result, std::string_view body_text) {
  TermPtr body = Read(body_text, registry, params);
  REQUIRE(body->type() == result);
  std::vector<std::string> names;
  std::vector<Type> types;
  for (const Declaration& d : params) {
    names.push_back(d.name);
    types.push_back(d.type);
  }
  absl::StatusOr<const Primitive*> p = registry.AddMacro(name, names, types, result, body);
  REQUIRE(p.ok());
  return *p;
}

// The Boolean connectives and Bool-valued ite / = / distinct, which every domain uses.
void AddBoolOps(const PrimitiveRegistry& r, std::vector<const Primitive*>& ops) {
  const Type b = Type::Bool();
  ops.push_back(Op(r, "and", {b, b}));
  ops.push_back(Op(r, "and", {b, b, b}));
  ops.push_back(Op(r, "or", {b, b}));
  ops.push_back(Op(r, "or", {b, b, b}));
  ops.push_back(Op(r, "not", {b}));
  ops.push_back(Op(r, "xor", {b, b}));
  ops.push_back(Op(r, "=>", {b, b}));
  ops.push_back(Op(r, "ite", {b, b, b}));
  ops.push_back(Op(r, "=", {b, b}));
  ops.push_back(Op(r, "distinct", {b, b}));
}

// ite / = / distinct at type t.
void AddPolymorphicOps(const PrimitiveRegistry& r, const Type& t, std::vector<const Primitive*>& ops) {
  ops.push_back(Op(r, "ite", {Type::Bool(), t, t}));
  ops.push_back(Op(r, "=", {t, t}));
  ops.push_back(Op(r, "distinct", {t, t}));
}

// Int arithmetic and comparisons; with `nonlinear`, also * div mod.
void AddIntOps(const PrimitiveRegistry& r, bool nonlinear, std::vector<const Primitive*>& ops) {
  const Type i = Type::Int();
  ops.push_back(Op(r, "+", {i, i}));
  ops.push_back(Op(r, "+", {i, i, i}));
  ops.push_back(Op(r, "-", {i}));
  ops.push_back(Op(r, "-", {i, i}));
  ops.push_back(Op(r, "-", {i, i, i}));
  ops.push_back(Op(r, "abs", {i}));
  if (nonlinear) {
    ops.push_back(Op(r, "*", {i, i}));
    ops.push_back(Op(r, "*", {i, i, i}));
    ops.push_back(Op(r, "div", {i, i}));
    ops.push_back(Op(r, "mod", {i, i}));
  }
  for (const char* cmp : {"<", "<=", ">", ">="}) ops.push_back(Op(r, cmp, {i, i}));
  AddPolymorphicOps(r, i, ops);
}

struct Stats {
  int generated = 0;
  int compared = 0;
  int skipped = 0;       // the interpreter refused the term (Int overflow, string too long)
  int z3_fallbacks = 0;  // simplify() did not reach a value; a solver's model gave it
  int mismatches = 0;
  int encode_failures = 0;
  int64_t compared_nodes = 0;
  double seconds = 0;
};

// Replaces each INT64_MIN / INT64_MAX leaf, with probability 1 - keep, by a small random Int. Almost any
// arithmetic on them leaves int64, which the interpreter refuses, so at RandomValue's rate they would make
// a large share of deep Int terms unusable; at a quarter of it they still appear in thousands of terms.
TermPtr ThinIntExtremes(const TermPtr& t, double keep, std::mt19937_64& rng) {
  if (t->kind() == TermKind::kConstant) {
    const Value& v = t->value();
    if (v.type() != Type::Int() || (v.as_int() != INT64_MIN && v.as_int() != INT64_MAX)) return t;
    if (std::uniform_real_distribution<double>(0, 1)(rng) < keep) return t;
    return Term::Constant(Value::Int(static_cast<int64_t>(rng() % 41) - 20));
  }
  if (t->kind() != TermKind::kApply) return t;
  std::vector<TermPtr> args;
  for (const TermPtr& a : t->args()) args.push_back(ThinIntExtremes(a, keep, rng));
  return Term::Apply(t->op(), t->type(), std::move(args));
}

// Replaces each Float leaf, with probability `rate`, by a value RandomValue never gives: an infinity, a
// NaN, a subnormal, an extreme, an inexact decimal, or any double at all (random bits). Draws from `rng`
// only at Float leaves, so the other domains' terms stay the committed ones.
TermPtr WidenFloatEdges(const TermPtr& t, double rate, std::mt19937_64& rng) {
  if (t->kind() == TermKind::kConstant) {
    if (t->type() != Type::Float() || std::uniform_real_distribution<double>(0, 1)(rng) >= rate) return t;
    static constexpr double kInf = std::numeric_limits<double>::infinity();
    static const double kEdges[] = {kInf,
                                    -kInf,
                                    std::numeric_limits<double>::quiet_NaN(),
                                    -std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::denorm_min(),
                                    -std::numeric_limits<double>::denorm_min(),
                                    std::nextafter(DBL_MIN, 0.0),  // the largest subnormal
                                    DBL_MIN,
                                    -DBL_MIN,
                                    DBL_MAX,
                                    -DBL_MAX,
                                    1e-310,
                                    1e308,
                                    0.1,
                                    1.0 / 3,
                                    9007199254740992.0,  // 2^53: above it, not every integer is a double
                                    1.0 + DBL_EPSILON,
                                    FLT_MAX,
                                    static_cast<double>(std::numeric_limits<float>::denorm_min())};
    const uint64_t pick = rng() % (std::size(kEdges) + 4);
    if (pick < std::size(kEdges)) return Term::Constant(Value::Float(kEdges[pick]));
    // A NaN is made quiet: SMT-LIB has one NaN, and the only kernels that tell a signaling one apart
    // are fmin / fmax (glibc returns NaN for it, as IEEE 754-2008's minNum does), a documented limit.
    uint64_t bits = rng();
    if (std::isnan(std::bit_cast<double>(bits))) bits |= uint64_t{1} << 51;
    return Term::Constant(Value::Float(std::bit_cast<double>(bits)));
  }
  if (t->kind() != TermKind::kApply) return t;
  return MapArgs(t, [&](const TermPtr& a) { return WidenFloatEdges(a, rate, rng); });
}

// An application at the root (a bare constant compares nothing), random subterms below.
TermPtr GenerateRoot(const RandomTermGenerator& gen, const std::vector<const Primitive*>& ops, const Type& type,
                     std::mt19937_64& rng) {
  std::vector<const Primitive*> fitting;
  for (const Primitive* op : ops) {
    if (op->result == type) fitting.push_back(op);
  }
  REQUIRE(!fitting.empty());
  const Primitive* op = fitting[rng() % fitting.size()];
  std::vector<TermPtr> args;
  for (const Type& t : op->arg_types) args.push_back(gen.Generate(t, kMaxDepth - 1, rng));
  TermPtr term = ThinIntExtremes(Term::Apply(op, op->result, std::move(args)), kKeepIntExtremes, rng);
  return WidenFloatEdges(term, kFloatEdgeRate, rng);
}

// The term's value in some other arithmetic than the interpreter's (a Float32 check).
using Reference = std::function<absl::StatusOr<Value>(const Term&)>;

// Compares the encoding (in `float_encoding`) with the interpreter, or with `reference` when given.
Stats RunDifferential(const std::string& label, const std::vector<const Primitive*>& ops,
                      const std::vector<Type>& root_types, uint64_t seed,
                      FloatEncoding float_encoding = FloatEncoding::kFloat64, const Reference& reference = nullptr) {
  const auto start = std::chrono::steady_clock::now();
  RandomTermGenerator gen(ops, {}, 0.25);
  std::mt19937_64 rng(seed ^ SeedSalt());
  Interpreter interpreter;
  Stats s;
  // A fresh context now and then keeps Z3's term tables small.
  std::unique_ptr<z3::context> ctx;
  std::unique_ptr<Z3Encoder> encoder;
  while (s.compared < TermsPerDomain() && s.generated < 3 * TermsPerDomain()) {
    if (s.generated % 2000 == 0) {
      encoder.reset();
      ctx = std::make_unique<z3::context>();
      encoder = std::make_unique<Z3Encoder>(*ctx, std::vector<Declaration>{}, nullptr, float_encoding);
    }
    const Type& type = root_types[s.generated % root_types.size()];
    ++s.generated;
    TermPtr term = GenerateRoot(gen, ops, type, rng);

    absl::StatusOr<Value> expected = reference ? reference(*term) : interpreter.EvaluateGround(*term);
    if (!expected.ok()) {
      INFO(label << ": " << PrintTerm(*term) << ": " << expected.status().ToString());
      REQUIRE((absl::IsOutOfRange(expected.status()) || absl::IsResourceExhausted(expected.status())));
      ++s.skipped;
      continue;
    }
    absl::StatusOr<z3::expr> e = encoder->Encode(*term);
    if (!e.ok()) {
      ++s.encode_failures;
      FAIL_CHECK(label << ": cannot encode " << PrintTerm(*term) << ": " << e.status().ToString());
      continue;
    }
    bool used_solver = false;
    absl::StatusOr<Value> actual = EvaluateWithZ3(*e, term->type(), &used_solver);
    s.z3_fallbacks += used_solver;
    ++s.compared;
    s.compared_nodes += term->size();
    if (actual.ok() && *actual == *expected) continue;
    ++s.mismatches;
    if (s.mismatches <= kMaxPrintedMismatches) {
      FAIL_CHECK(label << " mismatch on " << PrintTerm(*term) << "\n  expected:    " << expected->ToString()
                       << "\n  Z3:          " << (actual.ok() ? actual->ToString() : actual.status().ToString())
                       << "\n  Z3 simplified: " << e->simplify().to_string());
    }
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "[z3 differential] %-10s generated %6d  compared %6d  skipped %5d (%.1f%%)  z3 fallbacks %5d  "
      "mismatches %d  mean size %.1f  %.1f s\n",
      label.c_str(), s.generated, s.compared, s.skipped, 100.0 * s.skipped / s.generated, s.z3_fallbacks, s.mismatches,
      static_cast<double>(s.compared_nodes) / std::max(s.compared, 1), s.seconds);
  std::fflush(stdout);
  return s;
}

void RequireGood(const Stats& s) {
  CHECK(s.mismatches == 0);
  CHECK(s.encode_failures == 0);
  CHECK(s.compared >= TermsPerDomain());
  CHECK(s.skipped < s.generated / 10);
}

TEST_CASE("Interpreter agrees with Z3 on random Int terms", "[verify][z3]") {
  const PrimitiveRegistry& builtin = BuiltinRegistry();
  PrimitiveRegistry registry(&builtin);
  std::vector<const Primitive*> ops;
  AddIntOps(builtin, /*nonlinear=*/true, ops);
  AddBoolOps(builtin, ops);
  const Type i = Type::Int();
  // Macros are expanded by the encoder and evaluated through their body by the interpreter.
  ops.push_back(Macro(registry, "clamp", {{"x", i}, {"lo", i}}, i, "(ite (< x lo) lo x)"));
  ops.push_back(Macro(registry, "between", {{"x", i}, {"lo", i}, {"hi", i}}, Type::Bool(), "(and (<= lo x) (< x hi))"));
  RequireGood(RunDifferential("Int", ops, {i, i, Type::Bool()}, 0x1a2b3c4d));
}

void RunBitVec(int width, uint64_t seed) {
  const PrimitiveRegistry& builtin = BuiltinRegistry();
  PrimitiveRegistry registry(&builtin);
  const Type bv = *Type::BitVec(width);
  std::vector<const Primitive*> ops;
  for (const char* name : {"bvnot", "bvneg"}) ops.push_back(Op(builtin, name, {bv}));
  for (const char* name : {"bvand",  "bvor",   "bvxor",  "bvnand", "bvnor",  "bvxnor", "bvadd",  "bvsub",  "bvmul",
                           "bvudiv", "bvurem", "bvsdiv", "bvsrem", "bvsmod", "bvshl",  "bvlshr", "bvashr", "bvult",
                           "bvule",  "bvugt",  "bvuge",  "bvslt",  "bvsle",  "bvsgt",  "bvsge"}) {
    ops.push_back(Op(builtin, name, {bv, bv}));
  }
  AddPolymorphicOps(builtin, bv, ops);
  AddBoolOps(builtin, ops);
  ops.push_back(Macro(registry, "umax", {{"x", bv}, {"y", bv}}, bv, "(ite (bvugt x y) x y)"));
  RequireGood(RunDifferential(StrCat("BV", width), ops, {bv, bv, Type::Bool()}, seed + width));
}

TEST_CASE("Interpreter agrees with Z3 on random BitVec 64 terms", "[verify][z3]") { RunBitVec(64, 0xb17); }
TEST_CASE("Interpreter agrees with Z3 on random BitVec 32 terms", "[verify][z3]") { RunBitVec(32, 0xb17); }
TEST_CASE("Interpreter agrees with Z3 on random BitVec 8 terms", "[verify][z3]") { RunBitVec(8, 0xb17); }
TEST_CASE("Interpreter agrees with Z3 on random BitVec 13 terms", "[verify][z3]") { RunBitVec(13, 0xb17); }
TEST_CASE("Interpreter agrees with Z3 on random BitVec 1 terms", "[verify][z3]") { RunBitVec(1, 0xb17); }

TEST_CASE("Interpreter agrees with Z3 on random String terms", "[verify][z3]") {
  const PrimitiveRegistry& builtin = BuiltinRegistry();
  PrimitiveRegistry registry(&builtin);
  const Type s = Type::String();
  const Type i = Type::Int();
  const Type b = Type::Bool();
  std::vector<const Primitive*> ops = {
      Op(builtin, "str.++", {s, s}),         Op(builtin, "str.++", {s, s, s}),
      Op(builtin, "str.len", {s}),           Op(builtin, "str.at", {s, i}),
      Op(builtin, "str.substr", {s, i, i}),  Op(builtin, "str.indexof", {s, s, i}),
      Op(builtin, "str.replace", {s, s, s}), Op(builtin, "str.replace_all", {s, s, s}),
      Op(builtin, "str.prefixof", {s, s}),   Op(builtin, "str.suffixof", {s, s}),
      Op(builtin, "str.contains", {s, s}),   Op(builtin, "str.<", {s, s}),
      Op(builtin, "str.<=", {s, s}),         Op(builtin, "str.is_digit", {s}),
      Op(builtin, "str.to_int", {s}),        Op(builtin, "str.from_int", {i}),
  };
  AddPolymorphicOps(builtin, s, ops);
  AddIntOps(builtin, /*nonlinear=*/false, ops);
  AddBoolOps(builtin, ops);
  ops.push_back(Macro(registry, "wrap", {{"x", s}, {"y", s}}, s, "(str.++ y x y)"));
  RequireGood(RunDifferential("String", ops, {s, s, i, b}, 0x5757));
}

void AddFloatOps(const PrimitiveRegistry& r, std::vector<const Primitive*>& ops) {
  const Type f = Type::Float();
  for (const char* name : {"+", "-", "*", "/", "fmin", "fmax"}) ops.push_back(Op(r, name, {f, f}));
  for (const char* name : {"-", "sqrt", "fabs"}) ops.push_back(Op(r, name, {f}));
  ops.push_back(Op(r, "fma", {f, f, f}));
  for (const char* cmp : {"<", "<=", ">", ">="}) ops.push_back(Op(r, cmp, {f, f}));
  AddPolymorphicOps(r, f, ops);
  AddBoolOps(r, ops);
}

TEST_CASE("Interpreter agrees with Z3 on random Float terms bit for bit", "[verify][z3]") {
  const PrimitiveRegistry& builtin = BuiltinRegistry();
  PrimitiveRegistry registry(&builtin);
  std::vector<const Primitive*> ops;
  AddFloatOps(builtin, ops);
  const Type f = Type::Float();
  ops.push_back(Macro(registry, "clamp01", {{"x", f}}, f, "(fmin (fmax x 0.0) 1.0)"));
  RequireGood(RunDifferential("Float64", ops, {f, f, Type::Bool()}, 0xf1064));
}

// The arithmetic float32_check.h evaluates: constants and every operation rounded to float (C++ float
// arithmetic rounds each operation to nearest even; std::fma and std::sqrt on floats round once).
absl::StatusOr<Value> EvaluateInFloat32(const Term& t) {
  if (t.kind() == TermKind::kConstant) {
    if (t.type() != Type::Float()) return t.value();
    return Value::Float(static_cast<float>(t.value().as_float()));
  }
  if (t.kind() != TermKind::kApply) return absl::UnimplementedError("not a ground application");
  std::vector<Value> a;
  for (const TermPtr& arg : t.args()) {
    absl::StatusOr<Value> v = EvaluateInFloat32(*arg);
    if (!v.ok()) return v;
    a.push_back(*v);
  }
  const std::string& name = t.op()->name;
  auto x = [&a](size_t i) { return static_cast<float>(a[i].as_float()); };
  auto fl = [](float v) { return Value::Float(v); };
  auto b = [](bool v) { return Value::Bool(v); };
  if (name == "ite") return a[0].as_bool() ? a[1] : a[2];
  if (name == "=") return b(a[0] == a[1]);
  if (name == "distinct") return b(!(a[0] == a[1]));
  if (name == "and") return b(std::all_of(a.begin(), a.end(), [](const Value& v) { return v.as_bool(); }));
  if (name == "or") return b(std::any_of(a.begin(), a.end(), [](const Value& v) { return v.as_bool(); }));
  if (name == "not") return b(!a[0].as_bool());
  if (name == "xor") return b(a[0].as_bool() != a[1].as_bool());
  if (name == "=>") return b(!a[0].as_bool() || a[1].as_bool());
  if (name == "+") return fl(x(0) + x(1));
  if (name == "-") return fl(a.size() == 1 ? -x(0) : x(0) - x(1));
  if (name == "*") return fl(x(0) * x(1));
  if (name == "/") return fl(x(0) / x(1));
  if (name == "fma") return fl(std::fma(x(0), x(1), x(2)));
  if (name == "sqrt") return fl(std::sqrt(x(0)));
  if (name == "fabs") return fl(std::fabs(x(0)));
  if (name == "fmin") return fl(std::fmin(x(0), x(1)));
  if (name == "fmax") return fl(std::fmax(x(0), x(1)));
  if (name == "<") return b(x(0) < x(1));
  if (name == "<=") return b(x(0) <= x(1));
  if (name == ">") return b(x(0) > x(1));
  if (name == ">=") return b(x(0) >= x(1));
  return absl::UnimplementedError(StrCat("no float32 evaluation of '", name, "'"));
}

TEST_CASE("The Float32 encoding agrees with C float arithmetic on random terms", "[verify][z3]") {
  std::vector<const Primitive*> ops;
  AddFloatOps(BuiltinRegistry(), ops);
  const Type f = Type::Float();
  RequireGood(
      RunDifferential("Float32", ops, {f, f, Type::Bool()}, 0xf1032, FloatEncoding::kFloat32, EvaluateInFloat32));
}

}  // namespace
}  // namespace progsearch
