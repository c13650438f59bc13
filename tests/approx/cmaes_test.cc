#include "approx/cmaes.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace progsearch {
namespace {

struct Sphere {
  double center = 0.5;
  int calls = 0;
  double best = 1e300;
};

double SphereAt(void* context, const double* u) {
  auto* s = static_cast<Sphere*>(context);
  ++s->calls;
  const double v = (u[0] - s->center) * (u[0] - s->center) + (u[1] + s->center) * (u[1] + s->center);
  s->best = std::min(s->best, v);
  return v;
}

ProgsearchCmaesCall SphereCall(Sphere& sphere, const std::vector<double>& members) {
  ProgsearchCmaesCall call;
  call.dims = 2;
  call.box = 10;
  call.members = members.data();
  call.count = members.size() / 2;
  call.generations = 60;
  call.sigma0 = 0.1;
  call.ftol = 1e-12;
  call.xtol = 1e-12;
  call.population_seed = 3;
  call.algorithm_seed = 4;
  call.objective = &SphereAt;
  call.context = &sphere;
  return call;
}

TEST_CASE("cmaes: the loaded module minimizes the caller's objective from the caller's population") {
  const std::vector<double> members = {3, 3, 2.5, 3.5, 3.5, 2.5, 3, 2, 2, 3, 4, 4};
  Sphere sphere;
  ProgsearchCmaesCall call = SphereCall(sphere, members);
  REQUIRE(RunCmaes(call).value() == 0);
  CHECK(sphere.calls > 6);  // the starting members, then the generations
  CHECK(sphere.best < 1e-6);
  // The same seeds give the same run.
  Sphere again;
  ProgsearchCmaesCall repeat = SphereCall(again, members);
  REQUIRE(RunCmaes(repeat).value() == 0);
  CHECK(again.calls == sphere.calls);
  CHECK(again.best == sphere.best);
}

TEST_CASE("cmaes: a first member of known fitness is not evaluated again") {
  const std::vector<double> members = {0.5, -0.5, 1, 1, 2, 2, 1, 2, 2, 1, 0, 0};
  Sphere sphere;
  ProgsearchCmaesCall call = SphereCall(sphere, members);
  call.generations = 0;  // only the population is made
  call.first_known = true;
  call.first_fitness = 0;
  REQUIRE(RunCmaes(call).ok());
  CHECK(sphere.calls == 5);
}

}  // namespace
}  // namespace progsearch
