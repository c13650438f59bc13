#include "approx/libm_check.h"

#include <dlfcn.h>
#include <unistd.h>

#include <bit>
#include <sys/wait.h>

#include <cerrno>
#include <cfloat>
#include <cstring>
#include <cfenv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_format.h"
#include "approx/float_order.h"
#include "core/status_macros.h"
#include "core/str_cat.h"

namespace progsearch {
namespace {

bool SameResult(float got, float want) {
  if (std::isnan(want)) return std::isnan(got);
  return std::bit_cast<uint32_t>(got) == std::bit_cast<uint32_t>(want);
}

// The correctly rounded float: double's rounding unless double lies near a float rounding boundary,
// where MPFR decides. A NaN or infinite double is the answer itself (a domain error, a NaN input, an
// exact infinity).
float CorrectlyRounded(LibmFunction function, float x, uint64_t& mpfr_calls) {
  const double d = LibmDoubleReference(function, x);
  if (!std::isfinite(d)) return static_cast<float>(d);
  if (const std::optional<float> clear = FloatIfClear(d)) return *clear;
  ++mpfr_calls;
  return LibmTarget(function).ReferenceFloat(x);
}

// The index-th point of a check with `stride` (a power of two): the two signs alternate, so that every
// share of the work holds both; within a block of `stride` patterns a fixed hash picks one.
uint32_t PatternAt(uint64_t index, uint64_t stride) {
  const uint64_t block = index >> 1;
  const uint64_t jitter = stride > 1 ? ((block * 0x9E3779B97F4A7C15ull) >> 40) & (stride - 1) : 0;
  return static_cast<uint32_t>(((index & 1) << 31) | (block * stride + jitter));
}

struct Outcome {
  float value;
  int error_number;
  int flags;
};

Outcome Call(FloatFunction f, float x) {
  errno = 0;
  std::feclearexcept(FE_ALL_EXCEPT);
  const float value = f(x);
  const int flags = std::fetestexcept(FE_ALL_EXCEPT);
  return {value, errno, flags};
}

std::string FlagNames(int flags) {
  std::string out;
  for (auto [flag, name] : {std::pair{FE_OVERFLOW, "overflow"}, std::pair{FE_UNDERFLOW, "underflow"},
                            std::pair{FE_DIVBYZERO, "divide-by-zero"}, std::pair{FE_INVALID, "invalid"},
                            std::pair{FE_INEXACT, "inexact"}}) {
    if (flags & flag) out += StrCat(out.empty() ? "" : " ", name);
  }
  return out.empty() ? "none" : out;
}

std::string ErrnoName(int e) { return e == 0 ? "0" : e == ERANGE ? "ERANGE" : e == EDOM ? "EDOM" : StrCat(e); }

FloatFunction GlibcFunction(LibmFunction function) {
  switch (function) {
    case LibmFunction::kExp2f:
      return ::exp2f;
    case LibmFunction::kExpf:
      return ::expf;
    case LibmFunction::kExp10f:
      return ::exp10f;
    case LibmFunction::kLog2f:
      return ::log2f;
    case LibmFunction::kLogf:
      return ::logf;
    case LibmFunction::kLog10f:
      return ::log10f;
  }
  return nullptr;
}

void CheckSpecials(LibmFunction kind, FloatFunction function, LibmCheckResult& result) {
  // Through a volatile pointer: the compiler must neither fold glibc's calls nor move them across the
  // flag reads.
  FloatFunction volatile glibc = GlibcFunction(kind);
  for (float x : LibmSpecialInputs(kind)) {
    ++result.specials;
    uint64_t unused = 0;
    const float want = CorrectlyRounded(kind, x, unused);
    const Outcome ours = Call(function, x);
    const Outcome theirs = Call(glibc, x);
    const int kMain = FE_OVERFLOW | FE_UNDERFLOW | FE_DIVBYZERO | FE_INVALID;
    const std::string at = absl::StrFormat("%s(%a)", LibmName(kind), static_cast<double>(x));
    // An exact result, a NaN, an infinity or a zero must be the very value; an inexact finite one (expf(10))
    // is one more point of the ULP count.
    const bool ordinary = (theirs.flags & FE_INEXACT) && std::isfinite(want) && want != 0;
    if (ordinary) {
      const double ulps = FloatUlpsBetween(ours.value, want);
      if (!(ulps <= result.max_ulps)) {
        result.max_ulps = ulps;
        result.worst_x = x;
      }
    } else if (!SameResult(ours.value, want)) {
      result.special_differences.push_back(absl::StrFormat("%s = %a, correctly rounded %a", at,
                                                           static_cast<double>(ours.value), static_cast<double>(want)));
    }
    if (ours.error_number != theirs.error_number) {
      result.special_differences.push_back(StrCat(at, ": errno ", ErrnoName(ours.error_number), ", glibc's ",
                                                  ErrnoName(theirs.error_number)));
    }
    if ((ours.flags & kMain) != (theirs.flags & kMain)) {
      result.special_differences.push_back(StrCat(at, ": exceptions ", FlagNames(ours.flags & kMain), ", glibc's ",
                                                  FlagNames(theirs.flags & kMain)));
    }
    if ((ours.flags & FE_INEXACT) != (theirs.flags & FE_INEXACT)) {
      result.inexact_differences.push_back(StrCat(at, ": inexact ", (ours.flags & FE_INEXACT) ? "raised" : "not raised",
                                                  ", glibc's ", (theirs.flags & FE_INEXACT) ? "raised" : "not"));
    }
  }
}

struct Partial {
  double max_ulps = 0;
  uint32_t worst_bits = 0;
  uint64_t checked = 0, correct = 0, mpfr_calls = 0;
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

CompiledLibm::~CompiledLibm() {
  if (handle_ != nullptr) dlclose(handle_);
  std::error_code ignored;
  if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
}

std::string LibmCompiler() {
  const char* cc = std::getenv("CC");
  return cc != nullptr && *cc != '\0' ? cc : "cc";
}

absl::StatusOr<std::unique_ptr<CompiledLibm>> CompileLibm(const std::string& header, const std::string& function_name,
                                                          const std::string& flags) {
  std::unique_ptr<CompiledLibm> compiled(new CompiledLibm());
  std::string pattern = (std::filesystem::temp_directory_path() / "progsearch-libm-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::FailedPreconditionError(StrCat("cannot make a temporary folder: ", std::strerror(errno)));
  }
  compiled->folder_ = pattern;
  const std::string folder = pattern;
  {
    std::ofstream(folder + "/function.h") << header;
    std::ofstream(folder + "/checked.c") << "#include \"function.h\"\nfloat progsearch_checked(float x) { return "
                                         << function_name << "(x); }\n";
  }
  compiled->command_ = StrCat(LibmCompiler(), " ", flags, " -fPIC -shared");
  const int status = std::system(StrCat(compiled->command_, " -o ", Quote(folder + "/checked.so"), " ",
                                        Quote(folder + "/checked.c"), " -lm 2>", Quote(folder + "/messages.txt"))
                                     .c_str());
  if (status != 0) {
    std::stringstream messages;
    messages << std::ifstream(folder + "/messages.txt").rdbuf();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      return absl::FailedPreconditionError(
          StrCat("no C compiler: '", LibmCompiler(), "' did not run (set CC, or install build-essential)"));
    }
    return absl::InternalError(StrCat("the generated header does not compile (", compiled->command_, "): ",
                                      messages.str().substr(0, 2000)));
  }
  compiled->handle_ = dlopen((folder + "/checked.so").c_str(), RTLD_NOW | RTLD_LOCAL);
  if (compiled->handle_ == nullptr) return absl::InternalError(StrCat("cannot load the compiled header: ", dlerror()));
  compiled->function_ = reinterpret_cast<FloatFunction>(dlsym(compiled->handle_, "progsearch_checked"));
  if (compiled->function_ == nullptr) return absl::InternalError("the compiled header lacks its function");
  return compiled;
}

std::vector<float> LibmSpecialInputs(LibmFunction kind) {
  std::vector<float> inputs = {NAN, -NAN, INFINITY, -INFINITY, 0.0f, -0.0f, 1.0f, -1.0f, 2.0f, 0.5f,
                               0x1p-149f, -0x1p-149f, 0x1.fffffcp-127f, 0x1p-126f, -0x1p-126f, 0x1p-60f, -0x1p-60f,
                               3.0f, 10.0f, -10.0f, 100.0f, 0.1f, 1e10f, FLT_MAX, -FLT_MAX, 127.0f, -126.0f, -149.0f, 88.0f, -87.0f};
  inputs.push_back(std::bit_cast<float>(0x7fa00000u));  // a signalling NaN
  if (IsExpFamily(kind)) {
    auto plan = MakeLibmPlan(kind, 1);
    if (plan.ok()) {
      // glibc sets errno ERANGE below tiny_below, where the result is the smallest subnormal.
      for (float t : {plan->overflow_from, plan->underflow_to, plan->tiny_below}) {
        inputs.insert(inputs.end(), {t, std::nextafter(t, INFINITY), std::nextafter(t, -INFINITY)});
      }
      // Where the result turns subnormal: below it glibc raises underflow.
      const float normal = plan->normal_from;
      inputs.insert(inputs.end(), {normal, std::nextafter(normal, INFINITY), std::nextafter(normal, -INFINITY)});
    }
  } else {
    inputs.insert(inputs.end(), {std::nextafter(1.0f, 0.0f), std::nextafter(1.0f, 2.0f), 0x1p-126f * 3, 8.0f,
                                 0x1.6a09e6p-1f, 0x1.6a09e6p+0f});
  }
  return inputs;
}

absl::StatusOr<LibmCheckResult> CheckLibm(LibmFunction kind, FloatFunction function, uint64_t stride, int threads,
                                          const CheckControl& control) {
  if (stride == 0 || (stride & (stride - 1)) != 0) {
    return absl::InvalidArgumentError(StrCat("the check's stride must be a power of two, not ", stride));
  }
  const auto start = std::chrono::steady_clock::now();
  LibmCheckResult result;
  result.exhaustive = stride == 1;
  CheckSpecials(kind, function, result);
  threads = std::max(1, threads);
  std::vector<Partial> partial(threads);
  auto work = [&](int t, uint64_t from, uint64_t to) {
    Partial& p = partial[t];
    for (uint64_t i = from; i < to; ++i) {
      const float x = std::bit_cast<float>(PatternAt(i, stride));
      const float got = function(x);
      const float want = CorrectlyRounded(kind, x, p.mpfr_calls);
      const double ulps = FloatUlpsBetween(got, want);
      if (ulps == 0 && SameResult(got, want)) ++p.correct;
      // The worst point, ties to the smallest bit pattern: the same whatever the thread count.
      const uint32_t bits = std::bit_cast<uint32_t>(x);
      if (!(ulps <= p.max_ulps) || (ulps == p.max_ulps && ulps > 0 && bits < p.worst_bits)) {
        p.max_ulps = ulps;
        p.worst_bits = bits;
      }
      ++p.checked;
    }
  };
  RETURN_IF_ERROR(RunChunked(threads, (uint64_t{1} << 32) / stride, control, work));
  uint32_t worst_bits = std::bit_cast<uint32_t>(result.worst_x);
  for (const Partial& p : partial) {
    result.checked += p.checked;
    result.correctly_rounded += p.correct;
    result.mpfr_calls += p.mpfr_calls;
    if (!(p.max_ulps <= result.max_ulps) || (p.max_ulps == result.max_ulps && p.max_ulps > 0 && p.worst_bits < worst_bits)) {
      result.max_ulps = p.max_ulps;
      worst_bits = p.worst_bits;
    }
  }
  result.worst_x = std::bit_cast<float>(worst_bits);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace progsearch
