// A run's configuration as the CLI assembles it: the command's defaults, then a text-format file
// (--config FILE), then the flags given, each overriding the one before field by field (proto2 merge:
// only fields that are set). --print-config writes the result, which --config reads back.
#pragma once

#include <sstream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace progsearch::cli {

// Merges the text-format message in `path` into `message`. InvalidArgument with file:line:column for a
// malformed file or an unknown field, NotFound for a file that cannot be read.
absl::Status MergeConfigFile(const std::string& path, google::protobuf::Message& message);

// `defaults`, then the file (if `path` is not empty), then `flags`.
template <typename Message>
absl::StatusOr<Message> AssembleConfig(const Message& defaults, const std::string& path, const Message& flags) {
  Message config = defaults;
  if (!path.empty()) {
    if (absl::Status s = MergeConfigFile(path, config); !s.ok()) return s;
  }
  config.MergeFrom(flags);
  return config;
}

// The message in text format.
std::string ConfigText(const google::protobuf::Message& message);

// Prints a result message as one line of JSON on stdout: protobuf's JSON mapping with the proto's field
// names, every field printed (64-bit integers as strings, as the mapping has it). Internal if the
// mapping fails.
absl::Status PrintJsonLine(const google::protobuf::Message& message);

// --NAME setting one field of a config message through `set`, with the field's default shown in --help.
template <typename T, typename Set>
CLI::Option* Field(CLI::App& cmd, const std::string& names, Set set, const std::string& help, const T& default_value) {
  std::ostringstream shown;
  shown << default_value;
  return cmd.add_option_function<T>(names, set, help)->default_str(shown.str());
}

// --config FILE and --print-config for a subcommand.
void AddConfigOptions(CLI::App& cmd, std::string& path, bool& print, const std::string& message_name);

}  // namespace progsearch::cli
