// Reading protobuf text format with the parser's first error located, for config and library files.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace progsearch::proto {

// Merges `text` into `message`; InvalidArgument "FILE:LINE:COL: message" on the first error.
absl::Status MergeTextFormat(std::string_view text, std::string_view filename, google::protobuf::Message& message);

}  // namespace progsearch::proto
