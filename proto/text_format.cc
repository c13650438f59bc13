#include "proto/text_format.h"

#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace progsearch::proto {
namespace {

// Keeps the parser's first error with its position (the parser counts lines and columns from 0).
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (message_.empty()) message_ = std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

absl::Status MergeTextFormat(std::string_view text, std::string_view filename, google::protobuf::Message& message) {
  FirstError errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.MergeFromString(std::string(text), &message)) {
    return absl::InvalidArgumentError(std::string(filename) + ":" +
                                      (errors.message().empty() ? "1:1: unreadable" : errors.message()));
  }
  return absl::OkStatus();
}

}  // namespace progsearch::proto
