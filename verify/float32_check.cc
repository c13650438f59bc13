#include "verify/float32_check.h"

#include <bit>
#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include "core/str_cat.h"
#include "dsl/domains/domains.h"
#include "dsl/primitive.h"

namespace progsearch {
namespace {

// A postfix program over a small stack: the fast evaluator for billions of points.
enum class Op : uint8_t { kX, kConst, kAdd, kSub, kMul, kDiv, kFma, kSqrt, kNeg, kAbs, kCall };
struct Instruction {
  Op op;
  double constant = 0;
  double (*function)(double) = nullptr;  // kCall: an elementary function (double reference only)
};

absl::Status Compile(const Term& t, bool allow_functions, std::vector<Instruction>& out) {
  switch (t.kind()) {
    case TermKind::kVariable:
      out.push_back({Op::kX});
      return absl::OkStatus();
    case TermKind::kConstant:
      if (t.type() != Type::Float()) return absl::UnimplementedError("only Float constants are supported");
      out.push_back({Op::kConst, t.value().as_float()});
      return absl::OkStatus();
    case TermKind::kApply:
      break;
    default:
      return absl::UnimplementedError("unsupported term");
  }
  for (const TermPtr& a : t.args()) {
    if (absl::Status s = Compile(*a, allow_functions, out); !s.ok()) return s;
  }
  const std::string& name = t.op()->name;
  const size_t arity = t.args().size();
  static const std::pair<const char*, Op> kBasic[] = {{"+", Op::kAdd},   {"*", Op::kMul},     {"/", Op::kDiv},
                                                      {"fma", Op::kFma}, {"sqrt", Op::kSqrt}, {"fabs", Op::kAbs}};
  if (name == "-") {
    out.push_back({arity == 1 ? Op::kNeg : Op::kSub});
    return absl::OkStatus();
  }
  for (const auto& [n, op] : kBasic) {
    if (name == n) {
      out.push_back({op});
      return absl::OkStatus();
    }
  }
  if (const ElementaryFunction* f = FindElementaryFunction(name); f != nullptr && allow_functions) {
    out.push_back({Op::kCall, 0, f->evaluate});
    return absl::OkStatus();
  }
  return absl::UnimplementedError(StrCat("'", name, "' cannot be evaluated in float32 here"));
}

// Runs `code` at x in type T (float: the program's float32 arithmetic; double: the fast reference).
template <typename T>
T Run(const std::vector<Instruction>& code, T x) {
  T stack[64];
  int top = 0;
  for (const Instruction& in : code) {
    switch (in.op) {
      case Op::kX:
        stack[top++] = x;
        break;
      case Op::kConst:
        stack[top++] = static_cast<T>(in.constant);
        break;
      case Op::kAdd:
        --top;
        stack[top - 1] = stack[top - 1] + stack[top];
        break;
      case Op::kSub:
        --top;
        stack[top - 1] = stack[top - 1] - stack[top];
        break;
      case Op::kMul:
        --top;
        stack[top - 1] = stack[top - 1] * stack[top];
        break;
      case Op::kDiv:
        --top;
        stack[top - 1] = stack[top - 1] / stack[top];
        break;
      case Op::kFma:
        top -= 2;
        stack[top - 1] = std::fma(stack[top - 1], stack[top], stack[top + 1]);
        break;
      case Op::kSqrt:
        stack[top - 1] = std::sqrt(stack[top - 1]);
        break;
      case Op::kNeg:
        stack[top - 1] = -stack[top - 1];
        break;
      case Op::kAbs:
        stack[top - 1] = std::fabs(stack[top - 1]);
        break;
      case Op::kCall:
        stack[top - 1] = static_cast<T>(in.function(static_cast<double>(stack[top - 1])));
        break;
    }
  }
  return stack[0];
}

// Floats in value order as consecutive integers (negative floats first), and back.
int64_t Key(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  return bits & 0x80000000u ? -static_cast<int64_t>(bits & 0x7fffffffu) : static_cast<int64_t>(bits);
}
float FromKey(int64_t k) {
  return k < 0 ? std::bit_cast<float>(static_cast<uint32_t>(-k) | 0x80000000u)
               : std::bit_cast<float>(static_cast<uint32_t>(k));
}

double UlpsBetween(float got, float want) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want) ? 0 : INFINITY;
  if (got == want) return 0;
  return std::fabs(static_cast<double>(got) - static_cast<double>(want)) / FloatSpacing(want);
}

struct Partial {
  double max_ulps = 0;
  float worst_x = 0;
  uint64_t checked = 0, mpfr_calls = 0;
};

}  // namespace

absl::StatusOr<Float32CheckResult> CheckFloat32Exhaustively(const Term& program, const MathTarget& target,
                                                            int threads) {
  std::vector<Instruction> code, reference;
  if (absl::Status s = Compile(program, false, code); !s.ok()) return s;
  if (absl::Status s = Compile(*target.expression, true, reference); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  // The floats inside [low, high]: round the ends inwards.
  float low = static_cast<float>(target.low), high = static_cast<float>(target.high);
  if (low < target.low) low = std::nextafter(low, INFINITY);
  if (high > target.high) high = std::nextafter(high, -INFINITY);
  const int64_t first = Key(low), last = Key(high);
  threads = std::max(1, threads);
  std::vector<Partial> partial(threads);
  auto work = [&](int t) {
    Partial& p = partial[t];
    const int64_t span = last - first + 1;
    const int64_t from = first + span * t / threads, to = first + span * (t + 1) / threads;
    for (int64_t k = from; k < to; ++k) {
      const float x = FromKey(k);
      const float got = Run<float>(code, x);
      // Double is ~29 bits more precise than float: its rounding to float is the correctly rounded
      // result unless it lies near a float midpoint; there MPFR decides.
      const double d = Run<double>(reference, static_cast<double>(x));
      float want = static_cast<float>(d);
      const float neighbour = std::nextafter(want, d > want ? INFINITY : -INFINITY);
      const double midpoint = (static_cast<double>(want) + static_cast<double>(neighbour)) / 2;
      if (!std::isfinite(d) || std::fabs(d - midpoint) <= std::ldexp(std::fabs(d), -40)) {
        want = target.ReferenceFloat(x);
        ++p.mpfr_calls;
      }
      const double ulps = UlpsBetween(got, want);
      if (!(ulps <= p.max_ulps)) {
        p.max_ulps = ulps;
        p.worst_x = x;
      }
      ++p.checked;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& th : pool) th.join();
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
