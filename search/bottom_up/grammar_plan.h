// A task's grammar compiled for enumeration: productions with their own cost, the non-terminals their
// holes expand, and the fastest way to evaluate each one on child columns.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/value_column.h"
#include "dsl/interpreter.h"
#include "dsl/primitive.h"
#include "dsl/task.h"

namespace progsearch {

struct PlannedProduction {
  enum class Kind {
    kLeaf,       // no holes: a constant, a parameter, or a closed pattern such as (str.len name)
    kComposite,  // one or more holes
    kUnit,       // the pattern is a single non-terminal: N ::= M (cost 0)
  };
  Kind kind = Kind::kLeaf;
  int nonterminal = 0;     // left-hand side
  int cost = 1;            // nodes of the pattern that are not holes
  std::vector<int> holes;  // non-terminal of each hole, in pre-order
  TermPtr pattern;         // holes as kHole terms, macros as written (how the answer prints)
  // General evaluation: macros inlined, parameters as Variable(i), hole k as Variable(params + k).
  TermPtr eval_term;
  // Fast evaluation: the pattern compiled to kernel calls on hole columns, fixed columns (closed
  // sub-terms and parameters, evaluated once) and earlier steps' results; the last step's result is the
  // value. Empty when the pattern has something only the interpreter can evaluate.
  struct Arg {
    enum class Kind : uint8_t { kHole, kFixed, kStep };
    Kind kind;
    uint16_t index;
  };
  struct Step {
    const Primitive* op;
    std::vector<Arg> args;
  };
  std::vector<Step> steps;
  std::vector<ValueColumn> fixed;
};

struct GrammarPlan {
  struct NonTerminalInfo {
    std::string name;
    Type type;
  };
  std::vector<NonTerminalInfo> nonterminals;  // 0 is the start symbol
  std::vector<PlannedProduction> productions;
  // units_from[n]: the unit productions M ::= n, to run whenever n gains a value.
  std::vector<std::vector<uint32_t>> units_from;
};

// Compiles the grammar of `f` (its parameters are the task's example inputs). (Variable T) expands to
// every parameter of sort T; (Constant T) to the literals of sort T found in the task plus 0, 1 (and
// all-ones for bit-vectors). A grammar-free `f` gets the logic's default grammar (dsl/default_grammar.h);
// fails where there is none.
absl::StatusOr<GrammarPlan> PlanGrammar(const Task& task, const SynthFun& f);

// Compiles `t` (parameters as Variable(i < num_params), hole k as Variable(num_params + k)) into
// p.steps and p.fixed; false, with both left empty, when some part needs the interpreter.
bool CompileSteps(const Term& t, size_t num_params, const std::vector<ValueColumn>& inputs, size_t n,
                  PlannedProduction& p);

// Runs p.steps with hole k read from holes[k], results in `temps` (reused across calls); returns the
// value, or nullptr when some kernel failed (overflow, string limit, #VALUE!).
const ValueColumn* RunSteps(const PlannedProduction& p, std::span<const ValueColumn* const> holes, size_t n,
                            std::vector<ValueColumn>& temps, EvalContext& ctx);

// Evaluates `term` (parameters from `inputs`, hole k as Variable(inputs.size() + k) read from holes[k])
// through `compiled`'s steps when it has them, else through `interpreter`, whose string limit the steps
// obey too. `temps` and `interpreted` are reused buffers; nullptr when the value fails on some example.
const ValueColumn* EvaluatePlanned(const PlannedProduction& compiled, const Term& term,
                                   std::span<const ValueColumn> inputs, std::span<const ValueColumn* const> holes,
                                   size_t n, const Interpreter& interpreter, std::vector<ValueColumn>& temps,
                                   ValueColumn& interpreted, EvalContext& ctx);

// The operator heading a composite production's pattern (a primitive or macro name); empty for leaves
// and unit productions, which combine nothing.
std::string_view HeadOperator(const PlannedProduction& p);

// `pattern` with its k-th hole (pre-order) replaced by children[k].
TermPtr FillHoles(const TermPtr& pattern, std::span<const TermPtr> children);

}  // namespace progsearch
