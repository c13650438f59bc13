#include "progsearch/search_space.h"

#include <cmath>

#include "api/impl.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"
#include "formats/sexpr.h"

namespace progsearch {
namespace {

std::string KindList(const std::vector<ValueKind>& kinds) {
  std::string out = "(";
  for (size_t i = 0; i < kinds.size(); ++i) out += StrCat(i ? " " : "", KindName(kinds[i]));
  return out + ")";
}

// A name the program reader reads back as itself: a simple SMT-LIB symbol.
void CheckName(const std::string& name, const char* what) {
  if (name.empty() || QuoteSymbol(name) != name || name == "true" || name == "false") {
    throw Error(StrCat(what, " name '", name, "' is not a simple SMT-LIB symbol (letters, digits and ",
                       "~!@$%^&*_-+=<>.?/, not starting with a digit)"));
  }
}

// Registers a user operator whose kernel AddFloatOperator or AddColumnOperator built.
void AddUserOperator(SearchSpace::Impl& space, const std::string& name, std::vector<ValueKind> args, ValueKind result,
                     ClosureKernel kernel, int cost) {
  CheckName(name, "operator");
  if (cost < 1) throw Error(StrCat("operator '", name, "': cost must be at least 1, got ", cost));
  if (space.registry->Knows(name)) throw Error(StrCat("operator '", name, "' is already defined"));
  std::vector<Type> types;
  for (ValueKind k : args) types.push_back(TypeOf(k));
  space.registry->AddClosure(name, types, TypeOf(result), std::move(kernel), cost);
  auto op = space.registry->Resolve(name, types);
  ThrowIfError(op.status());
  space.ops.push_back(*op);
  space.descriptions.push_back(StrCat(name, ": ", KindList(args), " -> ", KindName(result), " (user)"));
}

}  // namespace

SearchSpace::SearchSpace(std::vector<std::pair<std::string, ValueKind>> variables, ValueKind result)
    : impl_(std::make_shared<Impl>()) {
  impl_->registry = std::make_shared<PrimitiveRegistry>(&BuiltinRegistry());
  for (const auto& [name, kind] : variables) {
    CheckName(name, "variable");
    for (const Declaration& d : impl_->declarations) {
      if (d.name == name) throw Error(StrCat("variable '", name, "' is declared twice"));
    }
    impl_->declarations.push_back({name, TypeOf(kind)});
  }
  impl_->variables = std::move(variables);
  impl_->result = result;
}

SearchSpace SearchSpace::Arithmetic(std::vector<std::string> variables) {
  std::vector<std::pair<std::string, ValueKind>> vars;
  for (std::string& v : variables) vars.emplace_back(std::move(v), ValueKind::kFloat);
  SearchSpace space(std::move(vars), ValueKind::kFloat);
  for (const char* op : {"+", "-", "*", "/"}) space.AddBuiltin(op, {ValueKind::kFloat, ValueKind::kFloat});
  return space;
}

SearchSpace SearchSpace::Domain(const std::string& domain, std::vector<std::pair<std::string, ValueKind>> variables,
                                ValueKind result) {
  using K = ValueKind;
  struct Op {
    const char* name;
    std::vector<K> args;
  };
  std::vector<Op> ops;
  if (domain == "float") {
    ops = {{"+", {K::kFloat, K::kFloat}}, {"-", {K::kFloat, K::kFloat}}, {"*", {K::kFloat, K::kFloat}},
           {"/", {K::kFloat, K::kFloat}}, {"fma", {K::kFloat, K::kFloat, K::kFloat}}, {"sqrt", {K::kFloat}},
           {"fabs", {K::kFloat}}, {"fmin", {K::kFloat, K::kFloat}}, {"fmax", {K::kFloat, K::kFloat}}};
  } else if (domain == "lia") {
    ops = {{"+", {K::kInt, K::kInt}},  {"-", {K::kInt, K::kInt}},  {"*", {K::kInt, K::kInt}},
           {"div", {K::kInt, K::kInt}}, {"mod", {K::kInt, K::kInt}}, {"abs", {K::kInt}},
           {"ite", {K::kBool, K::kInt, K::kInt}}, {"=", {K::kInt, K::kInt}}, {"<", {K::kInt, K::kInt}},
           {"<=", {K::kInt, K::kInt}}, {"and", {K::kBool, K::kBool}}, {"or", {K::kBool, K::kBool}},
           {"not", {K::kBool}}};
  } else if (domain == "strings") {
    ops = {{"str.++", {K::kString, K::kString}},
           {"str.len", {K::kString}},
           {"str.at", {K::kString, K::kInt}},
           {"str.substr", {K::kString, K::kInt, K::kInt}},
           {"str.indexof", {K::kString, K::kString, K::kInt}},
           {"str.replace", {K::kString, K::kString, K::kString}},
           {"str.prefixof", {K::kString, K::kString}},
           {"str.suffixof", {K::kString, K::kString}},
           {"str.contains", {K::kString, K::kString}},
           {"str.to_int", {K::kString}},
           {"str.from_int", {K::kInt}},
           {"+", {K::kInt, K::kInt}},
           {"-", {K::kInt, K::kInt}},
           {"ite", {K::kBool, K::kString, K::kString}},
           {"ite", {K::kBool, K::kInt, K::kInt}},
           {"=", {K::kString, K::kString}},
           {"=", {K::kInt, K::kInt}}};
  } else {
    throw Error(StrCat("unknown domain '", domain, "' (float, lia or strings)"));
  }
  SearchSpace space(std::move(variables), result);
  for (const Op& op : ops) space.AddBuiltin(op.name, op.args);
  return space;
}

SearchSpace& SearchSpace::AddBuiltin(const std::string& name, std::vector<ValueKind> args) {
  std::vector<Type> types;
  for (ValueKind k : args) types.push_back(TypeOf(k));
  auto op = BuiltinRegistry().Resolve(name, types);
  if (!op.ok()) throw Error(StrCat("built-in operator: ", op.status().message()));
  KindOfType((*op)->result);  // its result must be a kind the API exchanges
  impl_->ops.push_back(*op);
  impl_->descriptions.push_back(StrCat(name, ": ", KindList(args), " -> ", KindName(KindOfType((*op)->result))));
  return *this;
}

SearchSpace& SearchSpace::AddFloatOperator(const std::string& name, int arity, std::function<double(const double*)> fn,
                                           int cost) {
  if (arity < 0 || arity > 16) throw Error(StrCat("operator '", name, "': arity must be 0 to 16, got ", arity));
  if (!fn) throw Error(StrCat("operator '", name, "' has no function"));
  ClosureKernel kernel = [fn = std::move(fn), arity](std::span<const ValueColumn* const> args, ValueColumn& out,
                                                     EvalContext& ctx) {
    double a[16];
    double* result = out.floats();
    try {
      for (size_t i = 0; i < out.size(); ++i) {
        for (int j = 0; j < arity; ++j) a[j] = args[j]->floats()[i];
        result[i] = fn(a);
      }
    } catch (...) {
      ctx.invalid = true;  // the interpreter reports the program as failing to evaluate
    }
  };
  AddUserOperator(*impl_, name, std::vector<ValueKind>(arity, ValueKind::kFloat), ValueKind::kFloat, std::move(kernel),
                  cost);
  return *this;
}

SearchSpace& SearchSpace::AddFloatColumnOperator(const std::string& name, int arity, FloatColumnFn fn, int cost) {
  if (arity < 0 || arity > 16) throw Error(StrCat("operator '", name, "': arity must be 0 to 16, got ", arity));
  if (!fn) throw Error(StrCat("operator '", name, "' has no function"));
  ClosureKernel kernel = [fn = std::move(fn)](std::span<const ValueColumn* const> args, ValueColumn& out,
                                              EvalContext& ctx) {
    std::vector<const double*> columns;
    for (const ValueColumn* a : args) columns.push_back(a->floats());
    try {
      fn(columns, out.size(), out.floats());
    } catch (...) {
      ctx.invalid = true;
    }
  };
  AddUserOperator(*impl_, name, std::vector<ValueKind>(arity, ValueKind::kFloat), ValueKind::kFloat, std::move(kernel),
                  cost);
  return *this;
}

SearchSpace& SearchSpace::AddColumnOperator(const std::string& name, std::vector<ValueKind> args, ValueKind result,
                                            ColumnFn fn, int cost) {
  if (!fn) throw Error(StrCat("operator '", name, "' has no function"));
  ClosureKernel kernel = [fn = std::move(fn), result](std::span<const ValueColumn* const> columns, ValueColumn& out,
                                                      EvalContext& ctx) {
    try {
      std::vector<std::vector<Scalar>> boxed;
      for (const ValueColumn* c : columns) boxed.push_back(ToScalars(*c));
      std::vector<const std::vector<Scalar>*> pointers;
      for (const auto& b : boxed) pointers.push_back(&b);
      std::vector<Scalar> values(out.size(), Scalar(false));
      fn(pointers, values);
      if (values.size() != out.size()) throw Error("wrong number of results");
      out = ToColumn(values, result, "result");
    } catch (...) {
      ctx.invalid = true;
    }
  };
  AddUserOperator(*impl_, name, std::move(args), result, std::move(kernel), cost);
  return *this;
}

SearchSpace& SearchSpace::SetCForm(const std::string& name, CFormFn fn) {
  if (!fn) throw Error(StrCat("SetCForm('", name, "'): no function"));
  const bool set = impl_->registry->SetCForm(name, [fn = std::move(fn)](std::span<const std::string> args) {
    return fn(std::vector<std::string>(args.begin(), args.end()));
  });
  if (!set) throw Error(StrCat("SetCForm: '", name, "' is not an operator added to this space"));
  return *this;
}

SearchSpace& SearchSpace::SetCForm(const std::string& name, const std::string& format) {
  const Primitive* op = nullptr;
  for (const Primitive* p : impl_->ops) {
    if (p->name == name && p->kernel == nullptr && p->closure) op = p;
  }
  if (op == nullptr) throw Error(StrCat("SetCForm: '", name, "' is not an operator added to this space"));
  // The format as literal pieces and argument numbers, checked once.
  std::vector<std::string> pieces{""};
  std::vector<size_t> holes;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '}') throw Error(StrCat("SetCForm('", name, "'): a '}' without its '{' in \"", format, "\""));
    if (format[i] != '{') {
      pieces.back() += format[i];
      continue;
    }
    const size_t close = format.find('}', i);
    const std::string number = close == std::string::npos ? "" : format.substr(i + 1, close - i - 1);
    if (number.empty() || number.size() > 2 || number.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(number) >= op->arg_types.size()) {
      const size_t arity = op->arg_types.size();
      throw Error(StrCat("SetCForm('", name, "'): \"", format, "\" ",
                         arity == 0 ? std::string("may use no {N}: the operator takes no arguments")
                                    : StrCat("must use {0} to {", arity - 1, "} for the ", arity, " arguments")));
    }
    holes.push_back(std::stoul(number));
    pieces.emplace_back();
    i = close;
  }
  return SetCForm(name, [pieces, holes](const std::vector<std::string>& args) {
    std::string out = pieces[0];
    for (size_t k = 0; k < holes.size(); ++k) out += args[holes[k]] + pieces[k + 1];
    return out;
  });
}

Program SearchSpace::Parse(const std::string& text) const {
  ProgramReader reader(*impl_->registry, impl_->declarations, "<program>");
  auto term = reader.ReadText(text);
  ThrowIfError(term.status());
  return MakeProgram(*impl_, *term);
}

const std::vector<std::pair<std::string, ValueKind>>& SearchSpace::variables() const { return impl_->variables; }
ValueKind SearchSpace::result_kind() const { return impl_->result; }
std::vector<std::string> SearchSpace::Describe() const { return impl_->descriptions; }

}  // namespace progsearch
