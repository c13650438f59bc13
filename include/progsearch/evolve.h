// progsearch public API: regularized evolution against a fitness of your own (an AutoML loop's
// training run, a simulator, a loss on data), with the functional-hash equivalence cache: a candidate
// that computes the same outputs on the probe inputs as one evaluated before gets that fitness without a
// call, however it is written (x*2 and x+x are evaluated once).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/program.h"
#include "progsearch/search_space.h"

namespace progsearch {

// Lower is better. May be slow, may run on several threads at once (EvolveOptions::threads). A throw, a
// NaN, or a call longer than EvolveOptions::fitness_timeout_seconds marks that candidate as failed: it
// gets the worst fitness (+infinity), is counted, and the run goes on (EvolveOptions::max_failures stops
// it). A call is never interrupted: a slow one is discarded when it returns.
using Fitness = std::function<double(const Program& candidate)>;

// Called from inside a Fitness: the call's time, which fitness_timeout_seconds limits, counts from here
// instead of from the call's start. For a fitness that must first wait for a lock others hold (Python's
// GIL, a shared device) whose wait is not its own slowness.
PROGSEARCH_API void RestartFitnessClock();

struct EvolveProgress {
  uint64_t cycles = 0;
  uint64_t evaluations = 0;  // calls of the fitness
  uint64_t cache_hits = 0;   // candidates the cache answered
  double best_fitness = 0;
  double seconds = 0;
  Program best;              // the program of best_fitness (constant sub-terms folded); empty before one
};

struct EvolveOptions {
  uint64_t population = 100;
  uint64_t tournament = 10;
  uint64_t seed = 1;
  // Children bred per batch; their fitness is computed in parallel. The run depends on the seed and the
  // batch, never on the number of threads.
  uint64_t batch = 16;
  int threads = 0;             // 0: every core
  int max_size = 32;           // nodes per program
  int initial_depth = 3;
  bool use_cache = true;
  uint64_t cache_capacity = 1 << 20;
  // Probe outputs that differ by less than this relative amount hash alike (0: exact bits). Useful when
  // a fitness cannot tell tiny differences apart; keep 0 otherwise.
  double hash_float_precision = 0;
  // Stop conditions: the first one reached ends the run (0 / unset: none). One of the first three must be
  // set. The first population is evaluated (in parallel batches of `batch`) before the first check; its
  // time counts.
  uint64_t max_cycles = 0;
  uint64_t max_evaluations = 0;
  double max_seconds = 0;
  double target_fitness = -std::numeric_limits<double>::infinity();  // stop at fitness <= target
  uint64_t max_failures = 0;
  double fitness_timeout_seconds = 0;  // a fitness call longer than this fails its candidate (0: none)
  // Called after every batch; return false to stop the run.
  std::function<bool(const EvolveProgress&)> progress;
  // Checkpoints: written atomically every `checkpoint_seconds` and at the end; `resume` continues the
  // run saved there (same space and options), counting its cycles and evaluations.
  std::string checkpoint_path;
  double checkpoint_seconds = 60;
  bool resume = false;
  // Programs to start from (built by the space or read by it): of the space's result kind, at most max_size.
  std::vector<Program> seeds;
  // Regression, for a space of Float programs: the values a program should compute at the probe rows,
  // one per row. When set, Evolve takes no fitness (pass an empty one): a program's fitness is its loss
  // against the targets, "mse" (mean squared error) or "max" (largest absolute error), after its Float
  // constants are fitted to that loss (Nelder-Mead, at most `constant_fitting` loss evaluations per
  // candidate; 0: no fitting). The fitted program takes the candidate's place.
  std::vector<double> targets;
  std::string loss = "mse";
  int constant_fitting = 200;
};

struct EvolveStats {
  uint64_t cycles = 0;
  uint64_t evaluations = 0;       // calls of the fitness
  uint64_t cache_hits = 0;        // candidates the cache answered instead
  double cache_hit_rate = 0;      // hits / (hits + misses)
  uint64_t failures = 0;          // candidates whose fitness threw or was NaN
  std::string first_failure;      // the first one's message
  uint64_t rejected_mutants = 0;  // mutants too large or computing the same as their parent
  double fitness_seconds = 0;     // time inside the fitness, summed over threads
  // With use_cache off: the calls that repeated an earlier candidate's outputs, and their time.
  uint64_t repeat_evaluations = 0;
  double repeat_fitness_seconds = 0;
  double seconds = 0;
};

struct EvolveResult {
  Program best;
  double best_fitness = 0;
  // "cycles", "evaluations", "timeout" (max_seconds), "target", "failures", "interrupted" (the progress
  // callback returned false, or Ctrl-C in Python), or "exhausted" (10000 batches in a row without a
  // fitness call: the space has no new behaviours left). The names discover and synthesis use too.
  std::string stop_reason;
  EvolveStats stats;
  std::vector<Program> population;  // the final population, oldest first
  std::vector<double> population_fitness;
};

// Evolves programs of `space`. `probes`: one column per variable of the space, exactly of its kind (an Int
// in a Float column is refused), all of one length (at least 1): the inputs candidates are hashed on (and,
// with options.targets, scored on). Returned programs have their constant sub-terms folded. Throws Error
// for bad options or probes.
PROGSEARCH_API EvolveResult Evolve(const SearchSpace& space, const std::vector<std::vector<Scalar>>& probes, const Fitness& fitness,
                    const EvolveOptions& options);

}  // namespace progsearch
