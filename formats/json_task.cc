#include "formats/json_task.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "absl/strings/str_join.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/utf8.h"
#include "dsl/example_constants.h"
#include "formats/json.h"
#include "formats/sexpr.h"
#include "core/read_file.h"
#include "formats/sygus.h"

namespace progsearch {
namespace {

absl::Status At(std::string_view file, const JsonValue& v, std::string_view message) {
  return LocatedError(file, v.loc, message);
}

// String, Int, Number, Bool or (List T).
std::optional<Type> ParseTypeText(std::string_view t) {
  if (t == "String") return Type::String();
  if (t == "Int") return Type::Int();
  if (t == "Number") return Type::Float();
  if (t == "Bool") return Type::Bool();
  constexpr std::string_view kList = "(List ";
  if (t.size() > kList.size() + 1 && t.substr(0, kList.size()) == kList && t.back() == ')') {
    std::optional<Type> element = ParseTypeText(t.substr(kList.size(), t.size() - kList.size() - 1));
    if (element) return Type::List(*element);
  }
  return std::nullopt;
}

// How task files name a type: as SMT-LIB does, except that Float is a spreadsheet's Number.
std::string TypeName(const Type& t) { return t == Type::Float() ? "Number" : t.ToString(); }

absl::StatusOr<Type> ReadTypeName(std::string_view file, const JsonValue& v) {
  if (v.kind == JsonValue::Kind::kString) {
    if (std::optional<Type> t = ParseTypeText(v.text)) return *t;
  }
  return At(file, v, "expected a type: \"String\", \"Int\", \"Number\", \"Bool\" or \"(List T)\"");
}

// A cell error, {"error": "#VALUE!"}, in place of a value of `type`; nullopt when `v` is not one.
absl::StatusOr<std::optional<Value>> ReadCellError(std::string_view file, const JsonValue& v, const Type& type) {
  if (v.kind != JsonValue::Kind::kObject) return std::nullopt;
  const JsonValue* e = v.Find("error");
  if (e == nullptr || v.members.size() != 1) return std::nullopt;
  std::optional<CellError> error = e->kind == JsonValue::Kind::kString ? ParseCellError(e->text) : std::nullopt;
  if (!error) return At(file, *e, "expected an error: \"#VALUE!\", \"#DIV/0!\", \"#N/A\" or \"#NUM!\"");
  return Value::Error(type, *error);
}

absl::StatusOr<Value> ReadValue(std::string_view file, const JsonValue& v, const Type& type) {
  ASSIGN_OR_RETURN(std::optional<Value> error, ReadCellError(file, v, type));
  if (error) return *std::move(error);
  switch (type.kind()) {
    case TypeKind::kString:
      if (v.kind == JsonValue::Kind::kString) {
        std::string why;
        if (!IsEngineString(v.text, /*allow_surrogates=*/true, nullptr, &why)) return At(file, v, why);
        return Value::String(v.text);
      }
      break;
    case TypeKind::kBool:
      if (v.kind == JsonValue::Kind::kBool) return Value::Bool(v.boolean);
      break;
    case TypeKind::kInt: {
      if (v.kind != JsonValue::Kind::kNumber) break;
      int64_t x = 0;
      auto [p, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), x);
      if (ec != std::errc() || p != v.text.data() + v.text.size()) {
        return At(file, v, StrCat("expected an integer that fits in 64 bits, got ", v.text));
      }
      return Value::Int(x);
    }
    case TypeKind::kFloat: {
      if (v.kind != JsonValue::Kind::kNumber) break;
      double x = 0;
      auto [p, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), x);
      if (ec != std::errc() || p != v.text.data() + v.text.size() || !std::isfinite(x)) {
        return At(file, v, StrCat("expected a finite number, got ", v.text));
      }
      return Value::Float(x);
    }
    case TypeKind::kList: {
      if (v.kind != JsonValue::Kind::kArray) break;
      std::vector<Value> items;
      for (const JsonValue& item : v.items) {
        ASSIGN_OR_RETURN(Value x, ReadValue(file, item, type.element()));
        items.push_back(std::move(x));
      }
      return Value::List(type.element(), std::move(items));
    }
    default:
      break;
  }
  return At(file, v, StrCat("expected a value of type ", TypeName(type), ", got ", v.KindName()));
}

