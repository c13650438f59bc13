#include "apps/parse_command.h"

#include <iostream>

#include "apps/cli_common.h"
#include "dsl/inline_macros.h"
#include "formats/json_task.h"
#include "formats/sygus.h"
#include "formats/task_proto.h"
#include "google/protobuf/util/json_util.h"

namespace progsearch::cli {

void AddParseCommand(CLI::App& app, ParseOptions& options) {
  CLI::App* cmd =
      app.add_subcommand("parse", "Read a SyGuS-IF file and print the task: functions, grammar, examples or spec");
  cmd->add_option("file", options.file, kTaskFileHelp)->required();
  CLI::Option* json = cmd->add_flag("--json", options.json, "Print the task as JSON (the proto::Task message)");
  cmd->add_flag("--sygus", options.sygus, "Print the task back as SyGuS-IF v2")->excludes(json);
  cmd->add_flag("--inline", options.inline_macros, "Expand define-fun applications inside the constraints");
  cmd->add_option("--max-rows", options.max_rows, "Examples and constraints shown in the summary")
      ->capture_default_str();
}

int RunParse(const ParseOptions& options) {
  auto task = ReadTaskFile(options.file);
  if (!task.ok()) return ReportError(task.status());
  if (options.inline_macros) {
    for (TermPtr& s : task->spec) s = InlineMacros(s);
  }
  if (options.json) {
    std::string json;
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    print.preserve_proto_field_names = true;
    auto status = google::protobuf::util::MessageToJsonString(TaskToProto(*task), &json, print);
    if (!status.ok()) return ReportError(absl::InternalError(std::string(status.message())));
    std::cout << json;
    return kExitOk;
  }
  if (options.sygus) {
    std::cout << WriteSygus(*task);
    return kExitOk;
  }
  std::cout << DescribeTask(*task, options.max_rows);
  return kExitOk;
}

}  // namespace progsearch::cli
