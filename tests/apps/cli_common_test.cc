#include "apps/cli_common.h"

#include <catch2/catch.hpp>

namespace progsearch::cli {

TEST_CASE("exit codes tell bad input from progsearch's own failures", "[apps]") {
  CHECK(ExitCodeFor(absl::InvalidArgumentError("bad.sl:3:25: unknown operator")) == kExitBadInput);
  CHECK(ExitCodeFor(absl::NotFoundError("cannot open")) == kExitBadInput);
  CHECK(ExitCodeFor(absl::UnimplementedError("no Z3 encoding")) == kExitBadInput);
  CHECK(ExitCodeFor(absl::PermissionDeniedError("cannot write")) == kExitBadInput);
  CHECK(ExitCodeFor(absl::InternalError("z3: out of memory")) == kExitInternal);
  CHECK(ExitCodeFor(absl::UnknownError("?")) == kExitInternal);
  CHECK(ExitCodeFor(absl::DataLossError("read error")) == kExitBadInput);
  // Four distinct codes besides success.
  CHECK(kExitOk == 0);
  CHECK(kExitFailed == 1);
  CHECK(kExitBadInput == 2);
  CHECK(kExitInternal == 3);
}

}  // namespace progsearch::cli
