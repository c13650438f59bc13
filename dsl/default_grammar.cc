#include "dsl/default_grammar.h"

#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {
namespace {

struct Builder {
  const PrimitiveRegistry& registry;
  Grammar grammar;

  int Add(std::string name, Type type) {
    grammar.nonterminals.push_back({std::move(name), type, {}});
    return static_cast<int>(grammar.nonterminals.size()) - 1;
  }
  TermPtr Hole(int nt) const {
    const NonTerminal& n = grammar.nonterminals[nt];
    return Term::Hole(nt, n.name, n.type);
  }
  // (op holes...) as a production of `lhs`.
  absl::Status Rule(int lhs, std::string_view op, std::vector<int> operands) {
    std::vector<Type> types;
    std::vector<TermPtr> args;
    for (int nt : operands) {
      types.push_back(grammar.nonterminals[nt].type);
      args.push_back(Hole(nt));
    }
    ASSIGN_OR_RETURN(const Primitive* p, registry.Resolve(op, types));
    grammar.nonterminals[lhs].productions.push_back(
        {Production::Kind::kTerm, Term::Apply(p, p->result, std::move(args)), grammar.nonterminals[lhs].type});
    return absl::OkStatus();
  }
  void Leaves(int lhs, bool constants) {
    const Type& type = grammar.nonterminals[lhs].type;
    grammar.nonterminals[lhs].productions.push_back({Production::Kind::kAnyVariable, nullptr, type});
    if (constants) grammar.nonterminals[lhs].productions.push_back({Production::Kind::kAnyConstant, nullptr, type});
  }
};

}  // namespace

absl::StatusOr<Grammar> DefaultGrammar(const PrimitiveRegistry& registry, const SynthFun& f, std::string_view logic) {
  Builder b{registry, {}};
  const Type& result = f.result;
  if (result == Type::Int() || result == Type::Bool()) {
    const bool bool_result = result == Type::Bool();
    // Non-terminal 0 is the start symbol: the Bool one when the function returns Bool.
    const int start_bool = bool_result ? b.Add("Start", Type::Bool()) : -1;
    const int ints = b.Add(bool_result ? "I" : "Start", Type::Int());
    const int bools = bool_result ? start_bool : b.Add("B", Type::Bool());
    b.Leaves(ints, true);
    RETURN_IF_ERROR(b.Rule(ints, "+", {ints, ints}));
    RETURN_IF_ERROR(b.Rule(ints, "-", {ints, ints}));
    if (logic.find("NIA") != std::string_view::npos) RETURN_IF_ERROR(b.Rule(ints, "*", {ints, ints}));
    RETURN_IF_ERROR(b.Rule(ints, "ite", {bools, ints, ints}));
    b.Leaves(bools, false);
    for (const char* cmp : {"<", "<=", "="}) RETURN_IF_ERROR(b.Rule(bools, cmp, {ints, ints}));
    RETURN_IF_ERROR(b.Rule(bools, "and", {bools, bools}));
    RETURN_IF_ERROR(b.Rule(bools, "or", {bools, bools}));
    RETURN_IF_ERROR(b.Rule(bools, "not", {bools}));
    return b.grammar;
  }
  if (result.kind() == TypeKind::kBitVec) {
    const int bv = b.Add("Start", result);
    const int bools = b.Add("B", Type::Bool());
    b.Leaves(bv, true);
    for (const char* op : {"bvnot", "bvneg"}) RETURN_IF_ERROR(b.Rule(bv, op, {bv}));
    for (const char* op :
         {"bvand", "bvor", "bvxor", "bvadd", "bvsub", "bvmul", "bvudiv", "bvurem", "bvshl", "bvlshr", "bvashr"}) {
      RETURN_IF_ERROR(b.Rule(bv, op, {bv, bv}));
    }
    RETURN_IF_ERROR(b.Rule(bv, "ite", {bools, bv, bv}));
    for (const char* cmp : {"bvult", "bvslt", "="}) RETURN_IF_ERROR(b.Rule(bools, cmp, {bv, bv}));
    return b.grammar;
  }
  return absl::UnimplementedError(StrCat("'", f.name, "' has no grammar and returns ", result.ToString(),
                                         ": default operator sets exist for Int, Bool and bit-vector results"));
}

}  // namespace progsearch
