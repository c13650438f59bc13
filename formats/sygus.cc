#include "formats/sygus.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_join.h"
#include "core/read_file.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/program_reader.h"
#include "formats/sexpr.h"

namespace progsearch {
namespace {

bool IsGround(const Term& t) {
  if (t.kind() == TermKind::kVariable || t.kind() == TermKind::kHole || t.kind() == TermKind::kBoundVar) return false;
  if (t.kind() == TermKind::kApply && t.op()->kind == PrimitiveKind::kSynthFun) return false;
  for (const TermPtr& a : t.args()) {
    if (!IsGround(*a)) return false;
  }
  return true;
}

class SygusReader {
 public:
  explicit SygusReader(std::string_view filename) : filename_(filename) {
    task_.filename = std::string(filename);
    task_.registry = std::make_shared<PrimitiveRegistry>(&BuiltinRegistry());
  }

  absl::StatusOr<Task> Read(std::string_view text) {
    ASSIGN_OR_RETURN(std::vector<SExpr> commands, ParseSExprs(text, filename_));
    for (const SExpr& c : commands) RETURN_IF_ERROR(Command(c));
    if (task_.synth_funs.empty()) {
      return LocatedError(filename_, SourceLocation{}, commands.empty() ? "the file has no SyGuS commands (is it empty?)"
                                                                         : "no synth-fun: nothing to synthesize");
    }
    return std::move(task_);
  }

 private:
  absl::Status Error(const SExpr& e, std::string_view message) const { return LocatedError(filename_, e.loc, message); }

  ProgramReader Reader(std::vector<Declaration> vars, std::vector<Declaration> nonterminals = {}) const {
    ProgramReader r(*task_.registry, std::move(vars), std::string(filename_), std::move(nonterminals));
    for (const auto& [name, type] : sorts_) r.AddSortAlias(name, type);
    return r;
  }

  absl::StatusOr<std::string> Symbol(const SExpr& e, std::string_view what) const {
    if (e.kind != SExpr::Kind::kSymbol) return Error(e, StrCat("expected ", what, ", got '", e.ToString(), "'"));
    return e.text;
  }

  absl::StatusOr<std::vector<Declaration>> Params(const SExpr& e) const {
    if (!e.is_list()) return Error(e, "expected a parameter list ((name Sort) ...)");
    std::vector<Declaration> params;
    ProgramReader types = Reader({});
    for (const SExpr& p : e.items) {
      if (!p.is_list() || p.items.size() != 2) return Error(p, "expected a parameter (name Sort)");
      ASSIGN_OR_RETURN(std::string name, Symbol(p.items[0], "a parameter name"));
      ASSIGN_OR_RETURN(Type type, types.ReadType(p.items[1]));
      params.push_back(Declaration{name, type});
    }
    return params;
  }

  absl::Status Command(const SExpr& c) {
    if (!c.is_list() || c.items.empty() || c.items[0].kind != SExpr::Kind::kSymbol) {
      return Error(c, StrCat("expected a command such as (set-logic ...), got '", c.ToString(), "'"));
    }
    const std::string& name = c.items[0].text;
    if (name == "set-logic") {
      if (c.items.size() != 2) return Error(c, "expected (set-logic NAME)");
      ASSIGN_OR_RETURN(task_.logic, Symbol(c.items[1], "a logic name"));
      return absl::OkStatus();
    }
    if (name == "set-option" || name == "set-info" || name == "set-feature") return absl::OkStatus();
    if (name == "check-synth") return absl::OkStatus();
    if (name == "define-sort") return DefineSort(c);
    if (name == "declare-var") return DeclareVar(c);
    if (name == "define-fun") return DefineFun(c);
    if (name == "synth-fun") return SynthFunCommand(c);
    if (name == "constraint") return Constraint(c);
    if (name == "synth-inv" || name == "inv-constraint" || name == "declare-primed-var" || name == "chc-constraint" ||
        name == "declare-fun" || name == "declare-datatype" || name == "declare-datatypes" || name == "assume" ||
        name == "optimize-synth" || name == "oracle-constraint") {
      return Error(c, StrCat("'", name, "' is not supported yet"));
    }
    return Error(c.items[0], StrCat("unknown command '", name, "'"));
  }

