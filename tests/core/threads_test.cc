#include "core/threads.h"

#include <sched.h>

#include <catch2/catch.hpp>

namespace progsearch {

TEST_CASE("a positive thread count is kept, and 0 or below means every core this process may use", "[core][threads]") {
  CHECK(ThreadsOrEveryCore(1) == 1);
  CHECK(ThreadsOrEveryCore(7) == 7);
  CHECK(ThreadsOrEveryCore(0) == AvailableCores());
  CHECK(ThreadsOrEveryCore(-3) == AvailableCores());
  CHECK(AvailableCores() >= 1);
}

TEST_CASE("every core is the affinity mask, not the machine's core count", "[core][threads]") {
  // Narrow this process to one CPU (as taskset -c or a Slurm step with one CPU would), then restore it.
  cpu_set_t saved;
  REQUIRE(sched_getaffinity(0, sizeof saved, &saved) == 0);
  int first = 0;
  while (!CPU_ISSET(first, &saved)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
  const int narrowed = AvailableCores();
  REQUIRE(sched_setaffinity(0, sizeof saved, &saved) == 0);
  CHECK(narrowed == 1);
  CHECK(AvailableCores() == CPU_COUNT(&saved));
}

}  // namespace progsearch
