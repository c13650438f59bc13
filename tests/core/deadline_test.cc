#include "core/deadline.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace progsearch {

TEST_CASE("any finite limit means at most that long, and 0 or infinity none", "[core][deadline]") {
  // 1e10 s overflowed a steady clock's int64 nanoseconds (past about 9.2e9 s) into a deadline already past.
  for (double seconds : {1e10, 9.3e9, 1e18, 1e308, std::numeric_limits<double>::max()}) {
    INFO(seconds);
    CHECK_FALSE(Deadline::In(std::chrono::duration<double>(seconds)).expired());
    CHECK_FALSE(Deadline::AfterSeconds(seconds).expired());
  }
  CHECK(Deadline::AfterSeconds(0).unlimited());
  CHECK(Deadline::AfterSeconds(INFINITY).unlimited());
  CHECK_FALSE(Deadline::AfterSeconds(3600).unlimited());
  CHECK(Deadline::AfterSeconds(3600).seconds_left() > 3590);
  CHECK(Deadline::In(std::chrono::duration<double>(-1)).expired());
  CHECK(Deadline::In(std::chrono::duration<double>(-1e300)).expired());
  CHECK(Deadline::ToClockDuration(1e300) > std::chrono::hours(24 * 365 * 30));
  CHECK(Deadline::ToClockDuration(-1e300) < std::chrono::hours(-24 * 365 * 30));
}

TEST_CASE("a stop flag brings any deadline forward and says it did", "[core][deadline]") {
  std::atomic<bool> stop{false};
  const Deadline never = Deadline::Never().StoppedBy(&stop);
  const Deadline hour = Deadline::AfterSeconds(3600).StoppedBy(&stop);
  CHECK_FALSE(never.expired());
  CHECK_FALSE(hour.expired());
  CHECK_FALSE(hour.stopped());
  stop = true;
  CHECK(never.expired());
  CHECK(hour.expired());
  CHECK(hour.stopped());
  CHECK(never.unlimited());  // the time limit is still none: the flag, not the clock, ended it
  // A deadline passed by the clock is not "stopped".
  std::atomic<bool> quiet{false};
  const Deadline past = Deadline::In(std::chrono::duration<double>(-1)).StoppedBy(&quiet);
  CHECK(past.expired());
  CHECK_FALSE(past.stopped());
}

}  // namespace progsearch
