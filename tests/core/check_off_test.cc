// PROGSEARCH_DCHECK in a Release build: the condition is compiled but never evaluated.
#undef PROGSEARCH_DCHECKS
#ifndef NDEBUG
#define NDEBUG 1
#endif

#include "catch2/catch.hpp"
#include "core/check.h"

namespace progsearch {
namespace {

TEST_CASE("with NDEBUG and no PROGSEARCH_DCHECKS, a DCHECK's condition is not evaluated", "[core][check]") {
  STATIC_REQUIRE(PROGSEARCH_DCHECK_IS_ON == 0);
  int evaluations = 0;
  PROGSEARCH_DCHECK(++evaluations > 100);
  CHECK(evaluations == 0);
}

}  // namespace
}  // namespace progsearch
