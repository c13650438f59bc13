// progsearch: program search as a library. Include this one header; link progsearch::progsearch.
//
//   progsearch::SearchSpace space = progsearch::SearchSpace::Arithmetic({"x"});
//   progsearch::EvolveOptions options;
//   options.max_evaluations = 10000;
//   auto result = progsearch::Evolve(space, {{0.0, 0.5, 1.0}}, my_fitness, options);
//   std::cout << result.best.ToString() << "\n";
#pragma once

#include "progsearch/discover.h"
#include "progsearch/evolve.h"
#include "progsearch/export.h"
#include "progsearch/program.h"
#include "progsearch/search_space.h"
#include "progsearch/synthesize.h"
#include "progsearch/value.h"

namespace progsearch {

// The library's version, "MAJOR.MINOR.PATCH".
PROGSEARCH_API const char* Version();

}  // namespace progsearch
