// ParallelFor: the iterations [begin, end) of `body` on the threads of the current TBB arena.
//
// Under ThreadSanitizer the iterations run on plain std::threads instead (the caller's thread takes its
// share): libtbb is not instrumented, so TSan cannot see the ordering TBB's scheduler guarantees and
// reports its own internals and every read a worker makes of the caller's data. With threads it sees
// (their start and join), TSan checks what matters here: what the iterations share with each other and
// with the caller.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include "tbb/parallel_for.h"
#include "tbb/task_arena.h"

// PROGSEARCH_TSAN comes from the build (CMakeLists.txt), which hides __SANITIZE_THREAD__ from protobuf.
#if !defined(PROGSEARCH_TSAN) && defined(__SANITIZE_THREAD__)
#define PROGSEARCH_TSAN 1
#elif !defined(PROGSEARCH_TSAN) && defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PROGSEARCH_TSAN 1
#endif
#endif

namespace progsearch {

template <typename Body>
void ParallelFor(size_t begin, size_t end, const Body& body) {
#ifdef PROGSEARCH_TSAN
  if (end <= begin) return;
  const size_t stride =
      std::min<size_t>(end - begin, static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency())));
  auto share = [&](size_t first) {
    for (size_t i = first; i < end; i += stride) body(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < stride; ++t) pool.emplace_back(share, begin + t);
  share(begin);
  for (std::thread& thread : pool) thread.join();
#else
  tbb::parallel_for(begin, end, body);
#endif
}

}  // namespace progsearch
