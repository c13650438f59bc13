// The pagmo module behind cmaes_call.h: built as a shared object of its own and loaded on demand.
#include <algorithm>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <pagmo/algorithms/cmaes.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include "approx/cmaes_call.h"

namespace {

// pagmo's user-defined problem: the caller's objective on the box.
struct CallerProblem {
  const ProgsearchCmaesCall* call = nullptr;

  pagmo::vector_double fitness(const pagmo::vector_double& u) const { return {call->objective(call->context, u.data())}; }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
    return {pagmo::vector_double(call->dims, -call->box), pagmo::vector_double(call->dims, call->box)};
  }
};

int Fail(ProgsearchCmaesCall* call, int code, const std::exception& e) {
  std::strncpy(call->error, e.what(), sizeof(call->error) - 1);
  call->error[sizeof(call->error) - 1] = '\0';
  return code;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int progsearch_cmaes_evolve(ProgsearchCmaesCall* call) {
  try {
    pagmo::problem problem{CallerProblem{call}};
    pagmo::population pop{problem, 0u, call->population_seed};
    for (size_t i = 0; i < call->count; ++i) {
      const double* row = call->members + i * call->dims;
      pagmo::vector_double u(row, row + call->dims);
      if (i == 0 && call->first_known) {
        pop.push_back(u, {call->first_fitness});
      } else {
        pop.push_back(u);
      }
    }
    pagmo::cmaes cmaes(call->generations, -1, -1, -1, -1, call->sigma0, call->ftol, call->xtol, false, true,
                       call->algorithm_seed);
    cmaes.evolve(pop);
    return 0;
  } catch (const std::invalid_argument& e) {
    return Fail(call, 1, e);
  } catch (const std::runtime_error& e) {
    return Fail(call, 1, e);
  } catch (const std::exception& e) {
    return Fail(call, 2, e);
  }
}