  absl::Status DefineSort(const SExpr& c) {
    // v2: (define-sort N T); SMT-LIB: (define-sort N () T).
    if (c.items.size() != 3 && !(c.items.size() == 4 && c.items[2].is_list() && c.items[2].items.empty())) {
      return Error(c, "expected (define-sort NAME SORT)");
    }
    ASSIGN_OR_RETURN(std::string sort_name, Symbol(c.items[1], "a sort name"));
    ASSIGN_OR_RETURN(Type type, Reader({}).ReadType(c.items.back()));
    sorts_.emplace_back(sort_name, type);
    return absl::OkStatus();
  }

  absl::Status DeclareVar(const SExpr& c) {
    if (c.items.size() != 3) return Error(c, "expected (declare-var NAME SORT)");
    ASSIGN_OR_RETURN(std::string var, Symbol(c.items[1], "a variable name"));
    for (const Declaration& d : task_.declared_vars) {
      if (d.name == var) return Error(c.items[1], StrCat("variable '", var, "' is declared twice"));
    }
    ASSIGN_OR_RETURN(Type type, Reader({}).ReadType(c.items[2]));
    task_.declared_vars.push_back(Declaration{var, type});
    return absl::OkStatus();
  }

  absl::Status DefineFun(const SExpr& c) {
    if (c.items.size() != 5) return Error(c, "expected (define-fun NAME ((p Sort) ...) Sort BODY)");
    ASSIGN_OR_RETURN(std::string fname, Symbol(c.items[1], "a function name"));
    ASSIGN_OR_RETURN(std::vector<Declaration> params, Params(c.items[2]));
    ProgramReader reader = Reader(params);
    ASSIGN_OR_RETURN(Type result, reader.ReadType(c.items[3]));
    ASSIGN_OR_RETURN(TermPtr body, reader.Read(c.items[4]));
    if (body->type() != result) {
      return Error(c.items[4], StrCat("body of '", fname, "' has sort ", body->type().ToString(),
                                      " but the function returns ", result.ToString()));
    }
    std::vector<std::string> names;
    std::vector<Type> types;
    for (const Declaration& p : params) {
      names.push_back(p.name);
      types.push_back(p.type);
    }
    auto macro = task_.registry->AddMacro(fname, std::move(names), std::move(types), result, body);
    if (!macro.ok()) return Error(c.items[1], std::string(macro.status().message()));
    task_.defined_functions.push_back(*macro);
    return absl::OkStatus();
  }

  absl::Status SynthFunCommand(const SExpr& c) {
    if (c.items.size() < 4 || c.items.size() > 6) {
      return Error(c, "expected (synth-fun NAME ((p Sort) ...) Sort [GRAMMAR])");
    }
    SynthFun f;
    ASSIGN_OR_RETURN(f.name, Symbol(c.items[1], "a function name"));
    ASSIGN_OR_RETURN(f.params, Params(c.items[2]));
    ASSIGN_OR_RETURN(f.result, Reader({}).ReadType(c.items[3]));
    if (c.items.size() == 6) {
      ASSIGN_OR_RETURN(f.grammar, GrammarV2(c.items[4], c.items[5], f));
    } else if (c.items.size() == 5) {
      ASSIGN_OR_RETURN(f.grammar, GrammarV1(c.items[4], f));
    }
    std::vector<Type> types;
    for (const Declaration& p : f.params) types.push_back(p.type);
    auto prim = task_.registry->AddSynthFun(f.name, types, f.result);
    if (!prim.ok()) return Error(c.items[1], std::string(prim.status().message()));
    f.primitive = *prim;
    task_.synth_funs.push_back(std::move(f));
    return absl::OkStatus();
  }

