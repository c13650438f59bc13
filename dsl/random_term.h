// Random well-typed terms over a set of primitives: for differential tests, fuzzing, benchmarks and,
// later, evolution's random subtrees.
#pragma once

#include <random>
#include <vector>

#include "core/term.h"
#include "dsl/primitive.h"
#include "dsl/declaration.h"

namespace progsearch {

// A random value of `type` that favours edge cases (0, 1, -1, extremes, empty and repeated strings).
Value RandomValue(const Type& type, std::mt19937_64& rng);

// Int or bit-vector edge values: Int 0, 1, -1, 2, -2, +-1000000007; bit-vector 0, 1, all ones, the signed
// extremes, 2 and all ones less one. `progsearch audit-hash` probes with them, and CEGIS starts from them.
std::vector<Value> EdgeValues(const Type& type);

// A small Int or bit-vector value: 0 to twice the width for bit-vectors (shift amounts), -10 to 10 for
// Ints.
Value SmallValue(const Type& type, std::mt19937_64& rng);

class RandomTermGenerator {
 public:
  // `ops` are concrete primitives (resolved at their argument types); `variables` are leaves that read
  // Variable(i). `leaf_probability` is the chance to stop early at each level above the depth limit.
  RandomTermGenerator(std::vector<const Primitive*> ops, std::vector<Declaration> variables = {},
                      double leaf_probability = 0.25);

  // A term of `type` at most `max_depth` deep; leaves are variables or RandomValue constants.
  TermPtr Generate(const Type& type, int max_depth, std::mt19937_64& rng) const;

 private:
  std::vector<const Primitive*> ops_;
  std::vector<Declaration> variables_;
  double leaf_probability_;
};

}  // namespace progsearch
