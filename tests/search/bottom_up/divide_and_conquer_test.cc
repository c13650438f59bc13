#include "search/bottom_up/divide_and_conquer.h"

#include <catch2/catch.hpp>
#include <string>

#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"
#include "tests/parse_task.h"

namespace progsearch {
namespace {

using ::progsearch::testing::ParseTask;

// What the bottom-up search hands DivideAndConquer: the plan, the example columns, and a bank of programs
// by id. DivideAndConquer points into the first three, so a Setup stays where it was made.
struct Setup {
  Setup(const Setup&) = delete;
  Setup& operator=(const Setup&) = delete;

  Task task;
  GrammarPlan plan;
  std::vector<ValueColumn> inputs;
  ValueColumn expected;
  std::vector<TermPtr> bank;

  explicit Setup(const std::string& text) : task(ParseTask(text)) {
    auto planned = PlanGrammar(task, task.synth_funs[0]);
    REQUIRE(planned.ok());
    plan = *std::move(planned);
    inputs = task.InputColumns();
    expected = task.OutputColumn();
  }
  std::optional<DivideAndConquer> Create() const {
    return DivideAndConquer::Create(plan, task.synth_funs[0].params.size(), inputs, expected);
  }
  // Adds `text` (over f's parameters) to the bank; returns its id and its value on the examples.
  std::pair<uint32_t, ValueColumn> Add(const std::string& text) {
    ProgramReader reader(*task.registry, task.synth_funs[0].params, "<bank>");
    auto term = reader.ReadText(text);
    INFO(text << ": " << term.status().ToString());
    REQUIRE(term.ok());
    auto value = Interpreter().Evaluate(**term, inputs, expected.size());
    REQUIRE(value.ok());
    bank.push_back(*term);
    // Ids that are not bank positions, so a mix-up between the two shows.
    return {static_cast<uint32_t>(1000 + bank.size() - 1), *std::move(value)};
  }
  TermPtr Build(DivideAndConquer& dc, const Deadline& deadline = Deadline::Never()) const {
    return dc.TryBuild([this](uint32_t id) { return bank.at(id - 1000); }, deadline);
  }
  bool Solves(const TermPtr& program) const {
    auto out = Interpreter().Evaluate(*program, inputs, expected.size());
    return out.ok() && *out == expected;
  }
};

// Offers `terms` and then `predicates` (programs over f's parameters) in order.
void Offer(Setup& s, DivideAndConquer& dc, std::initializer_list<const char*> terms,
           std::initializer_list<const char*> predicates) {
  for (const char* t : terms) {
    auto [id, value] = s.Add(t);
    dc.OfferTerm(id, value);
  }
  for (const char* p : predicates) {
    auto [id, value] = s.Add(p);
    dc.OfferPredicate(id, value, Interpreter());
  }
}

// |x| over x, negation and a Bool non-terminal of comparisons.
const char* kAbs = R"(
  (set-logic LIA)
  (synth-fun f ((x Int)) Int
    ((Start Int) (B Bool))
    ((Start Int (x 0 (- Start) (ite B Start Start)))
     (B Bool ((< Start Start)))))
  (constraint (= (f 3) 3)) (constraint (= (f (- 4)) 4)) (constraint (= (f 0) 0))
  (constraint (= (f (- 9)) 9)) (constraint (= (f 12) 12)))";

// sign(x): three terms, two splits.
const char* kSign = R"(
  (set-logic LIA)
  (synth-fun f ((x Int)) Int
    ((Start Int) (B Bool))
    ((Start Int (x 0 1 (- 1) (ite B Start Start)))
     (B Bool ((< Start Start)))))
  (constraint (= (f 5) 1)) (constraint (= (f (- 3)) (- 1))) (constraint (= (f 0) 0))
  (constraint (= (f 8) 1)) (constraint (= (f (- 1)) (- 1))))";

}  // namespace

