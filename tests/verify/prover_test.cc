// Prover: proofs and refutations with known answers in every domain, counterexamples that really tell
// the programs apart, and time limits that hold.
#include "verify/prover.h"

#include <chrono>
#include <string_view>
#include <thread>
#include <tuple>

#include "formats/sygus.h"
#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::Read;
using verify_test::SameFloat;

// The program's value at one point, by the interpreter.
Value At(const Term& program, const std::vector<Value>& point) {
  std::vector<ValueColumn> inputs;
  for (const Value& v : point) inputs.push_back(ValueColumn::FromValues(v.type(), std::vector<Value>{v}));
  auto out = Interpreter().Evaluate(program, inputs, 1);
  REQUIRE(out.ok());
  return out->Get(0);
}

// Equivalent(p, q) with Floats encoded as `encoding`.
absl::StatusOr<ProofResult> CompareIn(FloatEncoding encoding, std::string_view p_text, std::string_view q_text,
                                      const std::vector<Declaration>& vars) {
  TermPtr p = Read(p_text, BuiltinRegistry(), vars), q = Read(q_text, BuiltinRegistry(), vars);
  return Prover(ProofLimits{60000, 0}).Equivalent(*p, *q, vars, encoding);
}

// Checks Equivalent(p, q) in the interpreter's own arithmetic and, for a refutation, that p and q differ
// at the counterexample.
Verdict Compare(std::string_view p_text, std::string_view q_text, const std::vector<Declaration>& vars) {
  TermPtr p = Read(p_text, BuiltinRegistry(), vars), q = Read(q_text, BuiltinRegistry(), vars);
  auto result = CompareIn(FloatEncoding::kFloat64, p_text, q_text, vars);
  INFO(p_text << " vs " << q_text);
  REQUIRE(result.ok());
  if (result->verdict == Verdict::kRefuted) {
    REQUIRE(result->counterexamples[0].size() == vars.size());
    CHECK(At(*p, result->counterexamples[0]) != At(*q, result->counterexamples[0]));
  }
  return result->verdict;
}

}  // namespace

TEST_CASE("equivalences proved and refuted in each domain", "[verify][prover]") {
  const std::vector<Declaration> ints = {{"x", Type::Int()}, {"y", Type::Int()}};
  CHECK(Compare("(+ x x)", "(* 2 x)", ints) == Verdict::kProved);
  CHECK(Compare("(- (+ x y) y)", "x", ints) == Verdict::kProved);
  CHECK(Compare("(+ x x)", "(* 3 x)", ints) == Verdict::kRefuted);
  CHECK(Compare("(ite (< x y) y x)", "(ite (>= y x) y x)", ints) == Verdict::kProved);
  CHECK(Compare("(div x 2)", "(div (+ x 1) 2)", ints) == Verdict::kRefuted);

  const std::vector<Declaration> bv = {{"x", *Type::BitVec(32)}};
  // x & (x - 1) clears the lowest set bit, as does x - (x & -x).
  CHECK(Compare("(bvand x (bvsub x #x00000001))", "(bvsub x (bvand x (bvneg x)))", bv) == Verdict::kProved);
  CHECK(Compare("(bvand x (bvsub x #x00000001))", "(bvand x (bvsub x #x00000002))", bv) == Verdict::kRefuted);
  CHECK(Compare("(bvshl x #x00000001)", "(bvadd x x)", bv) == Verdict::kProved);
  CHECK(Compare("(bvlshr x #x00000001)", "(bvashr x #x00000001)", bv) == Verdict::kRefuted);

  const std::vector<Declaration> strings = {{"s", Type::String()}, {"t", Type::String()}};
  CHECK(Compare("(str.++ s \"\")", "s", strings) == Verdict::kProved);
  CHECK(Compare("(str.len (str.++ s t))", "(+ (str.len s) (str.len t))", strings) == Verdict::kProved);
  CHECK(Compare("(str.++ s t)", "(str.++ t s)", strings) == Verdict::kRefuted);

  // Mismatched types and unencodable programs are errors, not verdicts.
  Prover prover;
  CHECK_FALSE(prover.Equivalent(*Read("x", BuiltinRegistry(), ints), *Read("\"a\""), ints).ok());
  const std::vector<Declaration> floats = {{"x", Type::Float()}};
  auto unencodable = prover.Equivalent(*Read("(exp x)", BuiltinRegistry(), floats),
                                       *Read("(exp x)", BuiltinRegistry(), floats), floats);
  CHECK(unencodable.status().code() == absl::StatusCode::kUnimplemented);
}

