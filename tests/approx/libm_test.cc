#include <bit>
#include <cerrno>
#include <cmath>

#include <catch2/catch.hpp>

#include "approx/libm_build.h"
#include "approx/libm_check.h"
#include "approx/libm_emit.h"
#include "approx/libm_plan.h"
#include "tests/approx/read_program.h"

namespace progsearch {
namespace {

// One bit pattern in 2^14 (2^18 floats) and the special inputs: a second or two per function.
constexpr uint64_t kStride = uint64_t{1} << 14;

LibmPlan Plan(LibmFunction f, int bits) {
  auto plan = MakeLibmPlan(f, bits);
  REQUIRE(plan.ok());
  return *std::move(plan);
}

}  // namespace

TEST_CASE("libm plans: thresholds from the correctly rounded results", "[libm]") {
  const LibmPlan exp2 = Plan(LibmFunction::kExp2f, 6);
  CHECK(exp2.overflow_from == 128.0f);
  CHECK(exp2.underflow_to == -150.0f);
  const LibmPlan exp = Plan(LibmFunction::kExpf, 6);
  // glibc's expf overflows above 0x1.62e42ep6f and returns 0 below -0x1.9fe368p6f.
  CHECK(exp.overflow_from == std::nextafter(0x1.62e42ep6f, INFINITY));
  CHECK(exp.underflow_to == std::nextafter(-0x1.9fe368p6f, -INFINITY));
  CHECK(exp.powers.size() == 64);
  CHECK(exp.powers[32] == std::sqrt(2.0));
  CHECK(exp.scale == 64 / std::log(2.0));
  CHECK(exp2.scale == 64);
  // One core for both: 2^(r/64) - 1 on [-1/2, 1/2].
  CHECK(exp.core.name == exp2.core.name);
  CHECK(exp.core.high == Approx(0.5));
  CHECK(exp.amplification == Approx(std::expm1(std::log(2.0) / 128)).epsilon(0.01));
  // glibc's exp2f and expf set ERANGE below these (the result is then the smallest subnormal).
  CHECK(exp2.tiny_below == -149.0f);
  CHECK(exp.tiny_below == -0x1.9d1d9ep6f);
}

TEST_CASE("libm plans: exp10f's thresholds are glibc's", "[libm]") {
  const LibmPlan exp10 = Plan(LibmFunction::kExp10f, 6);
  CHECK(exp10.scale == Approx(64 * std::log2(10.0)).epsilon(1e-15));
  CHECK(exp10.core.name == Plan(LibmFunction::kExp2f, 6).core.name);
  auto below = [](float x) { return std::nextafter(x, -INFINITY); };
  CHECK(std::isinf(::exp10f(exp10.overflow_from)));
  CHECK(std::isfinite(::exp10f(below(exp10.overflow_from))));
  CHECK(::exp10f(exp10.underflow_to) == 0.0f);
  CHECK(::exp10f(std::nextafter(exp10.underflow_to, INFINITY)) == 0x1p-149f);
  CHECK(::exp10f(exp10.normal_from) >= 0x1p-126f);
  CHECK(::exp10f(below(exp10.normal_from)) < 0x1p-126f);
  // glibc sets ERANGE below tiny_below and not from it on.
  auto errno_of = [](float x) {
    errno = 0;
    volatile float y = ::exp10f(x);
    (void)y;
    return errno;
  };
  CHECK(errno_of(below(exp10.tiny_below)) == ERANGE);
  CHECK(errno_of(exp10.tiny_below) == 0);
}

TEST_CASE("libm plans: the log tables hold m = 1 exactly and keep r small", "[libm]") {
  for (LibmFunction f : {LibmFunction::kLog2f, LibmFunction::kLogf, LibmFunction::kLog10f}) {
    const LibmPlan plan = Plan(f, 7);
    CHECK(plan.log_of_two == Approx(std::log(2.0) / std::log(f == LibmFunction::kLog2f    ? 2.0
                                                             : f == LibmFunction::kLogf ? std::exp(1.0)
                                                                                        : 10.0)));
    REQUIRE(plan.invc.size() == 128);
    const uint32_t tmp = std::bit_cast<uint32_t>(1.0f) - plan.log_offset;
    const uint32_t j = (tmp >> 16) & 127;
    CHECK(tmp >> 23 == 0);  // 1 = 2^0 · m
    CHECK(plan.invc[j] == 1.0);
    CHECK(plan.logc[j] == 0.0);
    // m_low near sqrt(1/2).
    CHECK(std::bit_cast<float>(plan.log_offset) == Approx(std::sqrt(0.5)).epsilon(0.01));
    CHECK(plan.core.low < 0);
    CHECK(plan.core.high > 0);
    CHECK(std::max(-plan.core.low, plan.core.high) < 1.0 / 200);
    CHECK(plan.amplification >= 1);
    CHECK(plan.amplification < 1.5);
    for (double invc : plan.invc) CHECK(static_cast<double>(static_cast<float>(invc)) == invc);
    // The exponent table reaches from the smallest subnormal, 2^-149 = 2^-149·1, to FLT_MAX = 2^128·(1 - 2^-24).
    CHECK(plan.lowest_exponent == -149);
    REQUIRE(plan.exponent_terms.size() == 128 + 149 + 1);
    for (int k : {-149, -1, 0, 1, 128}) {
      CHECK(plan.exponent_terms[k + 149] == static_cast<double>(k) * plan.log_of_two);
    }
  }
}

TEST_CASE("libm check: a wrong core and a wrong errno are found", "[libm][threads]") {
  const LibmPlan plan = Plan(LibmFunction::kExp2f, 6);
  // The constant 0 as core: 2^(k/N) alone is 0.5% off inside each step.
  LibmCore one{ReadProgram("0.0"), 0, 0.005, "test"};
  auto header = EmitLibmHeader(plan, one, "");
  REQUIRE(header.ok());
  auto compiled = CompileLibm(*header, LibmCName(plan.function), "-O2");
  REQUIRE(compiled.ok());
  auto check = CheckLibm(plan.function, (*compiled)->function(), kStride, 2);
  REQUIRE(check.ok());
  CHECK(check->max_ulps > 1000);
  CHECK(check->worst_x != 0);

  // A header without errno on overflow: the special inputs show it.
  std::string no_errno = *header;
  const size_t at = no_errno.find("errno = ERANGE;");
  REQUIRE(at != std::string::npos);
  no_errno.replace(at, 15, "");
  auto broken = CompileLibm(no_errno, LibmCName(plan.function), "-O2");
  REQUIRE(broken.ok());
  auto broken_check = CheckLibm(plan.function, (*broken)->function(), kStride, 1);
  REQUIRE(broken_check.ok());
  REQUIRE_FALSE(broken_check->special_differences.empty());
  CHECK_THAT(broken_check->special_differences[0], Catch::Contains("errno 0, glibc's ERANGE"));
}

TEST_CASE("libm check: a header that does not compile is an internal error with the compiler's words", "[libm]") {
  auto compiled = CompileLibm("this is not C", "f", "-O2");
  REQUIRE_FALSE(compiled.ok());
  CHECK(compiled.status().code() == absl::StatusCode::kInternal);
  CHECK_THAT(std::string(compiled.status().message()), Catch::Contains("does not compile"));
}

TEST_CASE("libm: each function within 1 ULP at sampled floats, every special value right", "[libm][threads][slow]") {
  for (LibmFunction f : kLibmFunctions) {
    INFO(LibmName(f));
    LibmRequest request;
    request.function = f;
    request.seconds = 2;
    request.max_ops = 8;
    request.threads = 2;
    request.stride = kStride;
    auto report = BuildLibm(request);
    REQUIRE(report.ok());
    REQUIRE(report->found);
    CHECK(report->check.max_ulps <= 1);
    CHECK(report->check.special_differences.empty());
    CHECK(report->check.checked == (uint64_t{1} << 32) / kStride);
    // Most results are the correctly rounded float.
    CHECK(static_cast<double>(report->check.correctly_rounded) > 0.99 * static_cast<double>(report->check.checked));
    CHECK(report->core.max_rel_error <= report->core_budget);
    if (IsExpFamily(f)) CHECK(report->core.ops < report->plan.glibc_core_ops);
    CHECK_THAT(report->header, Catch::Contains("static inline float " + LibmCName(f) + "(float x)"));
    CHECK_THAT(report->header, Catch::Contains("// Checked at 262144 floats (one in 16384)"));
  }
}

}  // namespace progsearch
