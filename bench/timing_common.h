// What the C timing programs of bench/ share: a monotonic clock and the comparison qsort sorts times with.
#ifndef PROGSEARCH_BENCH_TIMING_COMMON_H_
#define PROGSEARCH_BENCH_TIMING_COMMON_H_

#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int by_value(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

#endif  // PROGSEARCH_BENCH_TIMING_COMMON_H_
