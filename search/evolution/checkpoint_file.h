// Reading a run's checkpoint: the file, its version and the settings it was made with, checked the same
// way for every evolution (Evolve's EvolveCheckpoint, discover's DiscoverCheckpoint). A checkpoint
// message keeps its version in field 1, named `version`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace progsearch {

// Reads `path` into `checkpoint`. InvalidArgument, starting with the path, when the file is not a
// checkpoint of its kind (`what`, e.g. "discover"), when it was written for another version than
// `version` (naming both: `version_change` says what changed in `version`), or when `differences`
// finds this run's settings differ from the checkpoint's ("name=saved (this run: name=now)", empty
// when they match). Errors of reading the file are ReadFileToString's.
absl::Status ReadCheckpoint(const std::string& path, std::string_view what, uint32_t version,
                            std::string_view version_change, google::protobuf::Message& checkpoint,
                            const std::function<std::string(const google::protobuf::Message&)>& differences);

}  // namespace progsearch
