// Field-by-field differences between two messages of one type: how a checkpoint written under other
// settings is refused with a message that names each setting that differs.
#ifndef PROGSEARCH_PROTO_MESSAGE_DIFF_H_
#define PROGSEARCH_PROTO_MESSAGE_DIFF_H_

#include <functional>
#include <optional>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace progsearch {

// A field's text where the default (its TextFormat value, the default when unset; repeated fields as
// "[a, b]") does not fit, or nullopt for the default. With `canonical`, the text two settings are
// compared in (which may differ from the one shown, e.g. a map with its neutral entries dropped).
using FieldText = std::function<std::optional<std::string>(const google::protobuf::Message& message,
                                                           const google::protobuf::FieldDescriptor* field,
                                                           bool canonical)>;

// "name=saved (this run: name=now), ..." for every field whose texts differ, nested messages'
// fields named "outer.inner"; empty when the two match. `saved` and `now` have the same type.
std::string MessageDifferences(const google::protobuf::Message& saved, const google::protobuf::Message& now,
                               const FieldText& text = nullptr);

}  // namespace progsearch

#endif  // PROGSEARCH_PROTO_MESSAGE_DIFF_H_
