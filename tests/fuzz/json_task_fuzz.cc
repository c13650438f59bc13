// libFuzzer target: the JSON task reader must never crash; every rejection is located, and what it
// accepts becomes a task through the SyGuS reader without an internal error (a generated grammar that
// does not read back would be one). Built by `make fuzz` (clang, ASan); not part of `make test`.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/json_task.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto task = progsearch::ParseJsonTask(text, "fuzz.json");
  if (!task.ok()) {
    if (absl::IsInternal(task.status()) || task.status().message().find("fuzz.json:") != 0) std::abort();
    return 0;
  }
  if (task->synth_funs.size() != 1 || task->examples.empty()) std::abort();
  return 0;
}
