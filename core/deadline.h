// A wall-clock deadline that long computations poll cheaply.
#pragma once

#include <chrono>

namespace progsearch {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  // No deadline: never expires.
  Deadline() : at_(Clock::time_point::max()) {}
  static Deadline In(std::chrono::duration<double> d) {
    Deadline x;
    x.at_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(d);
    return x;
  }
  static Deadline Never() { return Deadline(); }
  bool expired() const { return at_ != Clock::time_point::max() && Clock::now() >= at_; }
  bool unlimited() const { return at_ == Clock::time_point::max(); }
  // Seconds until the deadline (negative once past; a huge number when unlimited).
  double seconds_left() const {
    if (unlimited()) return 1e18;
    return std::chrono::duration<double>(at_ - Clock::now()).count();
  }

 private:
  Clock::time_point at_;
};

}  // namespace progsearch