absl::StatusOr<std::vector<Example>> ReadExamples(std::string_view file, const JsonValue& list,
                                                  const std::vector<Declaration>& inputs, const Type& output) {
  if (list.kind != JsonValue::Kind::kArray) return At(file, list, "expected an array of examples");
  std::vector<Example> examples;
  for (const JsonValue& e : list.items) {
    if (e.kind != JsonValue::Kind::kObject)
      return At(file, e, "expected an example {\"inputs\": [...], \"output\": ...}");
    const JsonValue* in = e.Find("inputs");
    const JsonValue* out = e.Find("output");
    if (in == nullptr || out == nullptr) return At(file, e, "an example needs \"inputs\" and \"output\"");
    if (in->kind != JsonValue::Kind::kArray || in->items.size() != inputs.size()) {
      return At(file, *in, StrCat("expected an array of ", inputs.size(), " input values"));
    }
    Example ex;
    for (size_t i = 0; i < inputs.size(); ++i) {
      ASSIGN_OR_RETURN(Value v, ReadValue(file, in->items[i], inputs[i].type));
      ex.inputs.push_back(std::move(v));
    }
    ASSIGN_OR_RETURN(ex.output, ReadValue(file, *out, output));
    ex.where = StrCat(file, ":", e.loc.line, ":", e.loc.column);
    examples.push_back(std::move(ex));
  }
  return examples;
}

// The generated grammar's non-terminals: Start, S, I, N (Number) and B, with a suffix when an input has
// one of those names (a variable named S would otherwise be read in place of the non-terminal S).
struct GrammarNames {
  std::string start = "Start", s = "S", i = "I", n = "N", b = "B";

  explicit GrammarNames(const std::vector<Declaration>& inputs) {
    auto taken = [&](const std::string& name) {
      return std::any_of(inputs.begin(), inputs.end(), [&](const Declaration& d) { return d.name == name; });
    };
    for (int k = 1; taken(start) || taken(s) || taken(i) || taken(n) || taken(b); ++k) {
      const std::string suffix = StrCat("_", k);
      start = "Start" + suffix, s = "S" + suffix, i = "I" + suffix, n = "N" + suffix, b = "B" + suffix;
    }
  }
  const std::string& Of(const Type& t) const {
    switch (t.kind()) {
      case TypeKind::kString:
        return s;
      case TypeKind::kInt:
        return i;
      case TypeKind::kFloat:
        return n;
      default:
        return b;
    }
  }
  // `production` with its S, I, N and B tokens renamed.
  std::string Rename(std::string_view production) const {
    std::string out, token;
    auto flush = [&] {
      out += token == "S" ? s : token == "I" ? i : token == "N" ? n : token == "B" ? b : token;
      token.clear();
    };
    for (char c : production) {
      if (c == ' ' || c == '(' || c == ')') {
        flush();
        out += c;
      } else {
        token += c;
      }
    }
    flush();
    return out;
  }
};

}  // namespace

namespace {

absl::Status CheckMembers(std::string_view filename, const JsonValue& doc) {
  if (doc.kind != JsonValue::Kind::kObject) return At(filename, doc, "a task is a JSON object");
  for (const auto& [key, value] : doc.members) {
    static const char* kKnown[] = {"name", "domain", "inputs", "output_type", "train", "test", "constants"};
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      return At(filename, value,
                StrCat("unknown member \"", key, "\" (expected name, domain, inputs, output_type, ",
                       "train, test, constants)"));
    }
  }
  return absl::OkStatus();
}

// "spreadsheet" (the default), "strings" or "lists".
absl::StatusOr<std::string> ReadDomain(std::string_view filename, const JsonValue& doc) {
  const JsonValue* d = doc.Find("domain");
  if (d == nullptr) return std::string("spreadsheet");
  if (d->kind != JsonValue::Kind::kString || (d->text != "spreadsheet" && d->text != "strings" && d->text != "lists")) {
    return At(filename, *d, "domain must be \"spreadsheet\", \"strings\" or \"lists\"");
  }
  return d->text;
}