TEST_CASE("Float identities: true of the reals, false of floating point", "[verify][prover]") {
  const std::vector<Declaration> xy = {{"x", Type::Float()}, {"y", Type::Float()}};
  const std::vector<Declaration> xyz = {{"x", Type::Float()}, {"y", Type::Float()}, {"z", Type::Float()}};
  // Real arithmetic proves the algebra; Float64 refutes it, and the counterexample (Compare checks it
  // with the interpreter) really makes the programs differ. (x+y)^2 in two Float64 variables takes Z3
  // some 20 s to refute (four bit-blasted multiplications), so the refutation fixes y = 1.
  const auto cases = {
      std::tuple{"(* (+ x y) (+ x y))", "(+ (+ (* x x) (* 2.0 (* x y))) (* y y))", xy, false},
      std::tuple{"(* (+ x 1.0) (+ x 1.0))", "(+ (+ (* x x) (* 2.0 x)) 1.0)", xy, true},
      std::tuple{"(+ (+ x y) z)", "(+ x (+ y z))", xyz, true},
  };
  for (const auto& [p, q, vars, refute_in_float64] : cases) {
    INFO(p << " vs " << q);
    absl::StatusOr<ProofResult> real = CompareIn(FloatEncoding::kReal, p, q, vars);
    REQUIRE(real.ok());
    CHECK(real->verdict == Verdict::kProved);
    if (refute_in_float64) CHECK(Compare(p, q, vars) == Verdict::kRefuted);
  }
  // Doubling is exact in every arithmetic (an overflow gives the same infinity both ways).
  for (FloatEncoding encoding : {FloatEncoding::kReal, FloatEncoding::kFloat64, FloatEncoding::kFloat32}) {
    INFO(FloatEncodingName(encoding));
    absl::StatusOr<ProofResult> doubled = CompareIn(encoding, "(* x 2.0)", "(+ x x)", xy);
    REQUIRE(doubled.ok());
    CHECK(doubled->verdict == Verdict::kProved);
  }
  CHECK(Compare("(* x 2.0)", "(+ x x)", xy) == Verdict::kProved);
  CHECK(Compare("(fabs (- x))", "(fabs x)", xy) == Verdict::kProved);
  // -0.0 makes these differ, and the Float64 encoding knows it; the Reals have one zero.
  CHECK(Compare("(- x)", "(- 0.0 x)", xy) == Verdict::kRefuted);
  CHECK(CompareIn(FloatEncoding::kReal, "(- x)", "(- 0.0 x)", xy)->verdict == Verdict::kProved);
  // x = x fails for NaN under <=, not under =.
  CHECK(Compare("(<= x x)", "true", xy) == Verdict::kRefuted);
  CHECK(Compare("(= x x)", "true", xy) == Verdict::kProved);

  // A Real refutation: its counterexample tells the sides apart in real arithmetic.
  absl::StatusOr<ProofResult> cube = CompareIn(FloatEncoding::kReal, "(* x (* x x))", "x", xy);
  REQUIRE(cube.ok());
  REQUIRE(cube->verdict == Verdict::kRefuted);
  const double cx = cube->counterexamples[0][0].as_float();
  CHECK(cx * cx * cx != cx);

  // Float32 arithmetic is not associative either, and its counterexample shows it in float.
  absl::StatusOr<ProofResult> f32 = CompareIn(FloatEncoding::kFloat32, "(+ (+ x y) z)", "(+ x (+ y z))", xyz);
  REQUIRE(f32.ok());
  REQUIRE(f32->verdict == Verdict::kRefuted);
  float f[3];
  for (int i = 0; i < 3; ++i) {
    const double d = f32->counterexamples[0][i].as_float();
    f[i] = static_cast<float>(d);
    CHECK(SameFloat(f[i], d));  // Float32 counterexamples are floats
  }
  CHECK_FALSE(SameFloat((f[0] + f[1]) + f[2], f[0] + (f[1] + f[2])));
}

