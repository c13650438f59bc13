// Nanoseconds per call of a `progsearch libm` function against glibc's function of the same name, in one
// process, on four input distributions:
//   a: uniform in value over the range where the result is a normal float;
//   b: uniform over the 2^32 bit patterns (every class: NaN, infinities, zeros, subnormals);
//   c: uniform on [0, 1];
//   d: a realistic range: |x| < 10 for exp, (0, 1e6) for log.
// Build (bench/libm.sh): -include the header, -DOURS=progsearch_expf -DGLIBC=expf -DLOG_FAMILY=0|1, the
// loop flags under test, and libm_glibc_loop.c (glibc's function in a file of its own, so that -ffast-math
// may send it to libmvec without touching ours). Prints "DIST ours NS glibc NS" per distribution:
// medians of 31 repetitions over 2^20 inputs, the two loops taking turns.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timing_common.h"

#define N (1 << 20)
static float in[N], out[N];

void glibc_loop(const float* x, float* y, int n);

__attribute__((noinline)) static void our_loop(const float* x, float* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = OURS(x[i]);
}

// The medians over repetitions of the time per call of both loops, run in turn so that the machine's
// drifts (frequency, neighbours) reach both alike; the outputs' sum keeps the loops alive.
static void time_loops(double* ours, double* glibc, double* sink) {
  enum { kRepetitions = 31 };
  double t[2][kRepetitions];
  for (int r = 0; r < kRepetitions; ++r) {
    for (int which = 0; which < 2; ++which) {
      const double start = now();
      (which ? glibc_loop : our_loop)(in, out, N);
      t[which][r] = (now() - start) / N * 1e9;
      const float v = out[r * 4099 % N];
      *sink += v == v ? v : 0;
    }
  }
  qsort(t[0], kRepetitions, sizeof t[0][0], by_value);
  qsort(t[1], kRepetitions, sizeof t[1][0], by_value);
  *ours = t[0][kRepetitions / 2];
  *glibc = t[1][kRepetitions / 2];
}

// xorshift64*: the same inputs on every run.
static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545F4914F6CDD1Dull;
}
static double uniform(double low, double high) { return low + (high - low) * (double)(next() >> 11) * 0x1p-53; }

static void fill(char dist) {
  for (int i = 0; i < N; ++i) {
    float x = 0;
    switch (dist) {
      case 'a':
        x = LOG_FAMILY ? (float)uniform(0x1p-126, 0x1.fffffep127) : (float)uniform(NORMAL_LOW, NORMAL_HIGH);
        break;
      case 'b': {
        const uint32_t bits = (uint32_t)(next() >> 32);
        memcpy(&x, &bits, sizeof x);
        break;
      }
      case 'c':
        x = (float)uniform(0, 1);
        break;
      default:
        x = LOG_FAMILY ? (float)uniform(0x1p-20, 1e6) : (float)uniform(-10, 10);
        break;
    }
    in[i] = x;
  }
}

int main(void) {
  double sink = 0;
  for (const char* d = "abcd"; *d; ++d) {
    fill(*d);
    double ours = 0, glibc = 0;
    time_loops(&ours, &glibc, &sink);  // warm-up
    time_loops(&ours, &glibc, &sink);
    printf("%c ours %.3f glibc %.3f\n", *d, ours, glibc);
  }
  return sink == 12345.678;  // never: the outputs were used
}
