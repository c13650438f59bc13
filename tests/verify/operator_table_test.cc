// The operator table, walked: every built-in primitive the registry gives (every family at every argument
// type a pool of types reaches) is applied to random arguments, and every backend that claims its opcode
// must agree with the interpreter there:
// - Z3 (Float64: bit for bit; Float32: against the tape's float arithmetic; Real: encodes),
// - the C printer (a generated program, compiled with the system C compiler and run),
// - MPFR (correctly rounded operators exactly, libm's elementary functions within a few ULPs),
// - the straight-line float evaluator (values bit for bit, derivatives against finite differences).
// A backend that does not claim an opcode must refuse it, with Unimplemented where it returns a status.
#include <unistd.h>

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <variant>

#include "absl/strings/str_format.h"
#include "approx/c_printer.h"
#include "approx/float_tape.h"
#include "approx/math_target.h"
#include "core/str_cat.h"
#include "formats/program_reader.h"
#include "dsl/random_term.h"
#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::SameFloat;

constexpr int kSamples = 40;  // random argument lists per primitive

// Every built-in instance the registry gives for argument lists of up to four types from a pool that
// has each sort at least once (bit-vectors at three widths); each primitive once.
std::vector<const Primitive*> AllBuiltins(std::set<std::string>* names_reached) {
  const std::vector<Type> pool = {Type::Int(),      Type::Bool(),     Type::String(),   Type::Float(),
                                  *Type::BitVec(1), *Type::BitVec(8), *Type::BitVec(64)};
  std::vector<const Primitive*> out;
  std::set<const Primitive*> seen;
  const PrimitiveRegistry& r = BuiltinRegistry();
  for (const std::string& name : r.Names()) {
    std::vector<Type> args;
    auto walk = [&](auto&& self, size_t arity) -> void {
      if (args.size() == arity) {
        auto p = r.Resolve(name, args);
        if (!p.ok()) return;
        names_reached->insert(name);
        if (seen.insert(*p).second) out.push_back(*p);
        return;
      }
      for (const Type& t : pool) {
        args.push_back(t);
        self(self, arity);
        args.pop_back();
      }
    };
    for (size_t arity = 0; arity <= 4; ++arity) walk(walk, arity);
  }
  return out;
}

TermPtr ApplyTo(const Primitive& p, const std::vector<Value>& values) {
  std::vector<TermPtr> args;
  for (const Value& v : values) args.push_back(Term::Constant(v));
  return Term::Apply(&p, p.result, std::move(args));
}

TermPtr ApplyToVariables(const Primitive& p) {
  std::vector<TermPtr> args;
  for (size_t i = 0; i < p.arg_types.size(); ++i) {
    args.push_back(Term::Variable(static_cast<int>(i), StrCat("v", i), p.arg_types[i]));
  }
  return Term::Apply(&p, p.result, std::move(args));
}

std::vector<Value> RandomArguments(const Primitive& p, std::mt19937_64& rng) {
  std::vector<Value> values;
  for (const Type& t : p.arg_types) values.push_back(RandomValue(t, rng));
  return values;
}

std::string Describe(const Primitive& p, const std::vector<Value>& values) {
  std::string out = StrCat("(", p.name);
  for (const Value& v : values) out += StrCat(" ", v.ToString());
  return out + ")";
}

// The distance between two doubles in units of the spacing at the larger one (0 when both are NaN or
// equal, infinity when only one is NaN or they differ in an infinity).
double UlpDistance(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INFINITY;
  if (a == b) return 0;
  if (!std::isfinite(a) || !std::isfinite(b)) return INFINITY;
  const double larger = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) / (std::nextafter(larger, INFINITY) - larger);
}

const std::vector<const Primitive*>& Builtins() {
  static const std::vector<const Primitive*> all = [] {
    std::set<std::string> reached;
    return AllBuiltins(&reached);
  }();
  return all;
}

std::vector<const Primitive*> FloatBuiltins() {
  std::vector<const Primitive*> out;
  for (const Primitive* p : Builtins()) {
    if (std::holds_alternative<FloatOp>(p->opcode)) out.push_back(p);
  }
  return out;
}

}  // namespace

