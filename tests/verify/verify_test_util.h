// Helpers shared by the verify tests: Catch printing for Values and both-ways evaluation of a program.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "verify/z3_encoder.h"

namespace Catch {
template <>
struct StringMaker<progsearch::Value> {
  static std::string convert(const progsearch::Value& v) { return v.ToString(); }
};
}  // namespace Catch

namespace progsearch::verify_test {

// a and b bit for bit, except that any NaN matches any NaN (the interpreter's `=`).
inline bool SameFloat(double a, double b) { return Value::Float(a) == Value::Float(b); }

inline TermPtr Read(std::string_view text, const PrimitiveRegistry& registry = BuiltinRegistry(),
                    std::vector<Declaration> variables = {}) {
  ProgramReader reader(registry, std::move(variables), "test");
  absl::StatusOr<TermPtr> term = reader.ReadText(text);
  INFO(text << ": " << term.status().ToString());
  REQUIRE(term.ok());
  return *term;
}

struct BothWays {
  Value interpreter;
  Value z3;
};

// Evaluates a closed program with the interpreter and through the Z3 encoding.
inline BothWays EvaluateBothWays(std::string_view text, const PrimitiveRegistry& registry = BuiltinRegistry()) {
  TermPtr term = Read(text, registry);
  absl::StatusOr<Value> iv = Interpreter().EvaluateGround(*term);
  INFO(text << ": interpreter: " << iv.status().ToString());
  REQUIRE(iv.ok());
  z3::context ctx;
  Z3Encoder encoder(ctx);
  absl::StatusOr<z3::expr> e = encoder.Encode(*term);
  INFO(text << ": encoding: " << e.status().ToString());
  REQUIRE(e.ok());
  absl::StatusOr<Value> zv = EvaluateWithZ3(*e, term->type());
  INFO(text << ": Z3: " << zv.status().ToString());
  REQUIRE(zv.ok());
  return {*iv, *zv};
}

}  // namespace progsearch::verify_test
