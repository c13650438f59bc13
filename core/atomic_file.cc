#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/str_cat.h"

namespace progsearch {
namespace {

absl::Status CannotWrite(const std::string& path, int error, const std::string& what = "") {
  return absl::PermissionDeniedError(
      StrCat(what.empty() ? "" : what + ": ", path, ": cannot write: ", std::strerror(error)));
}

// Writes all of `bytes` to `fd`; the errno of the failure, or 0.
int WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<size_t>(n);
  }
  return 0;
}

// Refuses to replace what is not a regular file: a folder, or a device such as /dev/null that a rename
// would put a file in place of.
absl::Status CheckReplaceable(const std::string& path, const std::string& what) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) return absl::OkStatus();
  if (S_ISDIR(st.st_mode)) return CannotWrite(path, EISDIR, what);
  return absl::PermissionDeniedError(StrCat(what.empty() ? "" : what + ": ", path,
                                            ": cannot write: not a regular file (a device, pipe or socket)"));
}

// The folder `path` would be written in ("." for a bare name).
std::string FolderOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Why files cannot be created in `folder` (an errno), or 0.
int FolderError(const std::string& folder) {
  struct stat st;
  if (::stat(folder.c_str(), &st) != 0) return errno;
  if (!S_ISDIR(st.st_mode)) return ENOTDIR;
  if (::access(folder.c_str(), W_OK | X_OK) != 0) return errno;
  return 0;
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  if (absl::Status s = CheckReplaceable(path, ""); !s.ok()) return s;
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    // The user's name, not the temporary's: a folder that does not exist is reported for both alike.
    return CannotWrite(path, errno);
  }
  int error = WriteAll(fd, bytes);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    return CannotWrite(path, error);
  }
  return absl::OkStatus();
}

absl::Status CheckWritablePath(const std::string& path, const std::string& what) {
  if (path.empty()) return absl::InvalidArgumentError(StrCat(what.empty() ? "" : what + ": ", "an empty file name"));
  if (absl::Status s = CheckReplaceable(path, what); !s.ok()) return s;
  const int error = FolderError(FolderOf(path));
  return error == 0 ? absl::OkStatus() : CannotWrite(path, error, what);
}

absl::Status CheckWritableFolder(const std::string& folder, const std::string& what) {
  const int error = FolderError(folder);
  return error == 0 ? absl::OkStatus() : CannotWrite(folder, error, what);
}

}  // namespace progsearch