// Whether the generated grammar can hold an input named `name` after the `earlier` ones.
absl::Status CheckInputName(const std::string& name, const std::vector<Declaration>& earlier) {
  if (name.empty() || name == "f" || name == "true" || name == "false") {
    return absl::InvalidArgumentError("input names must be non-empty and not \"f\", \"true\" or \"false\"");
  }
  // SMT-LIB writes an odd name between bars, which cannot hold a bar or a backslash.
  if (name.find_first_of("|\\") != std::string::npos) {
    return absl::InvalidArgumentError(
        StrCat("input name \"", name, "\" has a '|' or '\\', which SMT-LIB cannot spell"));
  }
  for (const Declaration& d : earlier) {
    if (d.name == name) return absl::InvalidArgumentError(StrCat("input \"", name, "\" is named twice"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Declaration>> ReadInputs(std::string_view filename, const JsonValue& doc) {
  const JsonValue* inputs_json = doc.Find("inputs");
  if (inputs_json == nullptr || inputs_json->kind != JsonValue::Kind::kArray || inputs_json->items.empty()) {
    return At(filename, inputs_json ? *inputs_json : doc, "\"inputs\" must list the input names");
  }
  std::vector<Declaration> inputs;
  for (const JsonValue& in : inputs_json->items) {
    Declaration d{"", Type::String()};
    if (in.kind == JsonValue::Kind::kString) {
      d.name = in.text;
    } else if (in.kind == JsonValue::Kind::kObject && in.Find("name") &&
               in.Find("name")->kind == JsonValue::Kind::kString) {
      d.name = in.Find("name")->text;
      if (const JsonValue* t = in.Find("type")) {
        ASSIGN_OR_RETURN(d.type, ReadTypeName(filename, *t));
      }
    } else {
      return At(filename, in, "an input is a name or {\"name\": ..., \"type\": ...}");
    }
    if (absl::Status bad = CheckInputName(d.name, inputs); !bad.ok()) return At(filename, in, std::string(bad.message()));
    inputs.push_back(std::move(d));
  }
  return inputs;
}

// The constants a grammar offers: the user's, the domain's usual ones, and those the examples suggest.
struct GrammarConstants {
  std::vector<std::string> strings = {"", " "};
  std::vector<int64_t> ints = {0, 1, 2, 3};
  std::vector<double> numbers;  // the task's own (spreadsheet Numbers); VALUE makes the rest from ints
  // Whether the grammar offers Numbers (N and its functions): only where the task has numbers in it, so
  // text tasks do not pay for arithmetic they cannot use.
  bool with_numbers = false;
};

// A Number or Int input, output or constant, or a digit in some training example's text.
bool HasNumbers(const ExampleTaskSpec& spec) {
  auto numeric = [](const Value& v) {
    if (v.type() == Type::Float() || v.type() == Type::Int()) return true;
    if (v.type() != Type::String()) return false;
    const std::string& s = v.as_string();
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (spec.output == Type::Float() || spec.output == Type::Int()) return true;
  for (const Declaration& d : spec.inputs) {
    if (d.type == Type::Float() || d.type == Type::Int()) return true;
  }
  if (std::any_of(spec.constants.begin(), spec.constants.end(), numeric)) return true;
  for (const Example& e : spec.train) {
    if (numeric(e.output) || std::any_of(e.inputs.begin(), e.inputs.end(), numeric)) return true;
  }
  return false;
}

GrammarConstants ConstantsFor(const ExampleTaskSpec& spec) {
  GrammarConstants c;
  c.with_numbers = HasNumbers(spec);
  if (spec.domain == "spreadsheet") c.ints.push_back(99);
  for (const Value& v : spec.constants) {
    if (v.type() == Type::String()) {
      c.strings.push_back(v.as_string());
    } else if (v.type() == Type::Float()) {
      c.numbers.push_back(v.as_float());
    } else {
      c.ints.push_back(v.as_int());
    }
  }
  for (std::string& s : ExtractStringConstants(spec.train)) c.strings.push_back(std::move(s));
  return c;
}

// The task's own "constants": strings and integers.
absl::StatusOr<std::vector<Value>> ReadConstants(std::string_view filename, const JsonValue& doc) {
  std::vector<Value> out;
  const JsonValue* given = doc.Find("constants");
  if (given == nullptr) return out;
  if (given->kind != JsonValue::Kind::kArray) return At(filename, *given, "\"constants\" must be an array");
  for (const JsonValue& v : given->items) {
    if (v.kind == JsonValue::Kind::kString) {
      out.push_back(Value::String(v.text));
    } else if (v.kind == JsonValue::Kind::kNumber && v.text.find_first_of(".eE") != std::string::npos) {
      ASSIGN_OR_RETURN(Value x, ReadValue(filename, v, Type::Float()));
      out.push_back(std::move(x));
    } else {
      ASSIGN_OR_RETURN(Value x, ReadValue(filename, v, Type::Int()));
      out.push_back(std::move(x));
    }
  }
  return out;
}

// The operators of a domain's grammar by result non-terminal, written with S, I, N and B. In a list, the
// operators after a "|" are offered only when the task has numbers in it (GrammarConstants::with_numbers),
// as is every operator of N: a text task does not pay for arithmetic it cannot use.
struct DomainOps {
  std::vector<std::string> s, i, n, b;
};

DomainOps OpsOf(const std::string& domain) {
  if (domain != "spreadsheet") {
    return {{"(str.++ S S)", "(str.replace S S S)", "(str.at S I)", "(str.from_int I)", "(ite B S S)",
             "(str.substr S I I)"},
            {"(+ I I)", "(- I I)", "(str.len S)", "(str.to_int S)", "(ite B I I)", "(str.indexof S S I)"},
            {},
            {"(= I I)", "(str.prefixof S S)", "(str.suffixof S S)", "(str.contains S S)"}};
  }
  // Text functions first; those after the "|" entries need numbers in the task (DomainOps::numeric).
  return {{"(CONCATENATE S S)", "(LEFT S I)", "(RIGHT S I)", "(MID S I I)", "(REPLACE S I I S)", "(TRIM S)",
           "(LOWER S)", "(UPPER S)", "(PROPER S)", "(REPT S I)", "(SUBSTITUTE S S S)", "(SUBSTITUTE S S S I)",
           "(TO_TEXT I)", "(IF B S S)", "(LEFT S)", "(RIGHT S)", "(IFERROR S S)", "|", "(TO_TEXT N)", "(TO_TEXT B)",
           "(TEXT N S)", "(CHAR I)"},
          {"(ADD I I)", "(MINUS I I)", "(FIND S S)", "(FIND S S I)", "(LEN S)", "(SEARCH S S)", "(IFERROR I I)", "|",
           "(SEARCH S S I)", "(MULTIPLY I I)", "(MOD I I)", "(CODE S)", "(TRUNC N)", "(IF B I I)"},
          {"(VALUE S)", "(VALUE I)", "(ADD N N)", "(MINUS N N)", "(MULTIPLY N N)", "(DIVIDE N N)", "(MOD N N)",
           "(ABS N)", "(ROUND N)", "(ROUND N I)", "(IFERROR N N)", "(IF B N N)"},
          {"(EXACT S S)", "(GT I I)", "(GTE I I)", "(EQ S S)", "(EQ I I)", "(ISNUMBER I)", "(ISTEXT S)",
           "(ISERROR S)", "(ISBLANK S)", "(AND B B)", "(OR B B)", "(NOT B)", "|", "(GT N N)", "(GTE N N)",
           "(EQ N N)", "(ISNUMBER N)"}};
}

// The SyGuS-IF synth-fun f over `inputs` with the domain's grammar: String, Int, Bool (and, for
// spreadsheets, Number) non-terminals whose leaves are the inputs and constants.
std::string SynthFunText(const std::string& domain, const std::vector<Declaration>& inputs, const Type& output,
                         const GrammarConstants& constants) {
  std::vector<std::string> s_leaves, i_leaves, n_leaves, b_leaves;
  for (const Declaration& d : inputs) {
    const TypeKind k = d.type.kind();
    (k == TypeKind::kString ? s_leaves : k == TypeKind::kInt ? i_leaves : k == TypeKind::kFloat ? n_leaves : b_leaves)
        .push_back(QuoteSymbol(d.name));
  }
  auto add_leaf = [](std::vector<std::string>& leaves, std::string q) {
    if (std::find(leaves.begin(), leaves.end(), q) == leaves.end()) leaves.push_back(std::move(q));
  };
  for (const std::string& s : constants.strings) add_leaf(s_leaves, QuoteString(s));
  for (int64_t x : constants.ints) add_leaf(i_leaves, Value::Int(x).ToString());
  for (double x : constants.numbers) add_leaf(n_leaves, Value::Float(x).ToString());
  const DomainOps ops = OpsOf(domain);
  if (b_leaves.empty()) b_leaves = {"true", "false"};
  std::vector<std::string> params;
  for (const Declaration& d : inputs) params.push_back(StrCat("(", QuoteSymbol(d.name), " ", d.type.ToString(), ")"));
  const GrammarNames nt(inputs);
  const bool numbers = !ops.n.empty() && constants.with_numbers;
  // Without Numbers, the operators that take or make one go too.
  auto uses_n = [](const std::string& op) { return op.find(" N") != std::string::npos; };
  auto rule = [&](const std::string& name, const char* type, std::vector<std::string> leaves,
                  const std::vector<std::string>& ops) {
    bool numeric_part = false;
    for (const std::string& op : ops) {
      numeric_part |= op == "|";
      if (op != "|" && (numbers || (!numeric_part && !uses_n(op)))) leaves.push_back(nt.Rename(op));
    }
    return StrCat("(", name, " ", type, " (", absl::StrJoin(leaves, " "), "))");
  };
  std::string declared = StrCat("((", nt.start, " ", output.ToString(), ") (", nt.s, " String) (", nt.i, " Int) (",
                                nt.b, " Bool)", numbers ? StrCat(" (", nt.n, " Float)") : "", ")");
  std::string rules = StrCat("((", nt.start, " ", output.ToString(), " (", nt.Of(output), "))\n   ",
                             rule(nt.s, "String", s_leaves, ops.s), "\n   ", rule(nt.i, "Int", i_leaves, ops.i), "\n   ",
                             rule(nt.b, "Bool", b_leaves, ops.b));
  if (numbers) StrAppend(&rules, "\n   ", rule(nt.n, "Float", n_leaves, ops.n));
  return StrCat("(synth-fun f (", absl::StrJoin(params, " "), ") ", output.ToString(), "\n  ", declared, "\n  ",
                rules, "))\n");
}

}  // namespace

absl::StatusOr<Task> BuildExampleTask(const ExampleTaskSpec& spec, std::string_view name) {
  if (spec.domain == "lists") {
    return absl::InvalidArgumentError(
        StrCat(name, ": a \"lists\" task has no grammar: `progsearch synth` solves it with the lambda search"));
  }
  if (spec.domain != "strings" && spec.domain != "spreadsheet") {
    return absl::InvalidArgumentError(StrCat("domain must be \"spreadsheet\" or \"strings\", not \"", spec.domain, "\""));
  }
  if (spec.inputs.empty()) return absl::InvalidArgumentError("a task needs at least one input");
  const bool sheet = spec.domain == "spreadsheet";
  auto allowed = [sheet](const Type& t) {
    return t == Type::String() || t == Type::Int() || t == Type::Bool() || (sheet && t == Type::Float());
  };
  const char* kAllowed = sheet ? "String, Int, Number or Bool" : "String, Int or Bool";
  std::vector<Declaration> checked;
  for (const Declaration& d : spec.inputs) {
    RETURN_IF_ERROR(CheckInputName(d.name, checked));
    if (!allowed(d.type)) {
      return absl::InvalidArgumentError(StrCat("input ", d.name, ": ", kAllowed, ", not ", TypeName(d.type)));
    }
    checked.push_back(d);
  }
  if (!allowed(spec.output)) {
    return absl::InvalidArgumentError(StrCat("the output: ", kAllowed, ", not ", TypeName(spec.output)));
  }
  if (spec.train.empty()) return absl::InvalidArgumentError("a task needs at least one training example");
  for (const std::vector<Example>* set : {&spec.train, &spec.test}) {
    for (size_t i = 0; i < set->size(); ++i) {
      const Example& e = (*set)[i];
      const char* which = set == &spec.train ? "training" : "test";
      if (e.inputs.size() != spec.inputs.size()) {
        return absl::InvalidArgumentError(
            StrCat(which, " example ", i, " has ", e.inputs.size(), " inputs, the task ", spec.inputs.size()));
      }
      for (size_t k = 0; k < e.inputs.size(); ++k) {
        if (e.inputs[k].type() != spec.inputs[k].type) {
          return absl::InvalidArgumentError(StrCat(which, " example ", i, ": input ", spec.inputs[k].name, " is a ",
                                                   spec.inputs[k].type.ToString(), ", got ", e.inputs[k].ToString()));
        }
      }
      if (e.output.type() != spec.output) {
        return absl::InvalidArgumentError(StrCat(which, " example ", i, ": the output is a ", spec.output.ToString(),
                                                 ", got ", e.output.ToString()));
      }
      const bool has_error =
          e.output.is_error() || std::any_of(e.inputs.begin(), e.inputs.end(), [](const Value& x) { return x.is_error(); });
      if (!sheet && has_error) {
        return absl::InvalidArgumentError(
            StrCat(which, " example ", i, ": cell errors ({\"error\": ...}) belong to the spreadsheet domain"));
      }
    }
  }
  // The task as SyGuS-IF, read by the SyGuS reader: one path from text to Task for every format.
  std::string sygus =
      StrCat("(set-logic SLIA)\n", SynthFunText(spec.domain, spec.inputs, spec.output, ConstantsFor(spec)));
  // SMT-LIB has no cell errors: an error is written as its type's zero here and put back below.
  auto literal = [](const Value& v) { return v.is_error() ? Value::Error(v.type(), CellError::kNone).ToString() : v.ToString(); };
  for (const Example& e : spec.train) {
    std::vector<std::string> args;
    for (const Value& v : e.inputs) args.push_back(literal(v));
    StrAppend(&sygus, "(constraint (= (f ", absl::StrJoin(args, " "), ") ", literal(e.output), "))\n");
  }
  auto task = ParseSygus(sygus, StrCat(name, " (generated grammar)"));
  if (!task.ok()) return absl::InternalError(StrCat("generated task does not read back: ", task.status().message()));
  task->filename = std::string(name);
  task->domain = spec.domain;
  task->test_examples = spec.test;
  // Each constraint became one example, in order: they keep where the user wrote them, and their values
  // as given (cell errors included).
  if (task->examples.size() != spec.train.size()) {
    return absl::InternalError("the generated task does not have one example per training example");
  }
  for (size_t i = 0; i < spec.train.size(); ++i) {
    task->examples[i].where = spec.train[i].where;
    task->examples[i].inputs = spec.train[i].inputs;
    task->examples[i].output = spec.train[i].output;
  }
  return task;
}

absl::StatusOr<Task> ParseJsonTask(std::string_view text, std::string_view filename) {
  ASSIGN_OR_RETURN(ExampleTaskSpec spec, ParseExampleTaskSpec(text, filename));
  return BuildExampleTask(spec, filename);
}

absl::StatusOr<ExampleTaskSpec> ParseExampleTaskSpec(std::string_view text, std::string_view filename) {
  ASSIGN_OR_RETURN(JsonValue doc, ParseJson(text, filename));
  RETURN_IF_ERROR(CheckMembers(filename, doc));
  ExampleTaskSpec spec;
  ASSIGN_OR_RETURN(spec.domain, ReadDomain(filename, doc));
  ASSIGN_OR_RETURN(spec.inputs, ReadInputs(filename, doc));
  if (const JsonValue* t = doc.Find("output_type")) {
    ASSIGN_OR_RETURN(spec.output, ReadTypeName(filename, *t));
  }
  const JsonValue* train = doc.Find("train");
  if (train == nullptr) return At(filename, doc, "\"train\" examples are required");
  ASSIGN_OR_RETURN(spec.train, ReadExamples(filename, *train, spec.inputs, spec.output));
  if (spec.train.empty()) return At(filename, *train, "\"train\" needs at least one example");
  if (const JsonValue* test = doc.Find("test")) {
    ASSIGN_OR_RETURN(spec.test, ReadExamples(filename, *test, spec.inputs, spec.output));
  }
  ASSIGN_OR_RETURN(spec.constants, ReadConstants(filename, doc));
  return spec;
}

bool LooksLikeJson(std::string_view path, std::string_view text) {
  if (path.size() >= 5 && path.substr(path.size() - 5) == ".json") return true;
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

absl::StatusOr<Task> ParseTaskText(std::string_view text, std::string_view path) {
  if (LooksLikeJson(path, text)) return ParseJsonTask(text, path);
  return ParseSygus(text, path);
}

absl::StatusOr<Task> ReadTaskFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseTaskText(text, path);
}

}  // namespace progsearch
