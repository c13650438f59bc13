// How the long checks after a search (every float of an interval, a million MPFR points) report their
// progress and stop early: the search's --time does not bound them, so a user must see them and be able
// to end them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "absl/status/status.h"

namespace progsearch {

struct CheckControl {
  // Called on the calling thread about four times a second with the share of the work done, 0 to 1.
  std::function<void(double fraction)> progress;
  // Once true, the check stops after its current chunk of points and returns Cancelled.
  const std::atomic<bool>* interrupt = nullptr;
};

// Runs work(thread, from, to) over [0, total) on `threads` threads (each a contiguous share, in chunks),
// the threads releasing their MPFR caches as RunReferenceThreads does. Cancelled when `control` stopped
// it (some chunks then never ran).
absl::Status RunChunked(int threads, uint64_t total, const CheckControl& control,
                        const std::function<void(int thread, uint64_t from, uint64_t to)>& work);

}  // namespace progsearch