TEST_CASE("every registered operator has an opcode that names it", "[verify][operators]") {
  std::set<std::string> reached;
  const std::vector<const Primitive*> all = AllBuiltins(&reached);
  // The type pool reaches every name the registry knows (aliases included), so nothing below is skipped.
  for (const std::string& name : BuiltinRegistry().Names()) {
    INFO(name);
    CHECK(reached.count(name) == 1);
  }
  std::set<Opcode> opcodes;
  for (const Primitive* p : all) {
    INFO(p->name);
    CHECK_FALSE(std::holds_alternative<std::monostate>(p->opcode));
    CHECK(OpName(p->opcode) == p->name);
    opcodes.insert(p->opcode);
  }
  // Every enumerator of every domain is registered.
  CHECK(static_cast<int>(opcodes.size()) == NumOps<CoreOp>() + NumOps<IntOp>() + NumOps<StringOp>() +
                                                NumOps<BitVecOp>() + NumOps<FloatOp>() + NumOps<SheetOp>());
}

TEST_CASE("Z3 agrees with the interpreter on every operator it encodes", "[verify][operators][z3]") {
  std::mt19937_64 rng(20261129);
  z3::context ctx;
  Z3Encoder encoder(ctx);
  int compared = 0;
  for (const Primitive* p : Builtins()) {
    const bool claimed = Z3Encodes(p->opcode);
    for (int s = 0; s < kSamples; ++s) {
      const std::vector<Value> args = RandomArguments(*p, rng);
      const TermPtr term = ApplyTo(*p, args);
      INFO(Describe(*p, args));
      absl::StatusOr<z3::expr> e = encoder.Encode(*term);
      if (!claimed) {
        CHECK(absl::IsUnimplemented(e.status()));
        break;
      }
      REQUIRE(e.ok());
      // The interpreter fails where SMT-LIB has a value it cannot hold (Int overflow): nothing to compare.
      absl::StatusOr<Value> want = Interpreter().EvaluateGround(*term);
      if (!want.ok()) continue;
      absl::StatusOr<Value> got = EvaluateWithZ3(*e, p->result);
      REQUIRE(got.ok());
      CHECK(*got == *want);
      ++compared;
    }
  }
  CHECK(compared > 5000);
}

TEST_CASE("the Float32 and Real encodings take what they claim", "[verify][operators][z3]") {
  std::mt19937_64 rng(7);
  z3::context ctx;
  Z3Encoder float32(ctx, {}, nullptr, FloatEncoding::kFloat32);
  Z3Encoder real(ctx, {}, nullptr, FloatEncoding::kReal);
  for (const Primitive* p : FloatBuiltins()) {
    const FloatOp op = std::get<FloatOp>(p->opcode);
    // Finite arguments of moderate size: the Real encoding has no infinities.
    std::vector<Value> args;
    for (size_t i = 0; i < p->arg_types.size(); ++i) args.push_back(Value::Float(0.75 + 0.5 * static_cast<double>(i)));
    const TermPtr term = ApplyTo(*p, args);
    INFO(Describe(*p, args));
    CHECK(Z3Encoder(ctx, {}, nullptr, FloatEncoding::kReal).Encode(*term).ok() ==
          Z3Encodes(p->opcode, FloatEncoding::kReal));
    absl::StatusOr<z3::expr> e32 = float32.Encode(*term);
    REQUIRE(e32.ok() == Z3Encodes(p->opcode, FloatEncoding::kFloat32));
    if (!e32.ok() || !TapeEvaluates(op) || p->result != Type::Float()) continue;
    // Float32 semantics twice over: Z3's (_ FloatingPoint 8 24) and the tape's float arithmetic.
    TermPtr x = Term::Variable(0, "x", Type::Float());
    for (int s = 0; s < kSamples; ++s) {
      std::vector<Value> values = RandomArguments(*p, rng);
      const float xf = static_cast<float>(values[0].as_float());
      std::vector<TermPtr> operands = {x};
      for (size_t i = 1; i < values.size(); ++i) operands.push_back(Term::Constant(values[i]));
      std::optional<FloatTape> tape = FloatTape::Compile(*Term::Apply(p, p->result, operands));
      REQUIRE(tape);
      std::vector<float> scratch;
      const float from_tape = tape->EvaluateFloat(xf, tape->parameters(), scratch);
      values[0] = Value::Float(xf);
      absl::StatusOr<z3::expr> e = float32.Encode(*ApplyTo(*p, values));
      REQUIRE(e.ok());
      absl::StatusOr<Value> from_z3 = EvaluateWithZ3(*e, Type::Float());
      REQUIRE(from_z3.ok());
      INFO(Describe(*p, values) << " tape " << from_tape << " Z3 " << from_z3->as_float());
      CHECK(SameFloat(from_z3->as_float(), from_tape));
    }
  }
}

