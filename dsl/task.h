// A synthesis task: the functions to synthesize with their grammars, examples and logical specs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "core/term.h"
#include "core/value.h"
#include "core/value_column.h"
#include "dsl/primitive_registry.h"
#include "dsl/declaration.h"

namespace progsearch {

// One alternative of a non-terminal.
struct Production {
  enum class Kind {
    kTerm,         // `pattern`, whose kHole leaves are non-terminals to expand
    kAnyConstant,  // (Constant T): any literal of `type`
    kAnyVariable,  // (Variable T): any parameter of `type`
  };
  Kind kind = Kind::kTerm;
  TermPtr pattern;
  Type type;
  // Enumeration cost of a kTerm production without holes; 0: its node count. Terms lifted from a spec
  // cost 1, as cheap as a parameter (CEGIS seeds the grammar with them).
  int cost = 0;
};

struct NonTerminal {
  std::string name;
  Type type;
  std::vector<Production> productions;
};

// Non-terminal 0 is the start symbol.
struct Grammar {
  std::vector<NonTerminal> nonterminals;
};

struct SynthFun {
  std::string name;
  std::vector<Declaration> params;
  Type result;
  std::optional<Grammar> grammar;  // absent: the logic's whole operator set
  const Primitive* primitive = nullptr;
};

// One input/output example of the (single) function to synthesize.
struct Example {
  std::vector<Value> inputs;
  Value output;
  // Where it was written, as errors name it ("FILE:LINE:COL"); empty when it comes from no file.
  std::string where;
};

// Refuses examples that give the same inputs different outputs, which no function fits: InvalidArgument
// naming both (by `where`, else "example N" counting from 1 in `what`, e.g. "training example 3"), the
// inputs and the two outputs.
absl::Status CheckExamplesAgree(const std::vector<Example>& examples, std::string_view what = "example");

// A define-fun's parameters as declarations (names and types), as printers want them.
std::vector<Declaration> MacroParameters(const Primitive& macro);

struct Task {
  std::string filename;
  std::string logic;
  // The domain a JSON task names ("spreadsheet", "strings"); empty for SyGuS files, whose domain the
  // guide reads off their types.
  std::string domain;
  // Built-ins plus this task's define-funs and synth-fun placeholders.
  std::shared_ptr<PrimitiveRegistry> registry;
  std::vector<const Primitive*> defined_functions;
  std::vector<SynthFun> synth_funs;
  std::vector<Declaration> declared_vars;
  // Constraints of the form (= (f c1 ... cn) c) with ground arguments.
  std::vector<Example> examples;
  // Every other constraint: Bool terms over declared_vars that mention the synth-funs.
  std::vector<TermPtr> spec;
  // Held-out examples (JSON tasks): never searched on, only used to report generalization.
  std::vector<Example> test_examples;

  // Columns of the examples: one per parameter of synth_funs[0], and the expected outputs.
  std::vector<ValueColumn> InputColumns() const;
  ValueColumn OutputColumn() const;
  // The same for the held-out examples.
  std::vector<ValueColumn> TestInputColumns() const;
  ValueColumn TestOutputColumn() const;
};

}  // namespace progsearch