TEST_CASE("terms right on parts of the examples are joined by the grammar's ite", "[search][bottom_up][dnc]") {
  Setup s(kAbs);
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  CHECK(dc->term_nonterminal() == 0);
  CHECK(dc->predicate_nonterminal() == 1);

  auto [x, x_value] = s.Add("x");  // right on 3, 0, 12
  dc->OfferTerm(x, x_value);
  CHECK_FALSE(dc->WorthTrying());          // -4 and -9 are not covered yet
  auto [neg, neg_value] = s.Add("(- x)");  // right on -4, 0, -9
  dc->OfferTerm(neg, neg_value);
  CHECK(dc->WorthTrying());
  // Covered, but nothing to split on yet.
  CHECK(s.Build(*dc) == nullptr);
  CHECK_FALSE(dc->WorthTrying());

  auto [negative, negative_value] = s.Add("(< x 0)");
  dc->OfferPredicate(negative, negative_value, Interpreter());
  CHECK(dc->WorthTrying());
  TermPtr tree = s.Build(*dc);
  REQUIRE(tree != nullptr);
  CHECK(PrintTerm(*tree) == "(ite (< x 0) (- x) x)");
  CHECK(s.Solves(tree));
  CHECK_FALSE(dc->WorthTrying());
}

TEST_CASE("values that cannot help a tree are not kept", "[search][bottom_up][dnc]") {
  Setup s(kAbs);
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  auto [x, x_value] = s.Add("x");
  auto [neg, neg_value] = s.Add("(- x)");
  auto [less, less_value] = s.Add("(< x 0)");
  dc->OfferTerm(x, x_value);
  dc->OfferTerm(neg, neg_value);
  dc->OfferPredicate(less, less_value, Interpreter());
  REQUIRE(s.Build(*dc) != nullptr);
  REQUIRE_FALSE(dc->WorthTrying());
  // Nothing new arrives with: a term right on exactly x's examples, one right on a subset of them (0, at
  // x = 0 only), one right nowhere, a repeated condition column, and constant conditions.
  Offer(s, *dc, {"(- 0 (- x))", "0", "(+ x 100)"}, {"(< x (- 0 0))", "(< x x)", "(< x 100)"});
  CHECK_FALSE(dc->WorthTrying());
  // A condition that splits differently is new.
  Offer(s, *dc, {}, {"(< 5 x)"});
  CHECK(dc->WorthTrying());
}

TEST_CASE("constant conditions alone give no tree", "[search][bottom_up][dnc]") {
  Setup s(kAbs);
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  Offer(s, *dc, {"x", "(- x)"}, {"(< x x)", "(< x 100)"});
  CHECK(s.Build(*dc) == nullptr);
}

TEST_CASE("a term right on more examples replaces the kept terms it contains", "[search][bottom_up][dnc]") {
  Setup s(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int
      ((Start Int) (B Bool))
      ((Start Int (x 1 9 (ite B Start Start))) (B Bool ((< Start Start)))))
    (constraint (= (f 1) 1)) (constraint (= (f 2) 2)) (constraint (= (f 3) 9)))");
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  // 1 is right at x = 1 only, then x at x = 1 and 2: 1 gives way. The conditions isolate x = 1 first (ties
  // go to the earlier one), and that leaf must be x, not the dropped 1.
  Offer(s, *dc, {"1", "x", "9"}, {"(< x 2)", "(and (< 1 x) (< x 3))"});
  TermPtr tree = s.Build(*dc);
  REQUIRE(tree != nullptr);
  CHECK(s.Solves(tree));
  CHECK(PrintTerm(*tree) == "(ite (< x 2) x (ite (and (< 1 x) (< x 3)) x 9))");
}

