// Long API calls run the engine on a thread of their own while the caller's thread polls: the caller's
// progress callback then runs on the caller's thread, at a steady pace, in every phase of the work (a
// CEGIS round, an exhaustive float32 check), so a Python caller's Ctrl-C is seen within a second.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <utility>

namespace progsearch {

// Where the engine stands, written by its thread and read by the caller's: a `Progress` (the API's
// SynthesisProgress or DiscoverProgress, with a `seconds` member) behind a lock.
template <typename Progress>
class ProgressRelay {
 public:
  explicit ProgressRelay(Progress first = {}) : latest_(std::move(first)), start_(std::chrono::steady_clock::now()) {}

  // From the engine's thread: `update(progress)` changes the latest state.
  template <typename Update>
  void Record(Update&& update) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(latest_);
  }

  // A poll for RunPolled that hands the latest state, its seconds since the relay began, to `callback`;
  // empty without a callback.
  std::function<bool()> Poll(const std::function<bool(const Progress&)>& callback) {
    if (!callback) return nullptr;
    return [this, &callback] {
      Progress now;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        now = latest_;
      }
      now.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      return callback(now);
    };
  }

 private:
  std::mutex mutex_;
  Progress latest_;
  const std::chrono::steady_clock::time_point start_;
};

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
