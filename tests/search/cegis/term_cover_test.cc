#include "search/cegis/term_cover.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "search/cegis/cegis.h"
#include "verify/prover.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// The spec's one application of the synth-fun (term cover's `call`).
TermPtr FirstCall(const TermPtr& t, const Primitive* f) {
  if (t->kind() != TermKind::kApply) return nullptr;
  if (t->op() == f) return t;
  for (const TermPtr& a : t->args()) {
    if (TermPtr c = FirstCall(a, f)) return c;
  }
  return nullptr;
}

TermCoverResult Cover(const Task& task) {
  TermPtr call = FirstCall(task.spec[0], task.synth_funs[0].primitive);
  REQUIRE(call != nullptr);
  auto result = SolveByTermCover(task, call, Deadline::In(std::chrono::seconds(20)));
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *std::move(result);
}

std::string MaxSpec(int n) {
  std::string params, args, text = "(set-logic LIA)\n";
  for (int i = 1; i <= n; ++i) {
    params += StrCat("(x", i, " Int)");
    args += StrCat(" x", i);
  }
  text += StrCat("(synth-fun mx (", params, ") Int)\n");
  for (int i = 1; i <= n; ++i) text += StrCat("(declare-var x", i, " Int)\n");
  const std::string call = StrCat("(mx", args, ")");
  std::string any = "false";
  for (int i = 1; i <= n; ++i) {
    text += StrCat("(constraint (>= ", call, " x", i, "))\n");
    any = StrCat("(or (= x", i, " ", call, ") ", any, ")");
  }
  return text + StrCat("(constraint ", any, ")\n(check-synth)\n");
}

int64_t Run(const TermPtr& program, std::vector<int64_t> inputs) {
  std::vector<ValueColumn> in;
  for (int64_t v : inputs) in.push_back(ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(v)}));
  auto out = Interpreter().Evaluate(*program, in, 1);
  REQUIRE(out.ok());
  return out->Get(0).as_int();
}

}  // namespace

TEST_CASE("term cover: max of 9 is a 9-case split, proved, with comparisons for guards", "[threads][search][cegis]") {
  Task task = ParseTask(MaxSpec(9));
  TermCoverResult cover = Cover(task);
  INFO(cover.note);
  REQUIRE(cover.program != nullptr);
  CHECK(cover.terms == 9);
  auto proof = Prover().Prove(task, cover.program);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  CHECK(Run(cover.program, {3, -8, 12, 0, 5, 12, -1, 7, 2}) == 12);
  CHECK(Run(cover.program, {-3, -8, -12, -10, -5, -12, -11, -7, -20}) == -3);
  // The spec's disjunction (= x_i f) folds away with f := x_i: what is left are the 8 comparisons per
  // guard at most, 8 guards, and weakening only removes some.
  CHECK(cover.program->size() <= 8 * (8 * 3 + 7) + 9 + 8);
}

TEST_CASE("term cover: strict bounds are met by a spec term plus one", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (> (f x y) (+ x y)))
(constraint (< (f x y) (+ (+ x y) 2)))
(check-synth))");
  TermCoverResult cover = Cover(task);
  REQUIRE(cover.program != nullptr);
  CHECK(cover.terms == 1);
  CHECK(Run(cover.program, {4, 9}) == 14);
}

TEST_CASE("term cover: a precondition-guarded search splits on the spec's own cases", "[threads][search][cegis]") {
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun idx ((x0 Int) (x1 Int) (x2 Int) (k Int)) Int)
(declare-var x0 Int)
(declare-var x1 Int)
(declare-var x2 Int)
(declare-var k Int)
(constraint (=> (and (< x0 x1) (< x1 x2) (< k x0)) (= (idx x0 x1 x2 k) 0)))
(constraint (=> (and (< x0 x1) (< x1 x2) (> k x0) (< k x1)) (= (idx x0 x1 x2 k) 1)))
(constraint (=> (and (< x0 x1) (< x1 x2) (> k x1) (< k x2)) (= (idx x0 x1 x2 k) 2)))
(constraint (=> (and (< x0 x1) (< x1 x2) (> k x2)) (= (idx x0 x1 x2 k) 3)))
(check-synth))");
  TermCoverResult cover = Cover(task);
  REQUIRE(cover.program != nullptr);
  // 0..3, and perhaps a term chosen at an unsorted point, where the spec allows anything.
  CHECK(cover.terms >= 4);
  auto proof = Prover().Prove(task, cover.program);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  CHECK(Run(cover.program, {10, 20, 30, 25}) == 2);
  CHECK(Run(cover.program, {10, 20, 30, 5}) == 0);
  // The guards are the spec's own atoms, as in (ite (< k x0) 0 (ite (< k x1) 1 (ite (< k x2) 2 3))),
  // not the spec with each term substituted (hundreds of nodes).
  CHECK(cover.program->size() <= 20);
}

TEST_CASE("term cover: cases nested in the spec's conditionals become a decision tree", "[threads][search][cegis]") {
  // No f-free sub-term says "x > 0 and y > 0": a chain of single atoms cannot separate the cases.
  Task task = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int) (y Int)) Int)
(declare-var x Int)
(declare-var y Int)
(constraint (ite (> x 0) (ite (> y 0) (= (f x y) (+ x y)) (= (f x y) (- x y)))
                         (ite (> y 0) (= (f x y) (- y x)) (= (f x y) 0))))
(check-synth))");
  TermCoverResult cover = Cover(task);
  INFO(cover.note);
  REQUIRE(cover.program != nullptr);
  auto proof = Prover().Prove(task, cover.program);
  REQUIRE(proof.ok());
  CHECK(proof->verdict == Verdict::kProved);
  CHECK(Run(cover.program, {3, -4}) == 7);
  CHECK(Run(cover.program, {-3, -4}) == 0);
  // (ite (> x 0) (ite (> y 0) (+ x y) (- x y)) (ite (> y 0) (- y x) 0)): 22 nodes.
  CHECK(cover.program->size() <= 26);
}

TEST_CASE("term cover: says why when it does not apply or finds no cover", "[threads][search][cegis]") {
  // f = x + 5 is no term of the spec (nor one of them +-1).
  Task offset = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(declare-var x Int)
(constraint (= (- (f x) 5) x))
(check-synth))");
  TermCoverResult none = Cover(offset);
  CHECK(none.program == nullptr);
  CHECK(none.note.find("no term") != std::string::npos);
  // Guards over f's parameters need f applied to the declared variables themselves.
  Task shifted = ParseTask(R"((set-logic LIA)
(synth-fun f ((x Int)) Int)
(declare-var x Int)
(constraint (= (f (+ x 1)) x))
(check-synth))");
  TermCoverResult shifted_cover = Cover(shifted);
  CHECK(shifted_cover.program == nullptr);
  CHECK(shifted_cover.note.find("not to distinct variables") != std::string::npos);
}

TEST_CASE("CEGIS tries the term cover first on grammar-free single-invocation specs", "[threads][search][cegis]") {
  Task task = ParseTask(MaxSpec(12));
  CegisConfig config;
  config.set_timeout_seconds(20);
  auto result = RunCegis(task, config);
  REQUIRE(result.ok());
  REQUIRE(result->reason == StopReason::kSolved);
  CHECK(result->method_name() == "term cover");
  CHECK(Run(result->program, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12}) == 11);
}

}  // namespace progsearch
