#include "approx/libm_plan.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

#include "absl/strings/str_format.h"
#include "approx/float_order.h"
#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {
namespace {

// The first float in [from, to] (by key) where `holds` turns true, `holds` being monotone; `to` + 1 if
// none.
template <typename Predicate>
int64_t FirstKey(int64_t from, int64_t to, Predicate holds) {
  int64_t low = from, high = to + 1;
  while (low < high) {
    const int64_t mid = low + (high - low) / 2;
    if (holds(FloatFromKey(mid))) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

absl::Status PlanExp(LibmPlan& plan) {
  const int n = 1 << plan.table_bits;
  const MathTarget& f = LibmTarget(plan.function);
  // The thresholds from the correctly rounded results themselves, not from formulas.
  const int64_t over = FirstKey(FloatKey(1.0f), FloatKey(1000.0f), [&f](float x) { return std::isinf(f.ReferenceFloat(x)); });
  const int64_t under = FirstKey(FloatKey(-1000.0f), FloatKey(-1.0f), [&f](float x) { return f.ReferenceFloat(x) != 0; }) - 1;
  plan.overflow_from = FloatFromKey(over);
  plan.underflow_to = FloatFromKey(under);
  // The correctly rounded double of f(x) is below 2^-149 exactly when f(x) is (2^-149 is a double).
  plan.tiny_below = FloatFromKey(FirstKey(under, FloatKey(-1.0f), [&f](float x) { return f.Reference(x) >= 0x1p-149; }));
  plan.normal_from = FloatFromKey(FirstKey(under, FloatKey(-1.0f), [&f](float x) { return f.Reference(x) >= 0x1p-126; }));
  // r = z - k is within [-1/2, 1/2], widened for the rounding of x·N/ln2 in expf (2^-40 at most).
  const double half = 0.5 * (1 + 0x1p-30);
  auto core = ParseMathTarget(StrCat("(- (exp2 (* x ", absl::StrFormat("%.17g", 1.0 / n), ")) 1.0)"), -half, half);
  if (!core.ok()) return core.status();
  plan.core = *std::move(core);
  const MathTarget& exp2 = LibmTarget(LibmFunction::kExp2f);
  for (int j = 0; j < n; ++j) plan.powers.push_back(exp2.Reference(static_cast<double>(j) / n));
  switch (plan.function) {
    case LibmFunction::kExpf:
      plan.scale = n / LibmTarget(LibmFunction::kLogf).Reference(2.0);
      break;
    case LibmFunction::kExp10f:
      plan.scale = n * LibmTarget(LibmFunction::kLog2f).Reference(10.0);  // exact: n is a power of 2
      break;
    default:
      plan.scale = n;
  }
  const double q_high = std::expm1(half / n * std::log(2.0)), q_low = std::expm1(-half / n * std::log(2.0));
  plan.amplification = std::max(q_high / (1 + q_high), -q_low / (1 + q_low));
  plan.folded_ops = 1;
  // exp2f, expf: z = C0·r + C1; r2 = r·r; y = C2·r + 1; y = z·r2 + y. exp10f is the double exp of
  // x·ln10 (e_exp10f.c), whose polynomial (e_exp.c) is tail + r + r2·(C2 + r·C3) + r2·r2·(C4 + r·C5).
  plan.glibc_core_ops = plan.function == LibmFunction::kExp10f ? 11 : 7;
  return absl::OkStatus();
}

absl::Status PlanLog(LibmPlan& plan) {
  const int n = 1 << plan.table_bits;
  const uint32_t width = 1u << (23 - plan.table_bits);
  const uint32_t one = std::bit_cast<uint32_t>(1.0f);
  // m_low near sqrt(1/2), placed so that m = 1 is the middle of its entry: the entry of x = 1 is then as
  // narrow on both sides as the others, and holds invc = 1 exactly.
  const uint32_t root_half = std::bit_cast<uint32_t>(static_cast<float>(std::sqrt(0.5)));
  const uint32_t start = one - width / 2;
  plan.log_offset = start - ((start - root_half + width / 2) / width) * width;
  const MathTarget& log_target = LibmTarget(plan.function);
  double r_low = 0, r_high = 0;
  plan.amplification = 1;
  for (int j = 0; j < n; ++j) {
    const float low = std::bit_cast<float>(plan.log_offset + j * width);
    const float high = std::bit_cast<float>(plan.log_offset + (j + 1) * width - 1);
    const bool holds_one = low <= 1.0f && 1.0f <= high;
    // The middle in value keeps |r| smallest; invc a float so that m·invc is exact in double.
    const float invc = holds_one ? 1.0f : static_cast<float>(2.0 / (static_cast<double>(low) + high));
    plan.invc.push_back(invc);
    plan.logc.push_back(holds_one ? 0.0 : -log_target.Reference(invc));
    const double r0 = static_cast<double>(low) * invc - 1, r1 = static_cast<double>(high) * invc - 1;
    r_low = std::min(r_low, r0);
    r_high = std::max(r_high, r1);
    if (!holds_one) {
      // core(r) and logc have opposite signs on part of the entry: the result can be smaller than the core.
      for (const auto& [m, r] : {std::pair{low, r0}, std::pair{high, r1}}) {
        plan.amplification = std::max(plan.amplification, std::fabs(std::log1p(r) / std::log(m)));
      }
    }
  }
  const char* core_target = plan.function == LibmFunction::kLog2f  ? "(log2 (+ 1.0 x))"
                            : plan.function == LibmFunction::kLog10f ? "(/ (log (+ 1.0 x)) (log 10.0))"
                                                                     : "(log (+ 1.0 x))";
  auto core = ParseMathTarget(core_target, r_low, r_high);
  if (!core.ok()) return core.status();
  plan.core = *std::move(core);
  plan.log_of_two = plan.function == LibmFunction::kLog2f ? 1.0 : log_target.Reference(2.0);
  // k of the smallest subnormal (scaled by 2^23 into the normal range, its exponent then lowered by 23)
  // and of the largest finite float, computed as the emitted code computes it: (int32_t)tmp >> 23.
  auto exponent_of = [&plan](uint32_t ix) { return static_cast<int32_t>(ix - plan.log_offset) >> 23; };
  plan.lowest_exponent = exponent_of(0x00800000u - (23u << 23));
  const int highest_exponent = exponent_of(0x7f7fffffu);
  for (int k = plan.lowest_exponent; k <= highest_exponent; ++k) {
    plan.exponent_terms.push_back(static_cast<double>(k) * plan.log_of_two);
  }
  // log2f: r2 = r·r; y = A1·r + A2; y = A0·r2 + y; p = A3·r (+ y0); y = y·r2 + p.
  // logf: r2 = r·r; y = A1·r + A2; y = A0·r2 + y; y = y·r2 + (y0 + r): the y0 additions reconstruct.
  // log10f (e_log10f.c): logf of the mantissa, times 1/ln10, the exponent's terms added.
  plan.glibc_core_ops = plan.function == LibmFunction::kLogf ? 7 : 8;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<LibmFunction> ParseLibmFunction(std::string_view name) {
  for (LibmFunction f : kLibmFunctions) {
    if (name == LibmName(f)) return f;
  }
  return absl::InvalidArgumentError(
      StrCat("unknown function '", name, "' (known: exp2f expf exp10f log2f logf log10f)"));
}

const char* LibmName(LibmFunction function) {
  switch (function) {
    case LibmFunction::kExp2f:
      return "exp2f";
    case LibmFunction::kExpf:
      return "expf";
    case LibmFunction::kExp10f:
      return "exp10f";
    case LibmFunction::kLog2f:
      return "log2f";
    case LibmFunction::kLogf:
      return "logf";
    case LibmFunction::kLog10f:
      return "log10f";
  }
  return "";
}

bool IsExpFamily(LibmFunction function) {
  return function == LibmFunction::kExp2f || function == LibmFunction::kExpf || function == LibmFunction::kExp10f;
}

double LibmDoubleReference(LibmFunction function, double x) {
  switch (function) {
    case LibmFunction::kExp2f:
      return std::exp2(x);
    case LibmFunction::kExpf:
      return std::exp(x);
    case LibmFunction::kExp10f:
      return ::exp10(x);
    case LibmFunction::kLog2f:
      return std::log2(x);
    case LibmFunction::kLogf:
      return std::log(x);
    case LibmFunction::kLog10f:
      return std::log10(x);
  }
  return NAN;
}

const MathTarget& LibmTarget(LibmFunction function) {
  static const MathTarget* const targets = [] {
    const char* names[] = {"exp2", "exp", "exp10", "log2", "log", "log10"};
    auto* t = new MathTarget[std::size(names)];
    for (size_t i = 0; i < std::size(names); ++i) t[i] = *ParseMathTarget(names[i], 0, 1);
    return t;
  }();
  return targets[static_cast<int>(function)];
}

int DefaultTableBits(LibmFunction function) {
  // exp family: with N = 64 entries, |r·ln2| <= ln2/128 and the minimax quadratic errs by about 7e-9,
  // inside the 2^-25 a float ULP allows; with N = 32 it errs by about 5e-8, outside. A quadratic is four
  // operations (two fma), glibc's cubic seven.
  // log family: with N = 128 entries, |r| <= 1/256 and a cubic r + r^2·(a + b·r) errs by about 4e-9.
  return IsExpFamily(function) ? 6 : 7;
}

absl::StatusOr<LibmPlan> MakeLibmPlan(LibmFunction function, int table_bits) {
  if (table_bits < 1 || table_bits > 10) {
    return absl::InvalidArgumentError(StrCat("table bits must be 1 to 10, not ", table_bits));
  }
  LibmPlan plan;
  plan.function = function;
  plan.table_bits = table_bits;
  RETURN_IF_ERROR(IsExpFamily(function) ? PlanExp(plan) : PlanLog(plan));
  return plan;
}

double CoreErrorBudget(const LibmPlan& plan, double max_ulps) {
  // A relative error e of the double result costs at most e·2^24 float ULPs (the ULP is at least 2^-24
  // of the value), on top of the half ULP of the final rounding. The table entries, the product or sum
  // that reconstructs, and the reduction add a few double roundings: 2^-50 is generous for them.
  const double result_budget = (max_ulps - 0.5) * 0x1p-24 - 0x1p-50;
  return result_budget > 0 ? result_budget / plan.amplification : 0;
}

}  // namespace progsearch