TEST_CASE("nested conditions are learned when one split is not enough", "[search][bottom_up][dnc]") {
  Setup s(kSign);
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  Offer(s, *dc, {"0", "1", "(- 1)"}, {"(< x 0)", "(< 0 x)"});
  TermPtr tree = s.Build(*dc);
  REQUIRE(tree != nullptr);
  CHECK(s.Solves(tree));
  CHECK(PrintTerm(*tree) == "(ite (< x 0) (- 1) (ite (< 0 x) 1 0))");
  // The same offers with an expired deadline: it gives up instead.
  Setup again(kSign);
  std::optional<DivideAndConquer> late = again.Create();
  REQUIRE(late.has_value());
  Offer(again, *late, {"0", "1", "(- 1)"}, {"(< x 0)", "(< 0 x)"});
  CHECK(again.Build(*late, Deadline::In(std::chrono::seconds(-1))) == nullptr);
}

TEST_CASE("a define-fun conditional with its condition in any hole qualifies", "[search][bottom_up][dnc]") {
  // The BV track's shape, with the condition's hole last: pick(t, e, c) = ite(c = 1, t, e). The condition
  // is a value of Start itself, compiled as (= hole #x01).
  Setup s(R"(
    (set-logic BV)
    (define-fun pick ((t (_ BitVec 8)) (e (_ BitVec 8)) (c (_ BitVec 8))) (_ BitVec 8) (ite (= c #x01) t e))
    (synth-fun f ((x (_ BitVec 8))) (_ BitVec 8)
      ((Start (_ BitVec 8) (x #x01 (bvand Start Start) (bvnot Start) (pick Start Start Start)))))
    (constraint (= (f #x03) #xfc)) (constraint (= (f #x04) #x04))
    (constraint (= (f #x05) #xfa)) (constraint (= (f #x08) #x08)))");
  std::optional<DivideAndConquer> dc = s.Create();
  REQUIRE(dc.has_value());
  CHECK(dc->term_nonterminal() == 0);
  CHECK(dc->predicate_nonterminal() == 0);
  // x itself is never #x01 here: a constant condition, not kept.
  Offer(s, *dc, {"x", "(bvnot x)"}, {"x"});
  CHECK(s.Build(*dc) == nullptr);
  Offer(s, *dc, {}, {"(bvand x #x01)"});
  TermPtr tree = s.Build(*dc);
  REQUIRE(tree != nullptr);
  CHECK(PrintTerm(*tree) == "(pick (bvnot x) x (bvand x #x01))");
  CHECK(s.Solves(tree));
}

TEST_CASE("grammars without a qualifying conditional have no divide and conquer", "[search][bottom_up][dnc]") {
  auto qualifies = [](const char* text) { return Setup(text).Create().has_value(); };
  // No ite at all.
  CHECK_FALSE(qualifies(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int ((Start Int (x 0 (- Start)))))
    (constraint (= (f 1) 1)))"));
  // The condition reads two holes: no single predicate value can fill it.
  CHECK_FALSE(qualifies(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int ((Start Int (x 0 (- Start) (ite (< Start Start) Start Start)))))
    (constraint (= (f 1) 1)))"));
  // The ite builds a non-terminal the start symbol does not reach by unit productions.
  CHECK_FALSE(qualifies(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int
      ((Start Int) (T Int) (B Bool))
      ((Start Int (x (+ T T)))
       (T Int (x 0 (ite B T T)))
       (B Bool ((< T T)))))
    (constraint (= (f 1) 1)))"));
  // Reached by a unit production, it qualifies, and its non-terminal holds the terms.
  Setup units(R"(
    (set-logic LIA)
    (synth-fun f ((x Int)) Int
      ((Start Int) (T Int) (B Bool))
      ((Start Int (T))
       (T Int (x 0 (ite B T T)))
       (B Bool ((< T T)))))
    (constraint (= (f 1) 1)))");
  std::optional<DivideAndConquer> dc = units.Create();
  REQUIRE(dc.has_value());
  CHECK(dc->term_nonterminal() == 1);
  CHECK(dc->predicate_nonterminal() == 2);
}

}  // namespace progsearch
