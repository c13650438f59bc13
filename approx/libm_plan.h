// The fixed parts of a drop-in float32 math function (`progsearch libm`): the range reduction, its
// tables and thresholds, and the reduced interval on which the search finds the core. The core itself
// comes from the search (libm_build.h); this file knows nothing of searching.
//
// Every function computes in double from its float argument, as glibc's expf does: the result must be
// within a float ULP, so the core may err by up to about 2^-25 relative, and in double the reduction's own
// rounding stays near 2^-53, far below that, without the extra care a float reduction needs. On x86-64
// and AArch64 a scalar double operation costs what a float one does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "approx/math_target.h"

namespace progsearch {

enum class LibmFunction { kExp2f, kExpf, kExp10f, kLog2f, kLogf, kLog10f };
inline constexpr LibmFunction kLibmFunctions[] = {LibmFunction::kExp2f, LibmFunction::kExpf,
                                                  LibmFunction::kExp10f, LibmFunction::kLog2f,
                                                  LibmFunction::kLogf,  LibmFunction::kLog10f};

// "exp2f" -> kExp2f; InvalidArgument naming the known functions otherwise.
absl::StatusOr<LibmFunction> ParseLibmFunction(std::string_view name);
// The C name of the function: "exp2f", "expf", "exp10f", "log2f", "logf", "log10f".
const char* LibmName(LibmFunction function);
// The function over the whole float line, in double: glibc's exp2, exp, exp10, log2, log or log10 (within a
// few double ULPs).
double LibmDoubleReference(LibmFunction function, double x);
// The same as a MathTarget over x (its interval unused): the MPFR reference at hard points. Base 10 is
// read as (exp (* x (log 10.0))) and (/ (log x) (log 10.0)): MPFR computes log 10 at its full precision.
const MathTarget& LibmTarget(LibmFunction function);
bool IsExpFamily(LibmFunction function);

struct LibmPlan {
  LibmFunction function = LibmFunction::kExp2f;
  // The table has 2^table_bits entries.
  //   exp family: z = x·N (exp2), x·N/ln2 (exp) or x·N·log2(10) (exp10), k = round(z), r = z - k in
  //     [-1/2, 1/2] (exact),
  //     f(x) = s + s·core(r) with s = 2^(k/N) (2^(j/N) from the table, 2^floor(k/N) put in the exponent
  //     bits) and core(r) ~ 2^(r/N) - 1, one core for both functions. At r = 0 the core is exactly 0,
  //     so exp2f(integer) and expf(0) are exact, as glibc's are. For exp and exp10 the rounding of the
  //     scale and of x·scale moves r by at most 2^-39 (|z| < 2^14), a relative 2^-45 in the result: no
  //     two-constant (Cody-Waite) split is needed in double, as glibc's expf does without one;
  //   log family: x = 2^k · m, m in [m_low, 2·m_low) around [sqrt(1/2), sqrt(2)), the table entry j of m
  //     holding invc_j (a float near 1/m) and logc_j = -log(invc_j): f(x) = k·log(2) + logc_j + core(r),
  //     r = m·invc_j - 1 exactly (a float times a float fits a double), for log2 and log10 in their base.
  int table_bits = 6;
  // The core's target on the reduced interval, over its variable x (printed as r): exp2(x/N) - 1,
  // log2(1 + x), log(1 + x) or log10(1 + x).
  MathTarget core;
  // exp family: 2^(j/N), correctly rounded.
  std::vector<double> powers;
  // log family: invc_j and logc_j (-log2(invc_j) for log2, -log10 for log10); the entry holding m = 1 has invc = 1 and
  // logc = 0, so that f(1) = core(0).
  std::vector<double> invc, logc;
  // log family: the float bits of m_low; the entry of m is (bits(m) - log_offset) >> (23 - table_bits).
  uint32_t log_offset = 0;
  // exp family: the smallest float whose result rounds to infinity, the largest whose result rounds to
  // zero; the main path is valid for every float strictly between them.
  float overflow_from = 0, underflow_to = 0;
  // exp family: below this float the result is the smallest subnormal, inexactly, and glibc sets errno
  // ERANGE there too (its __math_may_uflowf).
  float tiny_below = 0;
  // exp family: the first float whose result is a normal float (below it glibc raises underflow).
  float normal_from = 0;
  // exp family: z = x·scale (N, N/ln2 or N·log2(10), rounded to double).
  double scale = 0;
  // log family: the result is k·log_base(2) + logc + core: 1, ln 2 or log10(2), rounded to double.
  double log_of_two = 1;
  // log family: k·log_of_two (the double product) for every k a float can have, the lowest first:
  // exponent_terms[k - lowest_exponent]. A lookup in 2 KiB of L1 is cheaper than converting k to double
  // and multiplying (without FMA, x86-64's baseline, those were most of the difference with glibc's logf).
  std::vector<double> exponent_terms;
  int lowest_exponent = 0;
  // How much a relative error of the core can grow in the result: for the exp family the largest
  // |core(r) / (1 + core(r))|, far below 1 (the core is small and its error is added to 1); for the log
  // family the largest |core(r)| / |f(x)| over the table entries whose sum can cancel.
  double amplification = 1;
  // Operations of the core's job that the reconstruction does: the exp family's "1 +" (s + s·core is an
  // fma where glibc's s·(1 + ...) is a multiply). Added to the core's count when it is compared with glibc's.
  int folded_ops = 0;
  // The operations of glibc's core polynomial (sysdeps/ieee754/flt-32/e_exp2f.c, e_expf.c, e_log2f.c,
  // e_logf.c, glibc 2.36; its exp10f calls the double exp, its log10f multiplies logf's result),
  // counted as discover counts them with fma weighing 2: a*b+c is two either way.
  int glibc_core_ops = 0;
};

// The plan for `function` with a table of 2^table_bits entries (1 to 10). References come from MPFR.
absl::StatusOr<LibmPlan> MakeLibmPlan(LibmFunction function, int table_bits);

// The table size a function gets when the user names none: the smallest that lets a core of fewer
// operations than glibc's reach a float ULP (libm_plan.cc says why).
int DefaultTableBits(LibmFunction function);

// The largest relative error of the core on the reduced interval that keeps the result within `max_ulps`
// float ULPs, the reduction's and reconstruction's roundings and the amplification accounted for.
double CoreErrorBudget(const LibmPlan& plan, double max_ulps);

}  // namespace progsearch
