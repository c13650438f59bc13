// glibc's function in a loop, for bench/libm_timing.c (-DGLIBC=expf): built in its own file so that its
// flags (-ffast-math lets GCC call libmvec's vector functions) never touch the generated function's.
// exp10f is a GNU extension.
#define _GNU_SOURCE
#include <math.h>

void glibc_loop(const float* x, float* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = GLIBC(x[i]);
}
