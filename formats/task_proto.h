// Conversion of tasks and programs to their protobuf messages (for --json output and, later, results).
#pragma once

#include "dsl/task.h"
#include "proto/progsearch.pb.h"

namespace progsearch {

proto::Task TaskToProto(const Task& task);
proto::Program ProgramToProto(const Term& body, const std::vector<Declaration>& params);

}  // namespace progsearch
