// A wall-clock deadline that long computations poll cheaply, and that a stop request (Ctrl-C, SIGTERM,
// a caller's cancel) can bring forward: every search that polls a deadline is interruptible through it.
#pragma once

#include <atomic>
#include <chrono>
#include <cmath>

namespace progsearch {

// Whether a stop flag (SIGINT, SIGTERM, a caller's cancel) is set; a null flag never is. Every search and
// check polls its interrupt this way.
inline bool StopRequested(const std::atomic<bool>* flag) {
  return flag != nullptr && flag->load(std::memory_order_relaxed);
}

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  // Limits this long or longer are no limit at all: a steady clock's nanoseconds overflow near 292 years,
  // and nobody waits 30 years for a search.
  static constexpr double kUnlimitedSeconds = 1e9;

  // No deadline: never expires (unless a stop flag is attached).
  Deadline() : at_(Clock::time_point::max()) {}
  // `d` from now. Saturates: a duration of kUnlimitedSeconds or more (or NaN) never expires, a negative
  // one has already expired.
  static Deadline In(std::chrono::duration<double> d) {
    Deadline x;
    if (d.count() < kUnlimitedSeconds) x.at_ = Clock::now() + ToClockDuration(d.count());
    return x;
  }
  // The "seconds, 0 for no limit" convention of the options: 0 or infinity never expires, any finite
  // positive value means at most that long.
  static Deadline AfterSeconds(double seconds) {
    return seconds == 0 ? Never() : In(std::chrono::duration<double>(seconds));
  }
  static Deadline Never() { return Deadline(); }

  // The same deadline, also expired once `*stop` is true (nullptr: none). The flag must outlive every
  // copy of the deadline.
  Deadline StoppedBy(const std::atomic<bool>* stop) const {
    Deadline x = *this;
    x.stop_ = stop;
    return x;
  }

  bool expired() const { return stopped() || (at_ != Clock::time_point::max() && Clock::now() >= at_); }
  // Whether the stop flag ended it: the caller reports "interrupted" rather than "timeout".
  bool stopped() const { return StopRequested(stop_); }
  // No time limit (a stop flag may still end it).
  bool unlimited() const { return at_ == Clock::time_point::max(); }
  // Seconds until the deadline (negative once past; a huge number when unlimited).
  double seconds_left() const {
    if (unlimited()) return 1e18;
    return std::chrono::duration<double>(at_ - Clock::now()).count();
  }

  // `seconds` as the clock's duration, saturating at about kUnlimitedSeconds in both directions (so a
  // time point built from it cannot overflow).
  static Clock::duration ToClockDuration(double seconds) {
    const double clamped = std::isnan(seconds) ? kUnlimitedSeconds
                                               : std::fmax(-kUnlimitedSeconds, std::fmin(seconds, kUnlimitedSeconds));
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(clamped));
  }

 private:
  Clock::time_point at_;
  const std::atomic<bool>* stop_ = nullptr;
};

}  // namespace progsearch