TEST_CASE("MPFR's references agree with the interpreter on every Float operator", "[verify][operators][mpfr]") {
  std::mt19937_64 rng(1129);
  for (const Primitive* p : FloatBuiltins()) {
    const FloatOp op = std::get<FloatOp>(p->opcode);
    const TermPtr program = ApplyToVariables(*p);
    INFO(p->name);
    if (!HasMpfrReference(op)) {
      CHECK(absl::IsUnimplemented(EvaluateExactly(*program, std::vector<double>(p->arg_types.size(), 1.0)).status()));
      continue;
    }
    for (int s = 0; s < kSamples; ++s) {
      std::vector<double> xs;
      for (const Type& t : p->arg_types) xs.push_back(RandomValue(t, rng).as_float());
      std::vector<Value> values;
      for (double x : xs) values.push_back(Value::Float(x));
      absl::StatusOr<double> exact = EvaluateExactly(*program, xs);
      REQUIRE(exact.ok());
      const double interpreted = Interpreter().EvaluateGround(*ApplyTo(*p, values))->as_float();
      INFO(Describe(*p, values) << " MPFR " << *exact << " interpreter " << interpreted);
      // IEEE operations are correctly rounded, so MPFR's one rounding gives the interpreter's double
      // (up to the sign of a zero from fmin / fmax); libm's elementary functions are within a few ULPs.
      if (IsElementary(op)) {
        CHECK(UlpDistance(*exact, interpreted) <= 4);
      } else {
        CHECK((*exact == interpreted || (std::isnan(*exact) && std::isnan(interpreted))));
      }
    }
  }
}

