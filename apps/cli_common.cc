#include "apps/cli_common.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "core/atomic_file.h"
#include "core/str_cat.h"

namespace progsearch::cli {
namespace {

std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);  // so the handler may store to it
extern "C" void RequestStop(int) { stop_requested.store(true); }

}  // namespace

absl::Status CheckOutputPaths(std::initializer_list<std::pair<std::string_view, std::string>> outputs) {
  for (const auto& [option, path] : outputs) {
    if (path.empty()) continue;
    if (absl::Status s = CheckWritablePath(path, std::string(option)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

int WriteResult(const std::string& json, const std::string& out, int code) {
  if (!out.empty()) {
    absl::Status s = WriteFileAtomically(out, json);
    if (s.ok()) return code;
    code = ReportError(s);
    std::cerr << "progsearch: the result follows on standard output instead\n";
  }
  std::cout << json;
  return code;
}

absl::Status FlushStandardOutput() {
  errno = 0;
  std::cout.flush();  // through to stdio: a failure here sets errno
  const int first = errno;
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) || std::cout.fail();
  if (!failed) return absl::OkStatus();
  const int error = first != 0 ? first : errno;
  return absl::InvalidArgumentError(
      StrCat("cannot write to standard output: ", error != 0 ? std::strerror(error) : "write error"));
}

const std::atomic<bool>* StopOnSignals() {
  static const bool installed = [] {
    std::signal(SIGINT, RequestStop);
    std::signal(SIGTERM, RequestStop);
    return true;
  }();
  (void)installed;
  return &stop_requested;
}

}  // namespace progsearch::cli
