#include "core/threads.h"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace progsearch {

int AvailableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int allowed = CPU_COUNT(&set);
    if (allowed > 0) return allowed;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int ThreadsOrEveryCore(int threads) { return threads > 0 ? threads : AvailableCores(); }

}  // namespace progsearch
