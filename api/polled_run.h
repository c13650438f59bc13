// Long API calls run the engine on a thread of their own while the caller's thread polls: the caller's
// progress callback then runs on the caller's thread, at a steady pace, in every phase of the work (a
// CEGIS round, an exhaustive float32 check), so a Python caller's Ctrl-C is seen within a second.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <utility>

namespace progsearch {

// Runs `work()` on a thread of its own; meanwhile the calling thread calls `poll()` about every
// `interval_seconds` until the work ends. When `poll` returns false, `stop` is set: `work` watches it (the
// engine's interrupt flag) and ends at its next check. What `work` throws is rethrown here, and an
// exception from `poll` sets `stop`, waits for the work and is then rethrown. Without a `poll`, `work`
// runs on the calling thread.
template <typename Work>
auto RunPolled(Work&& work, const std::function<bool()>& poll, std::atomic<bool>& stop, double interval_seconds) {
  if (!poll) return work();
  auto done = std::async(std::launch::async, std::forward<Work>(work));
  const auto interval = std::chrono::duration<double>(interval_seconds);
  while (done.wait_for(interval) != std::future_status::ready) {
    bool go_on = false;
    try {
      go_on = poll();
    } catch (...) {
      stop = true;
      done.wait();
      throw;
    }
    if (!go_on) stop = true;
  }
  return done.get();
}

}  // namespace progsearch
