#include "approx/check_control.h"

#include <algorithm>
#include <chrono>

#include "approx/math_target.h"
#include "core/deadline.h"

namespace progsearch {

absl::Status RunChunked(int threads, uint64_t total, const CheckControl& control,
                        const std::function<void(int thread, uint64_t from, uint64_t to)>& work) {
  // Small enough that a stop or a progress line comes within a fraction of a second, large enough that
  // the bookkeeping costs nothing next to the points' work.
  constexpr uint64_t kChunk = 1 << 14;
  threads = std::max(1, threads);
  std::atomic<uint64_t> done{0};
  std::atomic<bool> stopped{false};
  using Clock = std::chrono::steady_clock;
  Clock::time_point next_report = Clock::now() + std::chrono::milliseconds(250);
  RunReferenceThreads(threads, [&](int t) {
    const uint64_t end = total * static_cast<uint64_t>(t + 1) / static_cast<uint64_t>(threads);
    for (uint64_t from = total * static_cast<uint64_t>(t) / static_cast<uint64_t>(threads); from < end;) {
      if (StopRequested(control.interrupt)) {
        stopped = true;
        return;
      }
      const uint64_t to = std::min(end, from + kChunk);
      work(t, from, to);
      done += to - from;
      from = to;
      if (t == 0 && control.progress && Clock::now() >= next_report) {
        next_report = Clock::now() + std::chrono::milliseconds(250);
        control.progress(total ? static_cast<double>(done.load()) / static_cast<double>(total) : 1.0);
      }
    }
  });
  if (stopped) return absl::CancelledError("interrupted");
  return absl::OkStatus();
}

}  // namespace progsearch
