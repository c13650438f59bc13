// The approx tests' programs of x: a Float variable x and the built-in operators.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace progsearch {

inline TermPtr ReadProgram(const std::string& text) {
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<p>");
  auto p = reader.ReadText(text);
  REQUIRE(p.ok());
  return *p;
}

}  // namespace progsearch
