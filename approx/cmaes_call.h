// The one CMA-ES evolution the global fit (global_fit.h) asks of pagmo, as a C interface. pagmo lives in
// a module of its own, loaded at the first global fit (cmaes.h): loading libpagmo costs a process about
// 36 MB of resident memory before it does anything (37.7 MB for a program that only loads it, against
// 1.3 MB without), which every command paid, `compress` and `synth` included.
#pragma once

#include <cstddef>

extern "C" {

struct ProgsearchCmaesCall {
  size_t dims = 0;
  double box = 0;                   // every coordinate lies in [-box, box]
  const double* members = nullptr;  // count x dims: the starting population
  size_t count = 0;
  double first_fitness = 0;         // members[0]'s objective when first_known; otherwise it is evaluated
  bool first_known = false;
  unsigned generations = 0;
  double sigma0 = 0;                // the initial step, as a fraction of the box's width
  double ftol = 0, xtol = 0;        // pagmo's stopping tolerances
  unsigned population_seed = 0, algorithm_seed = 0;
  double (*objective)(void* context, const double* u) = nullptr;  // minimized
  void* context = nullptr;
  char error[256] = {};             // why the run failed, when the call returns nonzero
};

// 0: the run ended; 1: pagmo refused it (a degenerate distribution); 2: it failed otherwise.
int progsearch_cmaes_evolve(ProgsearchCmaesCall* call);

}  // extern "C"
