// Wake-phase search for DreamCoder's list tasks: typed bottom-up enumeration with lambdas.
//
// Programs are built by increasing cost (a primitive, an input or a parameter costs 1, a lambda 0, a
// learned abstraction 1 however large its body) in contexts: the task's inputs, plus the parameters of
// the lambdas a higher-order primitive takes (map's element, fold's element and accumulator). Each
// context has probe rows (the examples; for a lambda's body, the examples times sample values of its
// parameters) and every candidate is evaluated there, columnar; candidates with the same functional hash
// on a context's probe rows are one program, the cheapest kept. In the inputs' context that is exact
// observational equivalence; inside lambdas it is equivalence on the probes. Polymorphic primitives and
// abstractions are instantiated at the ground types Int, Bool and (List Int).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/deadline.h"
#include "core/type.h"
#include "dsl/lambda_program.h"
#include "formats/list_tasks.h"
#include "dsl/primitive_registry.h"

namespace progsearch::lambda {

// A learned abstraction, usable by the search as one production.
struct Invention {
  std::string text;  // how programs name it: #(lambda (lambda ...)), as compression writes it
  LambdaExpr body;
  Type type;  // inferred; its leading lambdas are its parameters
  int arity = 0;
};

// Reads and types an abstraction; InvalidArgument when it does not parse or type.
absl::StatusOr<Invention> MakeInvention(const std::string& text, const PrimitiveRegistry& registry);

struct SearchOptions {
  Deadline deadline;
  int max_cost = 16;
  // Programs kept across every context: the memory bound (each holds its outputs on the probe rows,
  // its term and its text: 0.5 to 1 KB).
  int64_t max_programs = 1'000'000;
  int max_lambda_depth = 2;
  // Sample values per lambda parameter for each parent probe row, and the cap on a context's rows.
  int probe_values = 4;
  int max_probe_rows = 96;
};

struct SearchResult {
  bool solved = false;
  std::string program;  // DreamCoder syntax, abstractions inline as #(...)
  int cost = 0;
  int64_t candidates = 0;  // programs evaluated
  int64_t kept = 0;        // programs distinct on their probes
  int max_cost_done = 0;   // every program up to this cost was enumerated
  std::string stop_reason;  // "solved", "deadline", "interrupted", "cost limit", "program limit"
};

// Searches for a program that maps every example's input to its output, using `registry`'s primitives
// (the list domain) and the abstractions in `library`.
SearchResult SolveListTask(const ListTask& task, const std::vector<Invention>& library,
                           const PrimitiveRegistry& registry, const SearchOptions& options);

}  // namespace progsearch::lambda
