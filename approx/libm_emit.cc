#include "approx/libm_emit.h"

#include <bit>
#include <cctype>
#include <sstream>

#include "absl/strings/str_format.h"
#include "approx/c_printer.h"
#include "approx/float_tape.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"

namespace progsearch {
namespace {

std::string Hex(double v) { return absl::StrFormat("%a", v); }
std::string HexFloat(float v) { return absl::StrFormat("%af", static_cast<double>(v)); }

// A table as a C array of doubles, four to a line.
void Table(std::ostream& out, const std::string& name, const std::vector<double>& values) {
  out << "static const double " << name << "[" << values.size() << "] = {";
  for (size_t i = 0; i < values.size(); ++i) out << (i % 4 ? " " : "\n    ") << Hex(values[i]) << ",";
  out << "\n};\n\n";
}

// The error paths, out of line: errno and the exception come from an operation the compiler cannot fold
// (a volatile operand), as glibc's __math_oflowf and friends do.
void ErrorPaths(std::ostream& out, const std::string& name, bool exp_family) {
  if (exp_family) {
    out << "static float " << name << "_overflow(void) {\n"
        << "  volatile float huge = 0x1p97f;\n  errno = ERANGE;\n  return huge * huge;\n}\n\n"
        << "static float " << name << "_underflow(void) {\n"
        << "  volatile float tiny = 0x1p-95f;\n  errno = ERANGE;\n  return tiny * tiny;\n}\n\n"
        << "/* The smallest subnormal, inexact (1.5625·2^-150 rounds up to 2^-149). */\n"
        << "static float " << name << "_tiny(void) {\n"
        << "  volatile float tiny = 0x1.4p-75f;\n  errno = ERANGE;\n  return tiny * tiny;\n}\n\n";
  } else {
    out << "static float " << name << "_pole(void) {\n"
        << "  volatile float zero = 0.0f;\n  errno = ERANGE;\n  return -1.0f / zero;\n}\n\n"
        << "/* A negative x or -inf: NaN, invalid, EDOM; a NaN: quiet NaN (invalid for a signalling one). */\n"
        << "static float " << name << "_invalid(float x, uint32_t ix) {\n"
        << "  volatile float v = x;\n  float y = (v - v) / (v - v);\n"
        << "  if ((ix << 1) <= 0xff000000u) errno = EDOM;\n  return y;\n}\n\n";
  }
}

void ExpBody(std::ostream& out, const LibmPlan& plan, const std::string& name) {
  const int n = 1 << plan.table_bits;
  const char* scale_text = plan.function == LibmFunction::kExp2f  ? " (exact)"
                           : plan.function == LibmFunction::kExpf ? "/ln2"
                                                                  : "·log2(10)";
  const float bound = std::min(plan.overflow_from, -plan.underflow_to);
  const uint32_t top = (std::bit_cast<uint32_t>(bound) >> 20) & 0x7ff;
  out << "static inline float " << name << "(float x) {\n"
      << "  uint32_t ix;\n  memcpy(&ix, &x, sizeof ix);\n"
      << "  /* |x| >= " << HexFloat(std::bit_cast<float>(top << 20)) << ", infinities and NaN */\n"
      << absl::StrFormat("  if (PROGSEARCH_UNLIKELY(((ix >> 20) & 0x7ff) >= 0x%x)) {\n", top)
      << "    if (ix == 0xff800000u) return 0.0f;\n"
      << "    if (((ix >> 20) & 0x7ff) >= 0x7f8) return x + x;\n"
      << "    if (x >= " << HexFloat(plan.overflow_from) << ") return " << name << "_overflow();\n"
      << "    if (x <= " << HexFloat(plan.underflow_to) << ") return " << name << "_underflow();\n"
      << "    if (x < " << HexFloat(plan.tiny_below) << ") return " << name << "_tiny();\n  }\n"
      << "  /* z = x·N" << scale_text << ", k = round(z) by the 1.5·2^52 shift (its low bits hold k), "
      << "r = z - k exact */\n"
      << "  const double z = (double)x * " << Hex(plan.scale) << ";\n"
      << "  double kd = z + 0x1.8p52;\n"
      << "  uint64_t ki;\n  memcpy(&ki, &kd, sizeof ki);\n  kd -= 0x1.8p52;\n"
      << "  const double r = z - kd;\n";
  out << "  /* 2^(k/N) = 2^(k mod N / N) from the table, times 2^floor(k/N) added to its exponent. */\n"
      << "  uint64_t sbits;\n  memcpy(&sbits, &" << name << "_powers[ki & " << n - 1 << "], sizeof sbits);\n"
      << "  sbits += (ki >> " << plan.table_bits << ") << 52;\n"
      << "  double s;\n  memcpy(&s, &sbits, sizeof s);\n"
      << "  /* s·(1 + core): exact where the core is 0 (r = 0) */\n"
      << "  return (float)(s * " << name << "_core(r) + s);\n}\n";
}

void LogBody(std::ostream& out, const LibmPlan& plan, const std::string& name) {
  const int n = 1 << plan.table_bits;
  out << "static inline float " << name << "(float x) {\n"
      << "  uint32_t ix;\n  memcpy(&ix, &x, sizeof ix);\n"
      << "  /* zeros, subnormals, negatives, infinities and NaN */\n"
      << "  if (PROGSEARCH_UNLIKELY(ix - 0x00800000u >= 0x7f800000u - 0x00800000u)) {\n"
      << "    if ((ix << 1) == 0) return " << name << "_pole();\n"
      << "    if (ix == 0x7f800000u) return x;\n"
      << "    if ((ix >> 31) || (ix << 1) >= 0xff000000u) return " << name << "_invalid(x, ix);\n"
      << "    /* a subnormal: scaled into the normal range, its exponent corrected */\n"
      << "    const float scaled = x * 0x1p23f;\n    memcpy(&ix, &scaled, sizeof ix);\n    ix -= 23u << 23;\n  }\n"
      << "  /* x = 2^k·m, m in [" << HexFloat(std::bit_cast<float>(plan.log_offset)) << ", twice that), entry j of m */\n"
      << absl::StrFormat("  const uint32_t tmp = ix - 0x%08xu;\n", plan.log_offset)
      << "  const int k = (int32_t)tmp >> 23;\n"
      << "  const uint32_t j = (tmp >> " << 23 - plan.table_bits << ") & " << n - 1 << ";\n"
      << "  const uint32_t iz = ix - (tmp & 0xff800000u);\n"
      << "  /* m as a double straight from its float bits (exponent rebiased by 1023 - 127): no conversion */\n"
      << "  const uint64_t mbits = ((uint64_t)iz << 29) + (896ull << 52);\n"
      << "  double m;\n  memcpy(&m, &mbits, sizeof m);\n"
      << "  /* exact: a float times a float fits a double, and the product is within a factor 2 of 1 */\n"
      << "  const double r = m * " << name << "_table[2 * j] - 1.0;\n"
      << "  return (float)((" << name << "_exponent[k + " << -plan.lowest_exponent << "] + " << name
      << "_table[2 * j + 1]) + " << name << "_core(r));\n}\n";
}

}  // namespace

std::string LibmCName(LibmFunction function) { return StrCat("progsearch_", LibmName(function)); }

absl::StatusOr<std::string> EmitLibmHeader(const LibmPlan& plan, const LibmCore& core, const std::string& notes) {
  auto body = ProgramToC(*core.program, "r", CArithmetic::kDoubleMultiplyAdd);
  if (!body.ok()) return body.status();
  const std::string name = LibmCName(plan.function);
  std::string guard = name + "_H_";
  for (char& c : guard) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool exp_family = IsExpFamily(plan.function);
  std::ostringstream out;
  out << "// " << name << ": " << LibmName(plan.function)
      << " for every float, generated by `progsearch libm " << LibmName(plan.function) << "`.\n"
      << "//\n// Core (" << core.origin << "), " << core.ops << " operations counted with fma as 2"
      << (plan.folded_ops ? StrCat(", the reconstruction's 1 + included") : "") << " (glibc's polynomial: "
      << plan.glibc_core_ops << "), in double, over x = r:\n//   " << PrintTerm(*core.program) << "\n"
      << absl::StrFormat("// relative error %.3g on [%a, %a] (the reduced interval), against %s.\n",
                         core.max_rel_error, plan.core.low, plan.core.high, plan.core.name)
      << "// Computed in double from the float argument, as glibc's does: a float ULP leaves the core\n"
      << "// about 2^-25 of relative error, and the reduction's double roundings stay near 2^-53.\n"
      << notes;
  out << "#ifndef " << guard << "\n#define " << guard << "\n\n"
      << "#include <errno.h>\n#include <math.h>\n#include <stdint.h>\n#include <string.h>\n\n"
      << "#ifndef PROGSEARCH_UNLIKELY\n#if defined(__GNUC__)\n#define PROGSEARCH_UNLIKELY(c) __builtin_expect(!!(c), 0)\n"
      << "#else\n#define PROGSEARCH_UNLIKELY(c) (c)\n#endif\n#endif\n\n";
  if (exp_family) {
    Table(out, name + "_powers", plan.powers);
  } else {
    // invc and logc side by side: one cache line per lookup.
    std::vector<double> pairs;
    for (size_t j = 0; j < plan.invc.size(); ++j) pairs.insert(pairs.end(), {plan.invc[j], plan.logc[j]});
    Table(out, name + "_table", pairs);
    out << "/* k" << (plan.log_of_two == 1 ? "" : StrCat("·", Hex(plan.log_of_two))) << " for k = "
        << plan.lowest_exponent << " to " << plan.lowest_exponent + static_cast<int>(plan.exponent_terms.size()) - 1
        << ", the exponents of all floats */\n";
    Table(out, name + "_exponent", plan.exponent_terms);
  }
  out << "static inline double " << name << "_core(double r) {\n  return " << *body << ";\n}\n\n";
  ErrorPaths(out, name, exp_family);
  if (exp_family) {
    ExpBody(out, plan, name);
  } else {
    LogBody(out, plan, name);
  }
  out << "\n#endif  /* " << guard << " */\n";
  return out.str();
}

}  // namespace progsearch