TEST_CASE("the tape evaluates every operator it claims as the interpreter does", "[verify][operators][tape]") {
  std::mt19937_64 rng(42);
  const TermPtr x = Term::Variable(0, "x", Type::Float());
  for (const Primitive* p : FloatBuiltins()) {
    const FloatOp op = std::get<FloatOp>(p->opcode);
    INFO(p->name);
    std::vector<TermPtr> operands = {x};
    for (size_t i = 1; i < p->arg_types.size(); ++i) operands.push_back(Term::Constant(Value::Float(0.5)));
    const TermPtr shape = Term::Apply(p, p->result, operands);
    CHECK(FloatTape::Compile(*shape, TapeOperators::kWithElementary).has_value() ==
          TapeEvaluates(op, TapeOperators::kWithElementary));
    CHECK(FloatTape::Compile(*shape).has_value() == TapeEvaluates(op));
    if (!TapeEvaluates(op, TapeOperators::kWithElementary)) continue;
    for (int s = 0; s < kSamples; ++s) {
      std::vector<Value> values = RandomArguments(*p, rng);
      std::vector<TermPtr> args = {x};
      for (size_t i = 1; i < values.size(); ++i) args.push_back(Term::Constant(values[i]));
      const TermPtr program = Term::Apply(p, p->result, args);
      std::optional<FloatTape> tape = FloatTape::Compile(*program, TapeOperators::kWithElementary);
      REQUIRE(tape);
      std::vector<double> scratch;
      const double got = tape->Evaluate(values[0].as_float(), tape->parameters(), nullptr, scratch);
      const double want = Interpreter().EvaluateGround(*ApplyTo(*p, values))->as_float();
      INFO(Describe(*p, values) << " tape " << got << " interpreter " << want);
      CHECK(SameFloat(got, want));
    }
    // Derivatives with respect to the constants, against central differences where the operator is
    // smooth (moderate arguments, away from fmin / fmax ties and poles).
    for (double at : {0.3, 0.7, 1.3}) {
      std::vector<TermPtr> args = {Term::Constant(Value::Float(at))};
      for (size_t i = 1; i < p->arg_types.size(); ++i) args.push_back(Term::Constant(Value::Float(0.45 + 0.4 * i)));
      std::optional<FloatTape> tape =
          FloatTape::Compile(*Term::Apply(p, p->result, args), TapeOperators::kWithElementary);
      REQUIRE(tape);
      std::vector<double> gradient(tape->num_parameters()), scratch;
      tape->Evaluate(0, tape->parameters(), gradient.data(), scratch);
      for (size_t j = 0; j < tape->num_parameters(); ++j) {
        std::vector<double> up = tape->parameters(), down = tape->parameters();
        up[j] += 1e-6;
        down[j] -= 1e-6;
        const double numeric =
            (tape->Evaluate(0, up, nullptr, scratch) - tape->Evaluate(0, down, nullptr, scratch)) / 2e-6;
        INFO("at " << at << ", parameter " << j);
        CHECK(gradient[j] == Approx(numeric).epsilon(1e-5).margin(1e-8));
      }
    }
  }
}

