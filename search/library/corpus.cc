#include "search/library/corpus.h"

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "formats/json.h"
#include "core/read_file.h"

namespace progsearch::library {
namespace {

absl::Status At(std::string_view filename, const JsonValue& where, std::string_view message) {
  return LocatedError(filename, where.loc, message);
}

bool HasArgumentMarker(const ExprPool& pool, NodeId id) {
  const ExprNode& n = pool.node(id);
  switch (n.kind) {
    case ExprKind::kIVar:
      return true;
    case ExprKind::kLam:
      return HasArgumentMarker(pool, n.a);
    case ExprKind::kApp:
      return HasArgumentMarker(pool, n.a) || HasArgumentMarker(pool, n.b);
    default:
      return false;
  }
}

absl::StatusOr<NodeId> ReadProgram(Corpus& corpus, const JsonValue& value, std::string_view filename) {
  if (value.kind != JsonValue::Kind::kString) {
    return At(filename, value, absl::StrCat("expected a program as a string, found ", std::string(value.KindName())));
  }
  auto node = corpus.pool.Parse(value.text);
  if (!node.ok()) return At(filename, value, absl::StrCat("program: ", node.status().message()));
  if (HasArgumentMarker(corpus.pool, *node)) {
    return At(filename, value, "program: #i marks an abstraction's argument and cannot appear in a corpus program");
  }
  return node;
}

absl::Status ReadFrontiers(Corpus& corpus, const JsonValue& frontiers, std::string_view filename) {
  if (frontiers.kind != JsonValue::Kind::kArray) return At(filename, frontiers, "\"frontiers\" must be an array");
  for (const JsonValue& frontier : frontiers.items) {
    const JsonValue* programs = frontier.kind == JsonValue::Kind::kObject ? frontier.Find("programs") : nullptr;
    if (programs == nullptr || programs->kind != JsonValue::Kind::kArray) {
      return At(filename, frontier, "a frontier must be an object with a \"programs\" array");
    }
    std::vector<NodeId> task;
    for (const JsonValue& entry : programs->items) {
      const JsonValue* program = entry.kind == JsonValue::Kind::kObject ? entry.Find("program") : nullptr;
      if (program == nullptr) return At(filename, entry, "a frontier's program must be an object with \"program\"");
      auto node = ReadProgram(corpus, *program, filename);
      if (!node.ok()) return node.status();
      task.push_back(*node);
    }
    // A task nobody solved has no programs; it costs nothing either way.
    if (task.empty()) continue;
    const JsonValue* name = frontier.Find("task");
    corpus.task_names.push_back(name != nullptr && name->kind == JsonValue::Kind::kString
                                    ? name->text
                                    : absl::StrCat("task ", corpus.tasks.size()));
    corpus.tasks.push_back(std::move(task));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Corpus> ParseCorpus(std::string_view text, std::string_view filename, CostModel costs) {
  auto json = ParseJson(text, filename);
  if (!json.ok()) return json.status();
  Corpus corpus{ExprPool(costs), {}, {}};
  if (json->kind == JsonValue::Kind::kArray) {
    for (const JsonValue& item : json->items) {
      auto node = ReadProgram(corpus, item, filename);
      if (!node.ok()) return node.status();
      corpus.task_names.push_back(absl::StrCat("program ", corpus.tasks.size()));
      corpus.tasks.push_back({*node});
    }
  } else if (const JsonValue* frontiers = json->kind == JsonValue::Kind::kObject ? json->Find("frontiers") : nullptr) {
    if (auto status = ReadFrontiers(corpus, *frontiers, filename); !status.ok()) return status;
  } else {
    return At(filename, *json,
              "expected a JSON array of programs or a DreamCoder compression request (an object with \"frontiers\")");
  }
  if (corpus.tasks.empty()) return At(filename, *json, "the corpus has no programs");
  return corpus;
}

absl::StatusOr<Corpus> ReadCorpusFile(const std::string& path, CostModel costs) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseCorpus(text, path, costs);
}

}  // namespace progsearch::library