  // v2: ((N Sort) ...) ((N Sort (g ...)) ...).
  absl::StatusOr<Grammar> GrammarV2(const SExpr& decls, const SExpr& rules, const SynthFun& f) {
    if (!decls.is_list() || decls.items.empty())
      return Error(decls, "expected non-terminal declarations ((N Sort) ...)");
    std::vector<Declaration> nts;
    for (const SExpr& d : decls.items) {
      if (!d.is_list() || d.items.size() != 2) return Error(d, "expected a non-terminal declaration (N Sort)");
      ASSIGN_OR_RETURN(std::string n, Symbol(d.items[0], "a non-terminal name"));
      ASSIGN_OR_RETURN(Type t, Reader({}).ReadType(d.items[1]));
      nts.push_back(Declaration{n, t});
    }
    if (!rules.is_list() || rules.items.size() != nts.size()) {
      return Error(rules, StrCat("expected one grouped rule list per declared non-terminal (", nts.size(), ")"));
    }
    return GrammarRules(rules.items, nts, f);
  }

  // v1: ((N Sort (g ...)) ...): the declarations are implied by the rules.
  absl::StatusOr<Grammar> GrammarV1(const SExpr& rules, const SynthFun& f) {
    if (!rules.is_list() || rules.items.empty()) return Error(rules, "expected a grammar ((N Sort (g ...)) ...)");
    std::vector<Declaration> nts;
    for (const SExpr& r : rules.items) {
      if (!r.is_list() || r.items.size() != 3) return Error(r, "expected a grammar rule (N Sort (g ...))");
      ASSIGN_OR_RETURN(std::string n, Symbol(r.items[0], "a non-terminal name"));
      ASSIGN_OR_RETURN(Type t, Reader({}).ReadType(r.items[1]));
      nts.push_back(Declaration{n, t});
    }
    return GrammarRules(rules.items, nts, f);
  }

  absl::StatusOr<Grammar> GrammarRules(const std::vector<SExpr>& rules, const std::vector<Declaration>& nts,
                                       const SynthFun& f) {
    Grammar g;
    ProgramReader reader = Reader(f.params, nts);
    for (size_t i = 0; i < rules.size(); ++i) {
      const SExpr& r = rules[i];
      if (!r.is_list() || r.items.size() != 3 || !r.items[2].is_list()) {
        return Error(r, "expected a grammar rule (N Sort (g ...))");
      }
      if (!r.items[0].is_symbol(nts[i].name)) {
        return Error(r.items[0],
                     StrCat("rule for '", r.items[0].ToString(), "' where '", nts[i].name, "' was declared"));
      }
      ASSIGN_OR_RETURN(Type t, reader.ReadType(r.items[1]));
      if (t != nts[i].type) return Error(r.items[1], "rule sort differs from the declared sort");
      NonTerminal nt{nts[i].name, t, {}};
      for (const SExpr& p : r.items[2].items) {
        Production prod;
        prod.type = t;
        if (p.is_list() && p.items.size() == 2 &&
            (p.items[0].is_symbol("Constant") || p.items[0].is_symbol("Variable"))) {
          prod.kind = p.items[0].text == "Constant" ? Production::Kind::kAnyConstant : Production::Kind::kAnyVariable;
          ASSIGN_OR_RETURN(prod.type, reader.ReadType(p.items[1]));
        } else {
          ASSIGN_OR_RETURN(prod.pattern, reader.Read(p));
          prod.type = prod.pattern->type();
        }
        if (prod.type != t) {
          return Error(p, StrCat("production has sort ", prod.type.ToString(), " in non-terminal '", nt.name,
                                 "' of sort ", t.ToString()));
        }
        nt.productions.push_back(std::move(prod));
      }
      g.nonterminals.push_back(std::move(nt));
    }
    if (g.nonterminals[0].type != f.result) {
      return Error(rules[0], StrCat("start symbol has sort ", g.nonterminals[0].type.ToString(), " but '", f.name,
                                    "' returns ", f.result.ToString()));
    }
    return g;
  }

