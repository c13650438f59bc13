#include "formats/list_tasks.h"

#include <charconv>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "formats/json.h"
#include "formats/sexpr.h"
#include "core/read_file.h"

namespace progsearch {

std::optional<Type> ParseListTypeName(std::string_view name) {
  if (name == "int") return Type::Int();
  if (name == "bool") return Type::Bool();
  constexpr std::string_view kList = "list-of-";
  if (name.substr(0, kList.size()) == kList) {
    std::optional<Type> element = ParseListTypeName(name.substr(kList.size()));
    if (element) return Type::List(*element);
  }
  return std::nullopt;
}

ListTask ListTaskFromSpec(const ExampleTaskSpec& spec, const std::string& name, std::vector<Example>* test) {
  ListTask t;
  t.name = name;
  std::vector<Type> inputs;
  for (const Declaration& d : spec.inputs) inputs.push_back(d.type);
  t.request = Type::Function(std::move(inputs), spec.output);
  t.examples = spec.train;
  if (test != nullptr) *test = spec.test;
  return t;
}

namespace {

absl::StatusOr<Value> ReadValue(const JsonValue& v, const Type& type, std::string_view filename) {
  switch (type.kind()) {
    case TypeKind::kInt: {
      int64_t x = 0;
      const char* end = v.text.data() + v.text.size();
      if (v.kind != JsonValue::Kind::kNumber || std::from_chars(v.text.data(), end, x).ptr != end) {
        return LocatedError(filename, v.loc, StrCat("expected an integer, got ", std::string(v.KindName())));
      }
      return Value::Int(x);
    }
    case TypeKind::kBool:
      if (v.kind != JsonValue::Kind::kBool) {
        return LocatedError(filename, v.loc, StrCat("expected true or false, got ", std::string(v.KindName())));
      }
      return Value::Bool(v.boolean);
    case TypeKind::kList: {
      if (v.kind != JsonValue::Kind::kArray) {
        return LocatedError(filename, v.loc, StrCat("expected a list, got ", std::string(v.KindName())));
      }
      std::vector<Value> items;
      for (const JsonValue& item : v.items) {
        ASSIGN_OR_RETURN(Value x, ReadValue(item, type.element(), filename));
        items.push_back(std::move(x));
      }
      return Value::List(type.element(), std::move(items));
    }
    default:
      return LocatedError(filename, v.loc, StrCat("values of type ", type.ToString(), " are not read here"));
  }
}

const JsonValue* Field(const JsonValue& object, std::string_view key, JsonValue::Kind kind, std::string_view filename,
                       absl::Status& status) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) {
    status = LocatedError(filename, object.loc, StrCat("missing \"", std::string(key), "\""));
  } else if (v->kind != kind) {
    status = LocatedError(filename, v->loc, StrCat("\"", std::string(key), "\" has the wrong kind: ",
                                                   std::string(v->KindName())));
    v = nullptr;
  }
  return v;
}

absl::StatusOr<Type> ReadType(const JsonValue& types, std::string_view key, std::string_view filename) {
  absl::Status st;
  const JsonValue* v = Field(types, key, JsonValue::Kind::kString, filename, st);
  if (v == nullptr) return st;
  std::optional<Type> t = ParseListTypeName(v->text);
  if (!t) return LocatedError(filename, v->loc, StrCat("unknown type '", v->text, "' (int, bool or list-of-T)"));
  return *t;
}

absl::StatusOr<ListTask> ReadTask(const JsonValue& task, std::string_view filename) {
  if (task.kind != JsonValue::Kind::kObject) return LocatedError(filename, task.loc, "a task must be an object");
  absl::Status st;
  const JsonValue* name = Field(task, "name", JsonValue::Kind::kString, filename, st);
  const JsonValue* type = name ? Field(task, "type", JsonValue::Kind::kObject, filename, st) : nullptr;
  const JsonValue* examples = type ? Field(task, "examples", JsonValue::Kind::kArray, filename, st) : nullptr;
  if (examples == nullptr) return st;
  ListTask out;
  out.name = name->text;
  ASSIGN_OR_RETURN(Type input, ReadType(*type, "input", filename));
  ASSIGN_OR_RETURN(Type output, ReadType(*type, "output", filename));
  out.request = Type::Function({input}, output);
  for (const JsonValue& ex : examples->items) {
    if (ex.kind != JsonValue::Kind::kObject) return LocatedError(filename, ex.loc, "an example must be an object");
    const JsonValue* i = ex.Find("i");
    const JsonValue* o = ex.Find("o");
    if (i == nullptr || o == nullptr) return LocatedError(filename, ex.loc, "an example needs \"i\" and \"o\"");
    Example e;
    ASSIGN_OR_RETURN(Value in, ReadValue(*i, input, filename));
    ASSIGN_OR_RETURN(e.output, ReadValue(*o, output, filename));
    e.inputs.push_back(std::move(in));
    out.examples.push_back(std::move(e));
  }
  if (out.examples.empty()) return LocatedError(filename, examples->loc, "a task needs at least one example");
  return out;
}

}  // namespace

absl::StatusOr<std::vector<ListTask>> ParseListTasks(std::string_view text, std::string_view filename) {
  ASSIGN_OR_RETURN(JsonValue doc, ParseJson(text, filename));
  if (doc.kind != JsonValue::Kind::kArray) return LocatedError(filename, doc.loc, "expected a JSON array of tasks");
  std::vector<ListTask> tasks;
  absl::flat_hash_set<std::string> names;
  for (const JsonValue& t : doc.items) {
    ASSIGN_OR_RETURN(ListTask task, ReadTask(t, filename));
    if (!names.insert(task.name).second) {
      return LocatedError(filename, t.loc, StrCat("a second task named '", task.name, "'"));
    }
    tasks.push_back(std::move(task));
  }
  return tasks;
}

absl::StatusOr<std::vector<ListTask>> ReadListTasksFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseListTasks(text, path);
}

}  // namespace progsearch
