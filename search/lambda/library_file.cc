#include "search/lambda/library_file.h"

#include "absl/strings/match.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/domains/domains.h"
#include "core/read_file.h"
#include "google/protobuf/text_format.h"
#include "proto/progsearch.pb.h"
#include "proto/text_format.h"

namespace progsearch::lambda {
namespace {

bool IsTextName(const std::string& path) {
  return absl::EndsWith(path, ".txtpb") || absl::EndsWith(path, ".textproto");
}

proto::LearnedLibrary ToProto(const std::vector<LearnedInvention>& library) {
  proto::LearnedLibrary p;
  p.set_domain("lists");
  for (const LearnedInvention& l : library) {
    proto::LearnedAbstraction* a = p.add_abstractions();
    a->set_program(l.invention.text);
    a->set_type(l.invention.type.ToString());
    a->set_arity(l.invention.arity);
    a->set_iteration(l.iteration);
    a->set_uses(l.uses);
    a->set_utility(l.utility);
  }
  return p;
}

}  // namespace

std::string LibraryText(const std::vector<LearnedInvention>& library) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(ToProto(library), &text);
  return text;
}

absl::Status SaveLibrary(const std::string& path, const std::vector<LearnedInvention>& library) {
  std::string bytes;
  if (IsTextName(path)) {
    bytes = LibraryText(library);
  } else if (!ToProto(library).SerializeToString(&bytes)) {
    return absl::InternalError("could not serialize the library");
  }
  return WriteFileAtomically(path, bytes);
}

absl::StatusOr<std::vector<LearnedInvention>> LoadLibrary(const std::string& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
  proto::LearnedLibrary p;
  if (IsTextName(path)) {
    if (absl::Status s = proto::MergeTextFormat(bytes, path, p); !s.ok()) {
      return absl::InvalidArgumentError(StrCat(s.message(), " (not a learned library, proto LearnedLibrary)"));
    }
  } else if (!p.ParseFromString(bytes)) {
    return absl::InvalidArgumentError(StrCat(path, ": not a learned library (proto LearnedLibrary)"));
  }
  if (p.domain() != "lists") {
    return absl::InvalidArgumentError(StrCat(path, ": a library of domain '", p.domain(), "'; only 'lists' is known"));
  }
  std::vector<LearnedInvention> library;
  for (int i = 0; i < p.abstractions_size(); ++i) {
    const proto::LearnedAbstraction& a = p.abstractions(i);
    auto inv = MakeInvention(a.program(), ListRegistry());
    if (!inv.ok()) {
      return absl::InvalidArgumentError(StrCat(path, ": abstraction ", i + 1, ": ", std::string(inv.status().message())));
    }
    if (!a.type().empty() && inv->type.ToString() != a.type()) {
      return absl::InvalidArgumentError(StrCat(path, ": abstraction ", i + 1, " types as ", inv->type.ToString(),
                                               ", not ", a.type(), " as recorded"));
    }
    library.push_back(LearnedInvention{*std::move(inv), a.iteration(), a.uses(), a.utility()});
  }
  return library;
}

}  // namespace progsearch::lambda