  absl::Status Constraint(const SExpr& c) {
    if (c.items.size() != 2) return Error(c, "expected (constraint TERM)");
    ASSIGN_OR_RETURN(TermPtr t, Reader(task_.declared_vars).Read(c.items[1]));
    if (t->type() != Type::Bool()) {
      return Error(c.items[1], StrCat("a constraint must be Bool, this one is ", t->type().ToString()));
    }
    if (task_.synth_funs.size() == 1 && AddExample(*t, c.loc)) return absl::OkStatus();
    task_.spec.push_back(std::move(t));
    return absl::OkStatus();
  }

  // (= (f c1 ... cn) c) or (= c (f c1 ... cn)) with ground c's: an example.
  bool AddExample(const Term& t, SourceLocation loc) {
    if (!Applies(t, CoreOp::kEqual) || t.args().size() != 2) return false;
    for (int side = 0; side < 2; ++side) {
      const Term& call = *t.args()[side];
      const Term& value = *t.args()[1 - side];
      if (call.kind() != TermKind::kApply || call.op() != task_.synth_funs[0].primitive || !IsGround(value)) continue;
      Example ex;
      for (const TermPtr& a : call.args()) {
        if (!IsGround(*a)) return false;
        auto v = interpreter_.EvaluateGround(*a);
        if (!v.ok()) return false;
        ex.inputs.push_back(*v);
      }
      auto out = interpreter_.EvaluateGround(value);
      if (!out.ok()) return false;
      ex.output = *out;
      ex.where = StrCat(filename_, ":", loc.line, ":", loc.column);
      task_.examples.push_back(std::move(ex));
      return true;
    }
    return false;
  }

  std::string filename_;
  Task task_;
  Interpreter interpreter_;
  std::vector<std::pair<std::string, Type>> sorts_;
};

std::string ParamList(const std::vector<Declaration>& params) {
  std::vector<std::string> ps;
  for (const Declaration& p : params) ps.push_back(StrCat("(", QuoteSymbol(p.name), " ", p.type.ToString(), ")"));
  return StrCat("(", absl::StrJoin(ps, " "), ")");
}

std::string PrintProduction(const Production& p) {
  switch (p.kind) {
    case Production::Kind::kAnyConstant:
      return StrCat("(Constant ", p.type.ToString(), ")");
    case Production::Kind::kAnyVariable:
      return StrCat("(Variable ", p.type.ToString(), ")");
    case Production::Kind::kTerm:
      return PrintTerm(*p.pattern);
  }
  return "";
}

std::string PrintExample(const SynthFun& f, const Example& e) {
  std::string call = StrCat("(", QuoteSymbol(f.name));
  for (const Value& v : e.inputs) StrAppend(&call, " ", v.ToString());
  return call + ")";
}

}  // namespace

absl::StatusOr<Task> ParseSygus(std::string_view text, std::string_view filename) {
  return SygusReader(filename).Read(text);
}

absl::StatusOr<Task> ReadSygusFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseSygus(text, path);
}

