// Learned libraries on disk: a proto::LearnedLibrary, binary (any name) or protobuf text format (a
// name ending in .txtpb or .textproto), written atomically.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "search/lambda/wake_sleep.h"

namespace progsearch::lambda {

absl::Status SaveLibrary(const std::string& path, const std::vector<LearnedInvention>& library);

// Reads and re-types every abstraction; errors name the file and the abstraction (InvalidArgument), or
// say the file is not a library.
absl::StatusOr<std::vector<LearnedInvention>> LoadLibrary(const std::string& path);

// The library in protobuf text format, as `progsearch wake-sleep --print-library` shows it.
std::string LibraryText(const std::vector<LearnedInvention>& library);

}  // namespace progsearch::lambda
