#include "batch/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "core/deadline.h"
#include "core/str_cat.h"

namespace progsearch::batch {
namespace {

// Appends `data` to `tail`, keeping its last `keep` bytes.
void KeepTail(std::string& tail, const char* data, size_t size, size_t keep) {
  tail.append(data, size);
  if (tail.size() > 2 * keep + 4096) tail.erase(0, tail.size() - keep);
}

}  // namespace

absl::StatusOr<ProcessResult> RunProcess(const std::string& exe, const std::vector<std::string>& args,
                                         double timeout_seconds, size_t keep_out, size_t keep_err,
                                         const std::atomic<bool>* interrupt) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(exe.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::array<int, 2> out_pipe{}, err_pipe{};
  if (pipe2(out_pipe.data(), O_CLOEXEC) != 0 || pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    return absl::UnknownError(StrCat("pipe: ", std::strerror(errno)));
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) return absl::UnknownError(StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    // Only async-signal-safe calls until exec: the parent may have threads.
    setpgid(0, 0);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also here, so the group exists before any kill below
  close(out_pipe[1]);
  close(err_pipe[1]);
  ProcessResult result;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    if (!result.interrupted && StopRequested(interrupt)) {
      result.interrupted = true;
      kill(-pid, SIGTERM);
    }
    // With an interrupt to watch, wake up every 100 ms to look at it.
    int wait_ms = interrupt != nullptr && !result.interrupted ? 100 : -1;
    if (timeout_seconds > 0 && !result.timed_out) {
      const double left = timeout_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (left <= 0) {
        result.timed_out = true;
        kill(-pid, SIGKILL);
      } else {
        const int until_limit = static_cast<int>(left * 1000) + 1;
        wait_ms = wait_ms < 0 ? until_limit : std::min(wait_ms, until_limit);
      }
    }
    if (poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        KeepTail(i == 0 ? result.out : result.err, buffer, static_cast<size_t>(n), i == 0 ? keep_out : keep_err);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The signal may have reached the child straight from the sender (Slurm signals every process of the
  // job) and ended it before the loop above saw the flag: the run was cut short all the same.
  if (StopRequested(interrupt)) result.interrupted = true;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (result.out.size() > keep_out) result.out.erase(0, result.out.size() - keep_out);
  if (result.err.size() > keep_err) result.err.erase(0, result.err.size() - keep_err);
  return result;
}

}  // namespace progsearch::batch