TEST_CASE("A float32 sum is not the double sum of the same floats", "[threads][verify][prover]") {
  Prover prover(ProofLimits{60000, 0});
  z3::context& ctx = prover.context();
  const std::vector<Declaration> xy = {{"x", Type::Float()}, {"y", Type::Float()}};
  TermPtr sum = Read("(+ x y)", BuiltinRegistry(), xy);
  Z3Encoder in_float(ctx, xy, nullptr, FloatEncoding::kFloat32);
  Z3Encoder in_double(ctx, xy, nullptr, FloatEncoding::kFloat64);
  absl::StatusOr<z3::expr> float_sum = in_float.Encode(*sum), double_sum = in_double.Encode(*sum);
  REQUIRE(float_sum.ok());
  REQUIRE(double_sum.ok());
  // The double sum of the float inputs, widened exactly, against the float sum widened.
  const z3::sort f64 = ctx.fpa_sort(11, 53);
  auto widen = [&](const z3::expr& e) { return z3::expr(ctx, Z3_mk_fpa_to_fp_float(ctx, Z3_mk_fpa_rne(ctx), e, f64)); };
  z3::expr_vector from(ctx), to(ctx);
  for (size_t i = 0; i < 2; ++i) {
    from.push_back(in_double.variables()[i]);
    to.push_back(widen(in_float.variables()[i]));
  }
  const z3::expr same = widen(*float_sum) == double_sum->substitute(from, to);
  absl::StatusOr<ProofResult> result = prover.Valid(same, in_float.variables(), {Type::Float(), Type::Float()});
  REQUIRE(result.ok());
  REQUIRE(result->verdict == Verdict::kRefuted);
  const double x = result->counterexamples[0][0].as_float(), y = result->counterexamples[0][1].as_float();
  INFO(x << " + " << y);
  const float fx = static_cast<float>(x), fy = static_cast<float>(y);
  REQUIRE(SameFloat(fx, x));
  REQUIRE(SameFloat(fy, y));
  // The interpreter's sum (double) and the float sum really differ there.
  CHECK_FALSE(SameFloat(At(*sum, result->counterexamples[0]).as_float(), fx + fy));

  // Where the float sum is exact the two agree: the same query restricted to y = +-0 is proved.
  const z3::expr y_is_zero(ctx, Z3_mk_fpa_is_zero(ctx, in_float.variables()[1]));
  absl::StatusOr<ProofResult> exact =
      prover.Valid(z3::implies(y_is_zero, same), in_float.variables(), {Type::Float(), Type::Float()});
  REQUIRE(exact.ok());
  CHECK(exact->verdict == Verdict::kProved);
}

TEST_CASE("Float candidates are proved against a spec in the encoding asked for", "[verify][prover]") {
  auto task = ParseSygus(R"((set-logic ALL)
(synth-fun f ((x Float64)) Float64)
(declare-var x Float64)
(constraint (= (f x) (+ x x)))
(constraint (= (f 1.5) 3.0))
(check-synth))",
                         "double.sl");
  REQUIRE(task.ok());
  REQUIRE_FALSE(task->examples.empty());
  const std::vector<Declaration>& params = task->synth_funs[0].params;
  Prover prover(ProofLimits{60000, 0});
  TermPtr right = Read("(* 2.0 x)", *task->registry, params);
  // Right on the example, wrong elsewhere: the refutation comes from the spec, at some x.
  TermPtr wrong = Read("(+ x 1.5)", *task->registry, params);
  // The example (f 1.5) = 3.0 is encoded in the same sort as the program, or Z3 would throw.
  for (FloatEncoding encoding : {FloatEncoding::kFloat64, FloatEncoding::kReal}) {
    INFO(FloatEncodingName(encoding));
    absl::StatusOr<ProofResult> proved = prover.Prove(*task, right, 1, encoding);
    REQUIRE(proved.ok());
    CHECK(proved->verdict == Verdict::kProved);
    absl::StatusOr<ProofResult> refuted = prover.Prove(*task, wrong, 1, encoding);
    REQUIRE(refuted.ok());
    CHECK(refuted->verdict == Verdict::kRefuted);
  }
  // The default is Float64: the interpreter's arithmetic, where the counterexample is one for the program.
  absl::StatusOr<ProofResult> refuted = prover.Prove(*task, wrong);
  REQUIRE(refuted.ok());
  REQUIRE(refuted->verdict == Verdict::kRefuted);
  CHECK_FALSE(At(*wrong, refuted->counterexamples[0]) ==
              At(*Read("(+ x x)", *task->registry, params), refuted->counterexamples[0]));
}

