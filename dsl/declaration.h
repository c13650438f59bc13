// A named, typed slot of the language: a function parameter, a declared variable or a grammar
// non-terminal. Tasks, grammars, the prover and the searchers pass these; the readers in formats/ make
// them from files.
#pragma once

#include <string>

#include "core/type.h"

namespace progsearch {

struct Declaration {
  std::string name;
  Type type;
};

}  // namespace progsearch