std::string WriteSygus(const Task& task) {
  std::string out;
  if (!task.logic.empty()) StrAppend(&out, "(set-logic ", task.logic, ")\n\n");
  for (const Primitive* d : task.defined_functions) {
    const std::vector<Declaration> params = MacroParameters(*d);
    StrAppend(&out, PrintDefineFun(d->name, params, d->result, *d->body), "\n");
  }
  for (const SynthFun& f : task.synth_funs) {
    StrAppend(&out, "(synth-fun ", QuoteSymbol(f.name), " ", ParamList(f.params), " ", f.result.ToString());
    if (f.grammar) {
      std::vector<std::string> decls, rules;
      for (const NonTerminal& nt : f.grammar->nonterminals) {
        decls.push_back(StrCat("(", QuoteSymbol(nt.name), " ", nt.type.ToString(), ")"));
        std::vector<std::string> prods;
        for (const Production& p : nt.productions) prods.push_back(PrintProduction(p));
        rules.push_back(
            StrCat("(", QuoteSymbol(nt.name), " ", nt.type.ToString(), " (", absl::StrJoin(prods, " "), "))"));
      }
      StrAppend(&out, "\n  (", absl::StrJoin(decls, " "), ")\n  (", absl::StrJoin(rules, "\n   "), ")");
    }
    out += ")\n";
  }
  for (const Declaration& v : task.declared_vars)
    StrAppend(&out, "(declare-var ", QuoteSymbol(v.name), " ", v.type.ToString(), ")\n");
  for (const Example& e : task.examples) {
    StrAppend(&out, "(constraint (= ", PrintExample(task.synth_funs[0], e), " ", e.output.ToString(), "))\n");
  }
  for (const TermPtr& s : task.spec) StrAppend(&out, "(constraint ", PrintTerm(*s), ")\n");
  out += "(check-synth)\n";
  return out;
}

std::string DescribeTask(const Task& task, size_t max_examples) {
  std::string out;
  StrAppend(&out, "file:   ", task.filename, "\nlogic:  ", task.logic.empty() ? "(none)" : task.logic, "\n");
  for (const Primitive* d : task.defined_functions) {
    const std::vector<Declaration> params = MacroParameters(*d);
    StrAppend(&out, "define: ", PrintDefineFun(d->name, params, d->result, *d->body), "\n");
  }
  for (const SynthFun& f : task.synth_funs) {
    StrAppend(&out, "synth:  ", f.name, " ", ParamList(f.params), " -> ", f.result.ToString(), "\n");
    if (!f.grammar) {
      StrAppend(&out, "  grammar: none (the logic's full operator set)\n");
      continue;
    }
    size_t total = 0;
    for (const NonTerminal& nt : f.grammar->nonterminals) total += nt.productions.size();
    StrAppend(&out, "  grammar: ", f.grammar->nonterminals.size(), " non-terminals, ", total, " productions\n");
    for (const NonTerminal& nt : f.grammar->nonterminals) {
      std::vector<std::string> prods;
      for (const Production& p : nt.productions) prods.push_back(PrintProduction(p));
      StrAppend(&out, "    ", nt.name, " : ", nt.type.ToString(), " ::= ", absl::StrJoin(prods, " | "), "\n");
    }
  }
  if (!task.declared_vars.empty()) {
    std::vector<std::string> vs;
    for (const Declaration& v : task.declared_vars) vs.push_back(StrCat(v.name, ":", v.type.ToString()));
    StrAppend(&out, "vars:   ", absl::StrJoin(vs, " "), "\n");
  }
  StrAppend(&out, "examples: ", task.examples.size(), "\n");
  for (size_t i = 0; i < task.examples.size() && i < max_examples; ++i) {
    StrAppend(&out, "  ", PrintExample(task.synth_funs[0], task.examples[i]), " = ", task.examples[i].output.ToString(),
              "\n");
  }
  if (task.examples.size() > max_examples) StrAppend(&out, "  ... ", task.examples.size() - max_examples, " more\n");
  StrAppend(&out, "spec constraints: ", task.spec.size(), "\n");
  for (size_t i = 0; i < task.spec.size() && i < max_examples; ++i) {
    StrAppend(&out, "  ", PrintTerm(*task.spec[i]), "\n");
  }
  if (task.spec.size() > max_examples) StrAppend(&out, "  ... ", task.spec.size() - max_examples, " more\n");
  return out;
}

}  // namespace progsearch
