#include "core/atomic_file.h"

#include <filesystem>
#include <fstream>

#include "core/str_cat.h"

namespace progsearch {

absl::Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return absl::PermissionDeniedError(StrCat(tmp, ": cannot write"));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;  // a folder where the temporary file should be is not removed
    if (!std::filesystem::is_directory(tmp, ignored)) std::filesystem::remove(tmp, ignored);
    return absl::PermissionDeniedError(StrCat(path, ": cannot write: ", ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace progsearch
