// PROGSEARCH_DCHECK as both kinds of build compile it: this file turns the checks on before including
// core/check.h, so the failing side is tested in every build; the Release side is compiled in
// check_off_test.cc.
#define PROGSEARCH_DCHECKS 1

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

#include "catch2/catch.hpp"
#include "core/check.h"

namespace progsearch {
namespace {

// Runs `body` in a child process; returns how it ended (waitpid's status) and what it wrote to stderr.
template <typename Body>
std::pair<int, std::string> InChild(Body body) {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    body();
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string err;
  char buffer[256];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {status, err};
}

TEST_CASE("a failed DCHECK names the condition and where it is, then aborts", "[core][check]") {
  STATIC_REQUIRE(PROGSEARCH_DCHECK_IS_ON == 1);
  const auto [status, err] = InChild([] {
    const int nonterminal = 70000;
    PROGSEARCH_DCHECK(nonterminal <= 65535);
  });
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGABRT);
  CHECK(err.find("check_test.cc:") != std::string::npos);
  CHECK(err.find("PROGSEARCH_DCHECK failed: nonterminal <= 65535") != std::string::npos);
}

TEST_CASE("a DCHECK that holds does nothing", "[core][check]") {
  const auto [status, err] = InChild([] { PROGSEARCH_DCHECK(1 + 1 == 2); });
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(err.empty());
}

}  // namespace
}  // namespace progsearch
