// libFuzzer target: the SyGuS reader must never crash, and whatever it accepts must survive
// write -> read unchanged. Built by `make fuzz` (clang, ASan); not part of `make test`.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/sygus.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto task = progsearch::ParseSygus(text, "fuzz.sl");
  if (!task.ok()) {
    // Every rejection is located.
    if (task.status().message().find("fuzz.sl:") != 0) std::abort();
    return 0;
  }
  std::string written = progsearch::WriteSygus(*task);
  auto again = progsearch::ParseSygus(written, "rewritten.sl");
  if (!again.ok() || progsearch::WriteSygus(*again) != written) std::abort();
  return 0;
}
