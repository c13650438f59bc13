// PROGSEARCH_DCHECK(condition): an invariant the code assumes where a value is narrowed or taken on
// trust, checked in Debug builds and in sanitizer builds (PROGSEARCH_DCHECKS, which the build defines
// with PROGSEARCH_SANITIZE) and compiled out of Release builds, whose hot loops it would slow. A failed
// check prints the condition and where it is, then aborts: it is a bug in progsearch, never bad input
// (bad input gets a Status).
#pragma once

#include <cstdio>
#include <cstdlib>

#if !defined(NDEBUG) || defined(PROGSEARCH_DCHECKS)
#define PROGSEARCH_DCHECK_IS_ON 1
#else
#define PROGSEARCH_DCHECK_IS_ON 0
#endif

namespace progsearch::internal {

[[noreturn]] inline void DcheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: PROGSEARCH_DCHECK failed: %s\n", file, line, condition);
  std::abort();
}

}  // namespace progsearch::internal

#if PROGSEARCH_DCHECK_IS_ON
#define PROGSEARCH_DCHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::progsearch::internal::DcheckFailed(#condition, __FILE__, __LINE__))
#else
// The condition still compiles (so it cannot rot) but is never evaluated.
#define PROGSEARCH_DCHECK(condition) static_cast<void>(sizeof(static_cast<bool>(condition)))
#endif
