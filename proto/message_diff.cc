#include "proto/message_diff.h"

#include <vector>

#include <google/protobuf/text_format.h>

namespace progsearch {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string DefaultText(const Message& m, const FieldDescriptor* field) {
  if (!field->is_repeated()) {
    std::string value;
    google::protobuf::TextFormat::PrintFieldValueToString(m, field, -1, &value);
    return value;
  }
  std::string out = "[";
  const int n = m.GetReflection()->FieldSize(m, field);
  for (int i = 0; i < n; ++i) {
    std::string value;
    google::protobuf::TextFormat::PrintFieldValueToString(m, field, i, &value);
    out += (i ? ", " : "") + value;
  }
  return out + "]";
}

void Collect(const Message& saved, const Message& now, const FieldText& text, const std::string& prefix,
             std::vector<std::string>& diffs) {
  const google::protobuf::Descriptor* d = now.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* field = d->field(i);
    const std::string name = prefix + field->name();
    const bool custom = text && text(now, field, true).has_value();
    if (!custom && field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated()) {
      Collect(saved.GetReflection()->GetMessage(saved, field), now.GetReflection()->GetMessage(now, field), text,
              name + ".", diffs);
      continue;
    }
    auto shown = [&](const Message& m, bool canonical) {
      std::optional<std::string> t = custom ? text(m, field, canonical) : std::nullopt;
      return t ? *t : DefaultText(m, field);
    };
    if (shown(saved, true) != shown(now, true)) {
      diffs.push_back(name + "=" + shown(saved, false) + " (this run: " + name + "=" + shown(now, false) + ")");
    }
  }
}

}  // namespace

std::string MessageDifferences(const Message& saved, const Message& now, const FieldText& text) {
  std::vector<std::string> diffs;
  Collect(saved, now, text, "", diffs);
  std::string out;
  for (const std::string& d : diffs) out += (out.empty() ? "" : ", ") + d;
  return out;
}

}  // namespace progsearch
