// glibc's exp2f in a loop, for bench/exp2f_timing.c: built in its own file so that its flags (-ffast-math
// lets GCC call libmvec's vector exp2f) never touch the discovered program's arithmetic.
#include <math.h>

void glibc_loop(const float* x, float* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = exp2f(x[i]);
}
