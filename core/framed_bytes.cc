#include "core/framed_bytes.h"

#include <xxhash.h>

#include <cstdint>

namespace progsearch {
namespace {

constexpr size_t kMagicSize = 8;
constexpr size_t kHeader = kMagicSize + 2 * sizeof(uint64_t);

// Little-endian on every machine, so files move between them.
void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetU64(std::string_view in, size_t at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

}  // namespace

std::string FrameBytes(std::string_view magic, std::string_view payload) {
  std::string out(magic.substr(0, kMagicSize));
  out.resize(kMagicSize, '\0');
  PutU64(out, payload.size());
  PutU64(out, XXH64(payload.data(), payload.size(), 0));
  out.append(payload);
  return out;
}

std::optional<std::string_view> UnframeBytes(std::string_view magic, std::string_view bytes) {
  if (bytes.size() < kHeader || bytes.substr(0, kMagicSize) != magic.substr(0, kMagicSize)) return std::nullopt;
  const uint64_t size = GetU64(bytes, kMagicSize);
  if (bytes.size() - kHeader != size) return std::nullopt;
  const std::string_view payload = bytes.substr(kHeader);
  if (XXH64(payload.data(), payload.size(), 0) != GetU64(bytes, kMagicSize + 8)) return std::nullopt;
  return payload;
}

}  // namespace progsearch
