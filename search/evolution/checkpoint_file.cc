#include "search/evolution/checkpoint_file.h"

#include "core/read_file.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace progsearch {

absl::Status ReadCheckpoint(const std::string& path, std::string_view what, uint32_t version,
                            std::string_view version_change, google::protobuf::Message& checkpoint,
                            const std::function<std::string(const google::protobuf::Message&)>& differences) {
  ASSIGN_OR_RETURN(const std::string bytes, ReadFileToString(path));
  const google::protobuf::FieldDescriptor* field = checkpoint.GetDescriptor()->FindFieldByName("version");
  if (field == nullptr || field->number() != 1 || field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_UINT32) {
    return absl::InternalError(StrCat(checkpoint.GetTypeName(), " has no uint32 version in field 1"));
  }
  const uint32_t saved = checkpoint.ParseFromString(bytes) ? checkpoint.GetReflection()->GetUInt32(checkpoint, field) : 0;
  if (saved == 0) return absl::InvalidArgumentError(StrCat(path, ": not a progsearch ", what, " checkpoint"));
  if (saved != version) {
    return absl::InvalidArgumentError(StrCat(path, ": ", what, " checkpoint of version ", saved,
                                             "; this progsearch reads version ", version, " (", version_change,
                                             "); start a new run"));
  }
  if (const std::string d = differences(checkpoint); !d.empty()) {
    return absl::InvalidArgumentError(StrCat(path, ": the checkpoint was made with other settings: ", d));
  }
  return absl::OkStatus();
}

}  // namespace progsearch
