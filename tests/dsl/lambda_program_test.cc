#include "dsl/lambda_program.h"

#include <catch2/catch.hpp>

#include "dsl/domains/domains.h"

namespace progsearch {
namespace {

std::string InferText(const std::string& text) {
  auto e = ParseLambdaExpr(text);
  if (!e.ok()) return "parse: " + std::string(e.status().message());
  auto t = InferLambdaType(*e, ListRegistry());
  if (!t.ok()) return "error: " + std::string(t.status().message());
  return t->ToString();
}

}  // namespace

TEST_CASE("DreamCoder programs read and print back", "[dsl][lambda_program]") {
  for (const char* text : {"(lambda (map (lambda (+ $0 1)) $0))", "(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))",
                           "(#(lambda (map $0 empty)) (lambda $0))", "$3", "empty"}) {
    auto e = ParseLambdaExpr(text);
    REQUIRE(e.ok());
    CHECK(PrintLambdaExpr(*e) == text);
  }
  auto lam = ParseLambdaExpr("(lam (car $0))");
  REQUIRE(lam.ok());
  CHECK(PrintLambdaExpr(*lam) == "(lambda (car $0))");
}

TEST_CASE("malformed program text gets the column of the problem", "[dsl][lambda_program]") {
  CHECK(ParseLambdaExpr("(map (lambda $0) $0").status().message() == "column 1: '(' is never closed");
  CHECK(ParseLambdaExpr("(car $0))").status().message() == "column 9: text after the end of the program");
  CHECK(ParseLambdaExpr("(car $x)").status().message() == "column 6: bad variable '$x'");
  CHECK(ParseLambdaExpr("(car)").status().message() == "column 1: an application needs a function and an argument");
  CHECK(ParseLambdaExpr("#car").status().message() == "column 2: '#' must open an abstraction: #(...)");
  CHECK(ParseLambdaExpr("").status().message() == "column 1: unexpected end of the program");
}

TEST_CASE("type inference gives principal polymorphic types", "[dsl][lambda_program]") {
  CHECK(InferText("(lambda (map (lambda (+ $0 1)) $0))") == "(-> (List Int) (List Int))");
  CHECK(InferText("(lambda (lambda (map $0 $1)))") == "(-> (List t0) (-> t0 t1) (List t1))");
  CHECK(InferText("(lambda (cons (car $0) $0))") == "(-> (List t0) (List t0))");
  CHECK(InferText("(lambda (fold $0 empty (lambda (lambda (cons $1 $0)))))") == "(-> (List t0) (List t0))");
  CHECK(InferText("(lambda (filter (lambda (gt? $0 1)) $0))") == "(-> (List Int) (List Int))");
  CHECK(InferText("(lambda (lambda (if $0 $1 $1)))") == "(-> t0 Bool t0)");
  CHECK(InferText("empty") == "(List t0)");
  // A function parameter applied in the body, as abstractions do.
  CHECK(InferText("(lambda ($0 1))") == "(-> (-> Int t0) t0)");
  CHECK(InferText("(lambda (lambda (fold $0 0 (lambda (lambda (+ ($3 $1) $0))))))") ==
        "(-> (-> t0 Int) (List t0) Int)");
  // Partial application (DreamCoder's curried library): the missing arguments become lambda parameters.
  CHECK(InferText("(lambda (cons (car $0)))") == "(-> (List t0) (List t0) (List t0))");
  CHECK(InferText("(lambda (map (+ 1) $0))") == "(-> (List Int) (List Int))");
  CHECK(InferText("(lambda (filter (gt? 1) $0))") == "(-> (List Int) (List Int))");
  CHECK(InferText("(lambda (#(lambda (cons (car $0))) $0 empty))") == "(-> (List t0) (List t0))");
  // An inline abstraction is typed through its body.
  CHECK(InferText("(lambda (#(lambda (lambda (map $0 $1))) $0 (lambda (+ $0 1))))") == "(-> (List Int) (List Int))");
}

TEST_CASE("type inference rejects ill-typed programs with the column", "[dsl][lambda_program]") {
  CHECK(InferText("(lambda (+ $0 empty))") == "error: column 15: 'empty' is (List t2) where Int is expected");
  CHECK(InferText("(lambda (car $0 $0))") == "error: column 9: 'car' takes 1 arguments, not 2");
  CHECK(InferText("(lambda (frob $0))") == "error: column 10: unknown primitive 'frob'");
  CHECK(InferText("(lambda (car $1))") == "error: column 14: $1 is not bound");
  CHECK(InferText("(lambda (cons $0 $0))") == "error: column 18: '$0' is t2 where (List t2) is expected");
  CHECK(InferText("(lambda (map 1 $0))") == "error: column 14: '1' is Int where (-> t2 t3) is expected");
  CHECK(InferText("(lambda ($0 $0))") == "error: column 13: '$0' is (-> t2 t3) where t2 is expected");
  CHECK(InferText("(lambda (1 $0))") == "error: column 9: '1' takes 0 arguments, not 1");
  CHECK(InferText("(lambda (car $0 $0))").rfind("error: column 9", 0) == 0);
}

TEST_CASE("inline abstractions are beta-reduced without capturing variables", "[dsl][lambda_program]") {
  auto e = ParseLambdaExpr("(lambda (#(lambda (lambda (map (lambda (+ $0 $1)) $1))) $0 1))");
  REQUIRE(e.ok());
  CHECK(PrintLambdaExpr(InlineInventions(*e)) == "(lambda (map (lambda (+ $0 1)) $0))");
  // The argument mentions the program's input: it is shifted under the abstraction's inner lambda.
  auto f = ParseLambdaExpr("(lambda (#(lambda (map (lambda (+ $0 $1)) empty)) (length $0)))");
  REQUIRE(f.ok());
  CHECK(PrintLambdaExpr(InlineInventions(*f)) == "(lambda (map (lambda (+ $0 (length $1))) empty))");
}

TEST_CASE("a typed program prints back in DreamCoder syntax", "[dsl][lambda_program]") {
  const Type request = Type::Function({Type::List(Type::Int())}, Type::List(Type::Int()));
  for (const char* text : {"(lambda (map (lambda (+ $0 (length $1))) $0))",
                           "(lambda (fold $0 empty (lambda (lambda (cons $1 $0)))))", "(lambda (cdr (cdr $0)))"}) {
    auto e = ParseLambdaExpr(text);
    REQUIRE(e.ok());
    auto t = TypeLambdaProgram(*e, request, ListRegistry(), {"x"});
    REQUIRE(t.ok());
    CHECK(PrintDreamCoder(**t, 1) == text);
  }
  auto bad = ParseLambdaExpr("(map (lambda $0) $0)");
  REQUIRE(bad.ok());
  CHECK(TypeLambdaProgram(*bad, request, ListRegistry(), {"x"}).status().message() ==
        "column 1: the program must start with a lambda per input (1)");
}

}  // namespace progsearch