TEST_CASE("a candidate is proved against a task's spec, or refuted with the inputs it fails on", "[verify][prover]") {
  auto task = ParseSygus(R"((set-logic BV)
(define-fun hd01 ((x (_ BitVec 32))) (_ BitVec 32) (bvand x (bvsub x #x00000001)))
(synth-fun f ((x (_ BitVec 32))) (_ BitVec 32))
(declare-var x (_ BitVec 32))
(constraint (= (hd01 x) (f x)))
(check-synth))",
                         "hd01.sl");
  REQUIRE(task.ok());
  const std::vector<Declaration>& params = task->synth_funs[0].params;
  Prover prover;
  auto right = prover.Prove(*task, Read("(bvsub x (bvand x (bvneg x)))", *task->registry, params));
  REQUIRE(right.ok());
  CHECK(right->verdict == Verdict::kProved);
  TermPtr wrong = Read("(bvand x (bvsub x #x00000003))", *task->registry, params);
  auto refuted = prover.Prove(*task, wrong);
  REQUIRE(refuted.ok());
  REQUIRE(refuted->verdict == Verdict::kRefuted);
  REQUIRE(refuted->counterexamples[0].size() == 1);
  TermPtr reference = Read("(hd01 x)", *task->registry, params);
  CHECK(At(*wrong, refuted->counterexamples[0]) != At(*reference, refuted->counterexamples[0]));

  // Examples are part of what is proved.
  auto with_example = ParseSygus(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(declare-var x Int)
(constraint (>= (f x) x))
(constraint (= (f 3) 5))
(check-synth))",
                                 "ex.sl");
  REQUIRE(with_example.ok());
  const std::vector<Declaration>& p = with_example->synth_funs[0].params;
  CHECK(prover.Prove(*with_example, Read("(+ x 2)", *with_example->registry, p))->verdict == Verdict::kProved);
  CHECK(prover.Prove(*with_example, Read("(+ x 1)", *with_example->registry, p))->verdict == Verdict::kRefuted);
}

namespace {

// Factoring a 62-bit semiprime with 64-bit multiplication: hard for bit-blasting.
z3::expr HardQuery(Prover& prover, std::vector<z3::expr>& vars) {
  z3::context& ctx = prover.context();
  z3::expr x = ctx.bv_const("x", 64), y = ctx.bv_const("y", 64);
  vars = {x, y};
  const uint64_t n = 2147483647ull * 2147483629ull;  // two primes below 2^31
  z3::expr bound = ctx.bv_val(uint64_t{1} << 32, 64);
  return !(x * y == ctx.bv_val(n, 64) && z3::ugt(x, ctx.bv_val(1, 64)) && z3::ugt(y, ctx.bv_val(1, 64)) &&
           z3::ult(x, bound) && z3::ult(y, bound));
}

}  // namespace

TEST_CASE("hard queries stop at their time limit or resource limit", "[threads][verify][prover]") {
  const std::vector<Type> types = {*Type::BitVec(64), *Type::BitVec(64)};
  {
    Prover prover(ProofLimits{300, 0});
    std::vector<z3::expr> vars;
    z3::expr formula = HardQuery(prover, vars);
    const auto start = std::chrono::steady_clock::now();
    auto result = prover.Valid(formula, vars, types);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(result.ok());
    CHECK(result->verdict == Verdict::kUnknown);
    CHECK(result->reason == "timeout");
    CHECK(seconds < 0.6);  // within twice the limit
  }
  {
    // Integer formulas go to the SMT core first, then the default solver: the two together keep the
    // limit. x^3 + y^3 = z^3 has no positive solution (Fermat), which neither proves.
    Prover prover(ProofLimits{300, 0});
    z3::context& ctx = prover.context();
    z3::expr x = ctx.int_const("x"), y = ctx.int_const("y"), z = ctx.int_const("z");
    const std::vector<Type> ints = {Type::Int(), Type::Int(), Type::Int()};
    const auto start = std::chrono::steady_clock::now();
    auto result = prover.Valid(!(x * x * x + y * y * y == z * z * z && x > 0 && y > 0 && z > 0), {x, y, z}, ints);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(result.ok());
    CHECK(result->verdict == Verdict::kUnknown);
    CHECK(seconds < 0.6);
  }
  {
    // The thread's context, shared with the term cover and the oracle, answers again after a
    // watchdog interrupted a query on it.
    Prover& prover = ThreadProver(ProofLimits{200, 0});
    std::vector<z3::expr> vars;
    auto stopped = prover.Valid(HardQuery(prover, vars), vars, types);
    REQUIRE(stopped.ok());
    CHECK(stopped->reason == "timeout");
    REQUIRE(&ThreadZ3Context() == &prover.context());
    z3::solver after(ThreadZ3Context());
    after.add(ThreadZ3Context().int_const("z") > 3);
    CHECK(after.check() == z3::sat);
  }
  {
    // A small rlimit gives the same unknown on every machine, however fast.
    Prover prover(ProofLimits{60000, 20000});
    std::vector<z3::expr> vars;
    z3::expr formula = HardQuery(prover, vars);
    auto first = prover.Valid(formula, vars, types);
    auto second = prover.Valid(formula, vars, types);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->verdict == Verdict::kUnknown);
    CHECK(first->reason != "timeout");
    CHECK(first->reason == second->reason);
    CHECK(first->seconds < 30);
  }
}

TEST_CASE("each thread has its own prover, reused across queries", "[threads][verify][prover]") {
  Prover* here = &ThreadProver();
  CHECK(&ThreadProver(ProofLimits{500, 0}) == here);
  CHECK(here->limits().timeout_ms == 500);
  Prover* there = nullptr;
  std::thread([&] { there = &ThreadProver(); }).join();
  CHECK(there != here);
}

}  // namespace progsearch
