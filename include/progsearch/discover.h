// progsearch public API: discovery of approximations of a math function, as `progsearch discover` does
// it: regularized evolution of straight-line programs of + - * / fma (and sqrt) against MPFR ground
// truth, with minimax constant fitting, next to the classical minimax baselines.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/program.h"

namespace progsearch {

// Where a discovery stands, for a progress display.
struct DiscoverProgress {
  // "search" (regularized evolution, bounded by `seconds`), then the checks after it, which `seconds` does
  // not bound: "float32 check" (every float of the interval) and "dense check" (dense_points MPFR points).
  std::string phase;
  uint64_t cycles = 0;     // search: evolution cycles run
  double best_error = 0;   // search: the best program's error so far (max relative error, or float32 ULPs)
  double fraction = 0;     // checks: the share of the phase done, 0 to 1
  double seconds = 0;      // since the call began
};

struct DiscoverOptions {
  double low = 0, high = 1;  // the interval
  int max_ops = 16;          // largest operation count (fma counts 2)
  double seconds = 60;       // wall-clock budget of the search (infinity: until max_cycles or a stop)
  uint64_t max_cycles = 0;   // 0: none; with a seed, a cycle budget reproduces a run exactly
  uint64_t seed = 1;
  int threads = 0;           // 0: every core; the result does not depend on it
  bool float32 = false;      // programs run in float arithmetic, error in ULPs, checked at every float
  bool allow_sqrt = false;
  bool seed_classical = true;  // start from the minimax polynomials and rationals
  // Search on t = x - c (c the target's simple zero in the interval, else its middle); each program then
  // computes t once, one operation more. Float64 only.
  bool centre = false;
  // The front measured again at this many evenly spaced points against MPFR (0: not checked).
  uint64_t dense_points = 1000000;
  // Called about twice a second on the calling thread (the work runs on a thread of its own), in every
  // phase; return false to stop: the search ends with stop_reason "interrupted", and checks not yet done
  // are skipped (those points keep float32_ulps / dense_max_rel_error -1).
  std::function<bool(const DiscoverProgress&)> progress;
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
  std::string stop_reason;  // "timeout", "cycles" or "interrupted"
  bool checks_interrupted = false;  // the checks after the search were stopped: some programs not checked
  uint64_t cycles = 0;
  double seconds = 0;
};

// `target`: exp exp2 exp10 log log2 log10 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression of x such as
// "(* x (sin x))". Throws Error for an unknown target, an empty interval or bad options.
PROGSEARCH_API DiscoverResult Discover(const std::string& target, const DiscoverOptions& options = {});

}  // namespace progsearch
