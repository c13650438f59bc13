#include "formats/task_proto.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

void SetDeclaration(const Declaration& d, proto::Declaration* out) {
  out->set_name(d.name);
  out->set_type(d.type.ToString());
}

}  // namespace

proto::Program ProgramToProto(const Term& body, const std::vector<Declaration>& params) {
  proto::Program p;
  p.set_sexpr(PrintTerm(body));
  p.set_type(body.type().ToString());
  p.set_size(body.size());
  for (const Declaration& d : params) SetDeclaration(d, p.add_params());
  return p;
}

proto::Task TaskToProto(const Task& task) {
  proto::Task t;
  t.set_source(task.filename);
  t.set_logic(task.logic);
  for (const Primitive* d : task.defined_functions) {
    proto::DefinedFunction* f = t.add_defined_functions();
    f->set_name(d->name);
    const std::vector<Declaration> params = MacroParameters(*d);
    *f->mutable_definition() = ProgramToProto(*d->body, params);
  }
  for (const SynthFun& sf : task.synth_funs) {
    proto::SynthFun* f = t.add_synth_funs();
    f->set_name(sf.name);
    f->set_result_type(sf.result.ToString());
    for (const Declaration& d : sf.params) SetDeclaration(d, f->add_params());
    if (!sf.grammar) continue;
    for (const NonTerminal& nt : sf.grammar->nonterminals) {
      proto::NonTerminal* n = f->add_grammar();
      n->set_name(nt.name);
      n->set_type(nt.type.ToString());
      for (const Production& p : nt.productions) {
        proto::Production* pp = n->add_productions();
        pp->set_type(p.type.ToString());
        switch (p.kind) {
          case Production::Kind::kTerm:
            pp->set_kind(proto::Production::TERM);
            pp->set_sexpr(PrintTerm(*p.pattern));
            break;
          case Production::Kind::kAnyConstant:
            pp->set_kind(proto::Production::ANY_CONSTANT);
            break;
          case Production::Kind::kAnyVariable:
            pp->set_kind(proto::Production::ANY_VARIABLE);
            break;
        }
      }
    }
  }
  for (const Declaration& d : task.declared_vars) SetDeclaration(d, t.add_declared_vars());
  for (const Example& e : task.examples) {
    proto::Example* pe = t.add_examples();
    for (const Value& v : e.inputs) pe->add_inputs(v.ToString());
    pe->set_output(e.output.ToString());
  }
  for (const TermPtr& s : task.spec) t.add_spec(PrintTerm(*s));
  return t;
}

}  // namespace progsearch
