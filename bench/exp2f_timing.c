// Nanoseconds per call of a discovered float exp2 (a header written by `progsearch discover --emit-c`,
// given with -include) against glibc's exp2f, on 2^20 floats spread over [0, 1], in one process.
// Built by bench/discover_frontier.sh three ways: vectorizable loops, scalar loops (-fno-tree-vectorize),
// and glibc's exp2f in a loop built with -ffast-math (bench/exp2f_glibc_loop.c, its own file), where GCC
// calls libmvec's vector exp2f. Prints one line: "ours NS glibc NS" (medians of 21 repetitions).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "timing_common.h"

#define N (1 << 20)
static float in[N], out[N];

void glibc_loop(const float* x, float* y, int n);

__attribute__((noinline)) static void our_loop(const float* x, float* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = progsearch_exp2(x[i]);
}

// The median over repetitions of the time per call; the sum of the outputs keeps the loops alive.
static double time_loop(void (*loop)(const float*, float*, int), double* sink) {
  enum { kRepetitions = 21 };
  double t[kRepetitions];
  for (int r = 0; r < kRepetitions; ++r) {
    const double start = now();
    loop(in, out, N);
    t[r] = (now() - start) / N * 1e9;
    *sink += out[r * 4099 % N];
  }
  qsort(t, kRepetitions, sizeof t[0], by_value);
  return t[kRepetitions / 2];
}

int main(void) {
  for (int i = 0; i < N; ++i) in[i] = (float)i / (N - 1);
  double sink = 0;
  time_loop(our_loop, &sink);  // warm-up
  time_loop(glibc_loop, &sink);
  const double ours = time_loop(our_loop, &sink), glibc = time_loop(glibc_loop, &sink);
  printf("ours %.3f glibc %.3f\n", ours, glibc);
  return sink == 12345.678;  // never: the outputs were used
}
