#include "dsl/constant_folding.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

TermPtr Read(const std::string& text) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}, {"s", Type::String()}}, "<test>");
  auto term = reader.ReadText(text);
  REQUIRE(term.ok());
  return *term;
}

}  // namespace

TEST_CASE("constant sub-terms fold to their values, and the rest keeps its shape", "[dsl][fold]") {
  CHECK(PrintTerm(*FoldConstants(Read("(* x (sqrt (- 0.85 0.1)))"))) ==
        PrintTerm(*Read("(* x " + Value::Float(std::sqrt(0.85 - 0.1)).ToString() + ")")));
  CHECK(PrintTerm(*FoldConstants(Read("(- 0.85)"))) == "(- 0.85)");  // a negative literal prints so
  CHECK(FoldConstants(Read("(- 0.85)"))->kind() == TermKind::kConstant);
  CHECK(PrintTerm(*FoldConstants(Read("(str.++ s (str.++ \"a\" \"b\"))"))) == "(str.++ s \"ab\")");
  // Nothing to fold: the very same term comes back.
  const TermPtr plain = Read("(+ x 1.0)");
  CHECK(FoldConstants(plain) == plain);
  // An evaluation error (Int overflow) leaves the sub-term as written.
  ProgramReader ints(BuiltinRegistry(), {{"n", Type::Int()}}, "<test>");
  auto overflow = ints.ReadText("(+ n (* 9223372036854775807 2))");
  REQUIRE(overflow.ok());
  CHECK(PrintTerm(*FoldConstants(*overflow)) == "(+ n (* 9223372036854775807 2))");
}

}  // namespace progsearch
