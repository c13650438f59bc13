#include "approx/float32_check.h"

#include <bit>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include "approx/float_order.h"
#include "approx/float_tape.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

struct Partial {
  double max_ulps = 0;
  float worst_x = 0;
  uint64_t checked = 0, mpfr_calls = 0;
};

// The keys of the first and last floats inside [low, high] (the ends rounded inwards).
std::pair<int64_t, int64_t> KeyRange(const MathTarget& target) {
  float low = static_cast<float>(target.low), high = static_cast<float>(target.high);
  if (low < target.low) low = std::nextafter(low, INFINITY);
  if (high > target.high) high = std::nextafter(high, -INFINITY);
  return {FloatKey(low), FloatKey(high)};
}

}  // namespace

uint64_t FloatsIn(const MathTarget& target) {
  const auto [first, last] = KeyRange(target);
  return last >= first ? static_cast<uint64_t>(last - first + 1) : 0;
}

absl::StatusOr<Float32CheckResult> CheckFloat32Exhaustively(const Term& program, const MathTarget& target,
                                                            int threads, const CheckControl& control) {
  // The program runs in float32 arithmetic, so it may hold only the correctly rounded operations; the
  // target is the fast double reference and may use libm's elementary functions.
  std::optional<FloatTape> code = FloatTape::Compile(program);
  if (!code) return absl::UnimplementedError(StrCat(PrintTerm(program), " cannot be evaluated in float32 here"));
  std::optional<FloatTape> reference = FloatTape::Compile(*target.expression, TapeOperators::kWithElementary);
  if (!reference) {
    return absl::UnimplementedError(StrCat("the target ", target.name, " cannot be evaluated in double here"));
  }
  std::vector<float> code_parameters(code->parameters().begin(), code->parameters().end());
  const auto start = std::chrono::steady_clock::now();
  const int64_t first = KeyRange(target).first;
  threads = std::max(1, threads);
  // One partial result per thread, over a contiguous share of the floats in order: merged in thread
  // order, the worst point is the lowest x of the largest error whatever the thread count.
  std::vector<Partial> partial(threads);
  auto work = [&](int t, uint64_t from, uint64_t to) {
    Partial& p = partial[t];
    std::vector<float> values(code->num_nodes());
    std::vector<double> reference_values(reference->num_nodes());
    for (int64_t k = first + static_cast<int64_t>(from); k < first + static_cast<int64_t>(to); ++k) {
      const float x = FloatFromKey(k);
      const float got = code->Run<float>(x, code_parameters.data(), values.data());
      // Where the double reference is too close to a rounding boundary to decide, MPFR does.
      const double d =
          reference->Run<double>(static_cast<double>(x), reference->parameters().data(), reference_values.data());
      std::optional<float> want = FloatIfClear(d);
      if (!want) {
        want = target.ReferenceFloat(x);
        ++p.mpfr_calls;
      }
      const double ulps = FloatUlpsBetween(got, *want);
      if (!(ulps <= p.max_ulps)) {
        p.max_ulps = ulps;
        p.worst_x = x;
      }
      ++p.checked;
    }
  };
  RETURN_IF_ERROR(RunChunked(threads, FloatsIn(target), control, work));
  Float32CheckResult result;
  for (const Partial& p : partial) {
    result.checked += p.checked;
    result.mpfr_calls += p.mpfr_calls;
    if (!(p.max_ulps <= result.max_ulps)) {
      result.max_ulps = p.max_ulps;
      result.worst_x = p.worst_x;
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace progsearch
