#include "core/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/str_cat.h"

namespace progsearch {
namespace {

// Closes a descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

absl::Status OpenError(const std::string& path, int error) {
  const std::string message = StrCat(path, ": cannot open: ", std::strerror(error));
  return error == EACCES || error == EPERM ? absl::PermissionDeniedError(message) : absl::NotFoundError(message);
}

// Refuses what stat says is no file to read.
absl::Status CheckKind(const std::string& path, const struct stat& st) {
  if (S_ISDIR(st.st_mode)) return absl::InvalidArgumentError(StrCat(path, ": is a directory"));
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    return absl::InvalidArgumentError(StrCat(path, ": is a device, not a file"));
  }
  if (S_ISSOCK(st.st_mode)) return absl::InvalidArgumentError(StrCat(path, ": is a socket, not a file"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("an empty file name");
  // The kind first: opening a device can have effects of its own (a tape rewinds, a terminal waits).
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return OpenError(path, errno);
  if (absl::Status s = CheckKind(path, st); !s.ok()) return s;
  // A pipe's open waits for its writer, as `cat` does.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return OpenError(path, errno);
  std::string bytes;
  if (S_ISREG(st.st_mode) && st.st_size > 0) bytes.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(StrCat(path, ": read error: ", std::strerror(errno)));
    }
    bytes.append(buffer, static_cast<size_t>(n));
  }
  return bytes;
}

}  // namespace progsearch