namespace {

// Compiles `functions` (C functions f0, f1, ... of `const T* v` returning T, T being `type`) with a main
// that reads lines "k v0 v1 v2" (hexadecimal) and prints the bits of f_k(v) for each, runs it on `inputs`
// and returns the bits. libm is called at run time (no constant folding) and nothing is contracted.
std::vector<uint64_t> CompileAndRunC(const std::string& type, const std::string& functions, size_t count,
                                     const std::string& inputs) {
  std::ostringstream source;
  source << "#include <math.h>\n#include <stdio.h>\n#include <string.h>\n#include <stdint.h>\n" << functions
         << "int main(void) {\n  unsigned k; double in[3];\n"
         << "  while (scanf(\"%u %la %la %la\", &k, &in[0], &in[1], &in[2]) == 4) {\n"
         << "    " << type << " v[3] = {in[0], in[1], in[2]}, r = 0;\n    switch (k) {\n";
  for (size_t k = 0; k < count; ++k) source << "      case " << k << ": r = f" << k << "(v); break;\n";
  source << "    }\n    uint64_t bits = 0; memcpy(&bits, &r, sizeof r); printf(\"%llu\\n\", (unsigned long long)bits);\n"
         << "  }\n  return 0;\n}\n";
  std::random_device device;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / StrCat("progsearch_c_", getpid(), "_", device());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ops.c") << source.str();
  std::ofstream(dir / "inputs.txt") << inputs;
  const std::string compile = StrCat("cc -std=c11 -O0 -fno-builtin -ffp-contract=off -o '", (dir / "ops").string(),
                                     "' '", (dir / "ops.c").string(), "' -lm");
  REQUIRE(std::system(compile.c_str()) == 0);
  const std::string run = StrCat("'", (dir / "ops").string(), "' < '", (dir / "inputs.txt").string(), "' > '",
                                 (dir / "outputs.txt").string(), "'");
  REQUIRE(std::system(run.c_str()) == 0);
  std::vector<uint64_t> out;
  std::ifstream outputs(dir / "outputs.txt");
  for (uint64_t bits; outputs >> bits;) out.push_back(bits);
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace

TEST_CASE("the C printer's programs, compiled and run, agree with the interpreter", "[verify][operators][c]") {
  // One C function per printable operator over v[0..2].
  std::mt19937_64 rng(99);
  const std::vector<std::string> names = {"v[0]", "v[1]", "v[2]"};
  std::ostringstream functions;
  std::vector<const Primitive*> printed;
  for (const Primitive* p : FloatBuiltins()) {
    absl::StatusOr<std::string> c = ProgramToC(*ApplyToVariables(*p), names);
    INFO(p->name);
    CHECK(c.ok() == HasCForm(std::get<FloatOp>(p->opcode)));
    if (!c.ok()) {
      CHECK(absl::IsUnimplemented(c.status()));
      continue;
    }
    functions << "static double f" << printed.size() << "(const double* v) { return " << *c << "; }\n";
    printed.push_back(p);
  }
  // Inputs and the values the interpreter gives for them.
  std::ostringstream inputs;
  std::vector<double> want;
  std::vector<std::string> described;
  for (size_t k = 0; k < printed.size(); ++k) {
    for (int s = 0; s < kSamples; ++s) {
      std::vector<Value> values = RandomArguments(*printed[k], rng);
      double v[3] = {0, 0, 0};
      for (size_t i = 0; i < values.size(); ++i) v[i] = values[i].as_float();
      inputs << k << absl::StrFormat(" %a %a %a\n", v[0], v[1], v[2]);
      want.push_back(Interpreter().EvaluateGround(*ApplyTo(*printed[k], values))->as_float());
      described.push_back(Describe(*printed[k], values));
    }
  }
  const std::vector<uint64_t> got = CompileAndRunC("double", functions.str(), printed.size(), inputs.str());
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO(described[i]);
    CHECK(SameFloat(std::bit_cast<double>(got[i]), want[i]));
  }
}

TEST_CASE("in float arithmetic the C printer's programs compute what the float32 tape computes",
          "[threads][verify][operators][c]") {
  // Per printable operator: the operator on x = v[0] and constants (random doubles, which the tape and
  // the printer each round to float), then nested in a sum with a constant, so rounding between
  // operations is checked too.
  std::mt19937_64 rng(1603);
  const TermPtr x = Term::Variable(0, "x", Type::Float());
  const std::vector<Type> two_floats = {Type::Float(), Type::Float()};
  const Primitive* add = *BuiltinRegistry().Resolve("+", two_floats);
  std::ostringstream functions, inputs;
  std::vector<float> want;
  std::vector<std::string> described;
  size_t count = 0;
  for (const Primitive* p : FloatBuiltins()) {
    const FloatOp op = std::get<FloatOp>(p->opcode);
    if (!HasCForm(op) || !TapeEvaluates(op, TapeOperators::kWithElementary)) continue;
    for (int s = 0; s < kSamples; ++s) {
      std::vector<Value> values = RandomArguments(*p, rng);
      std::vector<TermPtr> operands = {x};
      for (size_t i = 1; i < values.size(); ++i) operands.push_back(Term::Constant(values[i]));
      TermPtr program = Term::Apply(p, p->result, operands);
      if (s % 2) program = Term::Apply(add, Type::Float(), {program, Term::Constant(values[0])});
      absl::StatusOr<std::string> c = ProgramToC(*program, "v[0]", CArithmetic::kFloat);
      REQUIRE(c.ok());
      functions << "static float f" << count << "(const float* v) { return " << *c << "; }\n";
      const float xf = static_cast<float>(values[0].as_float());
      inputs << count << absl::StrFormat(" %a 0 0\n", xf);
      std::optional<FloatTape> tape = FloatTape::Compile(*program, TapeOperators::kWithElementary);
      REQUIRE(tape);
      std::vector<float> scratch;
      want.push_back(tape->EvaluateFloat(xf, tape->parameters(), scratch));
      described.push_back(StrCat(PrintTerm(*program), " at ", absl::StrFormat("%a", xf), ": ", *c));
      ++count;
    }
  }
  const std::vector<uint64_t> got = CompileAndRunC("float", functions.str(), count, inputs.str());
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO(described[i]);
    const float from_c = std::bit_cast<float>(static_cast<uint32_t>(got[i]));
    CHECK(SameFloat(from_c, want[i]));
  }
}

}  // namespace progsearch
