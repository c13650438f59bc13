// progsearch public API: discovery of approximations of a math function, as `progsearch discover` does
// it: regularized evolution of straight-line programs of + - * / fma (and sqrt) against MPFR ground
// truth, with minimax constant fitting, next to the classical minimax baselines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/program.h"

namespace progsearch {

struct DiscoverOptions {
  double low = 0, high = 1;  // the interval
  int max_ops = 16;          // largest operation count (fma counts 2)
  double seconds = 60;       // wall-clock budget
  uint64_t max_cycles = 0;   // 0: none; with a seed, a cycle budget reproduces a run exactly
  uint64_t seed = 1;
  int threads = 0;           // 0: every core; the result does not depend on it
  bool float32 = false;      // programs run in float arithmetic, error in ULPs, checked at every float
  bool allow_sqrt = false;
  bool seed_classical = true;  // start from the minimax polynomials and rationals
  // The front measured again at this many evenly spaced points against MPFR (0: not checked).
  uint64_t dense_points = 1000000;
};

struct ApproximationPoint {
  int ops = 0;
  double max_rel_error = 0;  // on the dense grid, in double arithmetic
  double float32_ulps = -1;  // at every float of the interval, where checked (float32 mode); -1 otherwise
  Program program;           // of x
  double dense_max_rel_error = -1;  // at DiscoverOptions::dense_points points against MPFR (front); -1: not checked
};

struct DiscoverResult {
  std::vector<ApproximationPoint> front;    // by operation count, each better than every shorter one
  std::vector<ApproximationPoint> minimax;  // the minimax polynomials (Horner), same counting
  std::string stop_reason;
  uint64_t cycles = 0;
  double seconds = 0;
};

// `target`: exp exp2 log log2 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression of x such as
// "(* x (sin x))". Throws Error for an unknown target, an empty interval or bad options.
PROGSEARCH_API DiscoverResult Discover(const std::string& target, const DiscoverOptions& options = {});

}  // namespace progsearch
