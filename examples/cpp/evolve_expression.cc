// Evolves a cheap approximation of tanh on [-3, 3] from + - * / and a user-defined relu, against a
// fitness of our own: mean squared error plus a small price per node. Build: part of `make`; run:
// build/examples/cpp/evolve_expression
#include <cmath>
#include <cstdio>

#include <progsearch/progsearch.h>

int main() {
  progsearch::SearchSpace space = progsearch::SearchSpace::Arithmetic({"x"});
  space.AddFloatOperator("relu", 1, [](const double* a) { return a[0] > 0 ? a[0] : 0.0; });

  std::vector<double> xs;
  for (int i = 0; i <= 60; ++i) xs.push_back(-3 + 0.1 * i);
  auto fitness = [&xs](const progsearch::Program& candidate) {
    const std::vector<double> ys = candidate.EvaluateFloats({xs});
    double mse = 0;
    for (size_t i = 0; i < xs.size(); ++i) mse += std::pow(ys[i] - std::tanh(xs[i]), 2) / xs.size();
    return std::isfinite(mse) ? mse + 1e-4 * candidate.Size() : INFINITY;
  };

  progsearch::EvolveOptions options;
  options.max_seconds = 5;
  options.progress = [](const progsearch::EvolveProgress& p) {
    if (p.cycles % 131072 == 0) std::fprintf(stderr, "%8llu cycles  best %.6f\n", (unsigned long long)p.cycles, p.best_fitness);
    return true;
  };
  const std::vector<progsearch::Scalar> probes(xs.begin(), xs.end());
  const progsearch::EvolveResult r = progsearch::Evolve(space, {probes}, fitness, options);

  std::printf("best: %s\nfitness %.6f after %llu cycles; %llu evaluations, %.1f%% answered by the cache\n",
              r.best.ToString().c_str(), r.best_fitness, (unsigned long long)r.stats.cycles,
              (unsigned long long)r.stats.evaluations, 100 * r.stats.cache_hit_rate);
  return 0;
}
