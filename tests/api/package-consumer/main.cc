// Built against the installed package only: evolves f(x) = 3x + 1 and checks that the answer is close.
#include <cmath>
#include <iostream>

#include <progsearch/progsearch.h>

int main() {
  progsearch::SearchSpace space = progsearch::SearchSpace::Arithmetic({"x"});
  const std::vector<double> xs = {-2, -1, 0, 1, 2, 3};
  auto fitness = [&](const progsearch::Program& p) {
    double error = 0;
    const std::vector<double> got = p.EvaluateFloats({xs});
    for (size_t i = 0; i < xs.size(); ++i) error += std::fabs(got[i] - (3 * xs[i] + 1));
    return std::isfinite(error) ? error : INFINITY;
  };
  progsearch::EvolveOptions options;
  options.max_evaluations = 20000;
  options.target_fitness = 1e-12;
  const progsearch::EvolveResult r =
      progsearch::Evolve(space, {std::vector<progsearch::Scalar>(xs.begin(), xs.end())}, fitness, options);
  std::cout << "progsearch " << progsearch::Version() << ": " << r.best.ToString() << " error " << r.best_fitness
            << " after " << r.stats.evaluations << " evaluations (" << r.stats.cache_hits << " cache hits)\n";
  return r.best_fitness < 1e-3 ? 0 : 1;
}
