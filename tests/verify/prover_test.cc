// Prover: proofs and refutations with known answers in every domain, counterexamples that really tell
// the programs apart, and time limits that hold.
#include "verify/prover.h"

#include <chrono>
#include <thread>

#include "dsl/sygus.h"
#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::Read;

// The program's value at one point, by the interpreter.
Value At(const Term& program, const std::vector<Value>& point) {
  std::vector<ValueColumn> inputs;
  for (const Value& v : point) inputs.push_back(ValueColumn::FromValues(v.type(), std::vector<Value>{v}));
  auto out = Interpreter().Evaluate(program, inputs, 1);
  REQUIRE(out.ok());
  return out->Get(0);
}

// Checks Equivalent(p, q) and, for a refutation, that p and q differ at the counterexample.
Verdict Compare(std::string_view p_text, std::string_view q_text, const std::vector<Declaration>& vars) {
  TermPtr p = Read(p_text, BuiltinRegistry(), vars), q = Read(q_text, BuiltinRegistry(), vars);
  auto result = Prover().Equivalent(*p, *q, vars);
  INFO(p_text << " vs " << q_text);
  REQUIRE(result.ok());
  if (result->verdict == Verdict::kRefuted) {
    REQUIRE(result->counterexample.size() == vars.size());
    CHECK(At(*p, result->counterexample) != At(*q, result->counterexample));
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
  auto unencodable = prover.Equivalent(*Read("(* x x)", BuiltinRegistry(), floats),
                                       *Read("(* x x)", BuiltinRegistry(), floats), floats);
  CHECK(unencodable.status().code() == absl::StatusCode::kUnimplemented);
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
  REQUIRE(refuted->counterexample.size() == 1);
  TermPtr reference = Read("(hd01 x)", *task->registry, params);
  CHECK(At(*wrong, refuted->counterexample) != At(*reference, refuted->counterexample));

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

TEST_CASE("hard queries stop at their time limit or resource limit", "[verify][prover]") {
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

TEST_CASE("each thread has its own prover, reused across queries", "[verify][prover]") {
  Prover* here = &ThreadProver();
  CHECK(&ThreadProver(ProofLimits{500, 0}) == here);
  CHECK(here->limits().timeout_ms == 500);
  Prover* there = nullptr;
  std::thread([&] { there = &ThreadProver(); }).join();
  CHECK(there != here);
}

}  // namespace progsearch
