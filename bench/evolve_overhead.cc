// Candidates per second of the library's Evolve with a trivial fitness (the program's size), every
// candidate calling it (cache off), one thread: the engine's cost per candidate, which the Python
// benchmark (bench/library.sh) compares with the same run from Python.
// Usage: evolve_overhead CYCLES   (prints "candidates seconds")
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "progsearch/progsearch.h"

int main(int argc, char** argv) {
  const uint64_t cycles = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  progsearch::SearchSpace space = progsearch::SearchSpace::Arithmetic({"x"});
  std::vector<progsearch::Scalar> probes;
  for (int i = 0; i < 16; ++i) probes.emplace_back(i / 8.0 - 1);
  progsearch::EvolveOptions options;
  options.max_cycles = cycles;
  options.threads = 1;
  options.use_cache = false;
  const auto start = std::chrono::steady_clock::now();
  const progsearch::EvolveResult r = progsearch::Evolve(
      space, {probes}, [](const progsearch::Program& p) { return static_cast<double>(p.Size()); }, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu %.6f\n", static_cast<unsigned long long>(r.stats.evaluations), seconds);
  return 0;
}
