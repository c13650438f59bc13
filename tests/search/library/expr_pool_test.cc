#include "search/library/expr_pool.h"

#include <catch2/catch.hpp>

namespace progsearch::library {
namespace {

NodeId MustParse(ExprPool& pool, std::string_view text) {
  auto node = pool.Parse(text);
  INFO(text << ": " << node.status());
  REQUIRE(node.ok());
  return *node;
}

TEST_CASE("expr pool: DreamCoder programs read and print back") {
  ExprPool pool;
  const NodeId p = MustParse(pool, "(lambda (map (lambda (+ $0 1)) $0))");
  CHECK(pool.PrintDreamCoder(p) == "(lambda (map (lambda (+ $0 1)) $0))");
  CHECK(pool.Print(p) == "(lam (map (lam (+ $0 1)) $0))");
  // Curried: (f a b) is ((f a) b), so both spellings are one node.
  CHECK(MustParse(pool, "(f a b)") == MustParse(pool, "((f a) b)"));
  CHECK(MustParse(pool, "  (f   a\n b) ") == MustParse(pool, "(f a b)"));
  CHECK(MustParse(pool, "(lam (g $0))") == MustParse(pool, "(lambda (g $0))"));
  // Stitch's tagged lambdas are lambdas of their own kind.
  CHECK(MustParse(pool, "(lam_3 (g $0))") != MustParse(pool, "(lambda (g $0))"));
  CHECK(pool.Print(MustParse(pool, "(lam_3 (g $0))")) == "(lam_3 (g $0))");
}

TEST_CASE("expr pool: Stitch's cost model counts leaves 100 and applications and lambdas 1") {
  ExprPool pool;
  CHECK(pool.node(MustParse(pool, "(a a a)")).cost == 302);
  CHECK(pool.node(MustParse(pool, "(a (lam (a a)))")).cost == 303);
  CHECK(pool.node(MustParse(pool, "(a (lam_1 (a $0_1 $0_1)))")).cost == 404);
  ExprPool cheap_leaves({.prim = 10, .var = 5, .ivar = 5, .app = 2, .lam = 3});
  CHECK(cheap_leaves.node(MustParse(cheap_leaves, "(lam (f $0 x))")).cost == 3 + 2 * 2 + 10 + 5 + 10);
}

TEST_CASE("expr pool: an inline abstraction is one primitive named by its canonical text") {
  ExprPool pool;
  const NodeId p = MustParse(pool, "(#(lambda  (logo_DIVA logo_UA $0)) 4)");
  const ExprNode& app = pool.node(p);
  REQUIRE(app.kind == ExprKind::kApp);
  REQUIRE(pool.node(app.a).kind == ExprKind::kPrim);
  CHECK(pool.symbol(pool.node(app.a).a) == "#(lambda (logo_DIVA logo_UA $0))");
  CHECK(app.cost == 201);
  CHECK(pool.PrintDreamCoder(p) == "(#(lambda (logo_DIVA logo_UA $0)) 4)");
}

TEST_CASE("expr pool: free variables and shifting") {
  ExprPool pool;
  const NodeId closed = MustParse(pool, "(lambda (f $0))");
  CHECK(pool.node(closed).free_vars == 0);
  const NodeId open = MustParse(pool, "(lambda (f $0 $2))");
  CHECK(pool.node(open).free_vars == 0b10);  // $2 under one lambda is $1 outside it
  CHECK(pool.Shift(closed, 5) == closed);
  CHECK(pool.Print(pool.Shift(open, -1)) == "(lam (f $0 $1))");
  CHECK(pool.Print(pool.Shift(open, 2)) == "(lam (f $0 $4))");
}

TEST_CASE("expr pool: malformed programs are errors with a column") {
  ExprPool pool;
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"(f a", "missing ')'"},
           {"(lambda a b)", "exactly one body"},
           {"(f)", "at least one argument"},
           {")", "unexpected ')'"},
           {"", "ends early"},
           {"(f a) b", "after the end"},
           {"lambda", "(lambda BODY)"},
       }) {
    auto node = pool.Parse(text);
    INFO(text);
    REQUIRE_FALSE(node.ok());
    CHECK(node.status().message().find(message) != std::string::npos);
    CHECK(node.status().message().find("column ") == 0);
  }
  std::string deep(10000, '(');
  CHECK_FALSE(pool.Parse(deep).ok());
}

}  // namespace
}  // namespace progsearch::library
