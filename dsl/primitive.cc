#include "dsl/primitive.h"

namespace progsearch {

void PropagateCellErrors(const Primitive& p, std::span<const ValueColumn* const> args, ValueColumn& out) {
  if (!p.sees_errors) {
    // Last argument first, so that the first argument's error is the one left standing.
    for (size_t k = args.size(); k-- > 0;) {
      const ValueColumn* a = args[k];
      if (a == nullptr || !a->has_errors()) continue;
      for (size_t i = 0; i < out.size(); ++i) {
        if (a->error_at(i) != CellError::kNone) out.SetError(i, a->error_at(i));
      }
    }
  }
  out.CanonicalizeErrors();
}

}  // namespace progsearch
