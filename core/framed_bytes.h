// Files that must be read whole or not at all (batch records, guide models): an 8-byte magic that names
// the kind of file, the payload's length and its xxHash64, then the payload. A cut, padded or altered
// file fails to unframe instead of parsing into something else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace progsearch {

// `magic` is exactly 8 bytes.
std::string FrameBytes(std::string_view magic, std::string_view payload);
// The payload, or nullopt when the magic, length or checksum does not hold.
std::optional<std::string_view> UnframeBytes(std::string_view magic, std::string_view bytes);

}  // namespace progsearch
