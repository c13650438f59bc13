#include "apps/run_config.h"

#include <iostream>
#include <sstream>

#include "core/read_file.h"
#include "core/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "proto/text_format.h"

namespace progsearch::cli {
absl::Status MergeConfigFile(const std::string& path, google::protobuf::Message& message) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  if (absl::Status s = proto::MergeTextFormat(*text, path, message); !s.ok()) {
    return absl::InvalidArgumentError(
        StrCat(s.message(), " (a text-format ", message.GetDescriptor()->name(), ")"));
  }
  return absl::OkStatus();
}

std::string ConfigText(const google::protobuf::Message& message) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(message, &text);
  return text;
}

absl::Status PrintJsonLine(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = true;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, print);
  if (!status.ok()) {
    return absl::InternalError(
        StrCat("cannot print a ", message.GetDescriptor()->name(), " as JSON: ", std::string(status.message())));
  }
  std::cout << json << "\n";
  return absl::OkStatus();
}

void AddConfigOptions(CLI::App& cmd, std::string& path, bool& print, const std::string& message_name) {
  cmd.add_option("--config", path,
                 StrCat("Read the run's settings from this text-format ", message_name,
                        " (proto/config.proto); flags given override it"));
  cmd.add_flag("--print-config", print,
               StrCat("Print the run's settings as a text-format ", message_name, " (for --config) and exit"));
}

}  // namespace progsearch::cli
