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

TEST_CASE("the C printer's programs, compiled and run, agree with the interpreter", "[verify][operators][c]") {
  // One C function per printable operator over v[0..2], and a main that reads hexadecimal doubles and
  // prints each result's bits: libm is called at run time (no constant folding, no contraction).
  std::mt19937_64 rng(99);
  const std::vector<std::string> names = {"v[0]", "v[1]", "v[2]"};
  std::ostringstream source;
  source << "#include <math.h>\n#include <stdio.h>\n#include <string.h>\n#include <stdint.h>\n";
  std::vector<const Primitive*> printed;
  for (const Primitive* p : FloatBuiltins()) {
    absl::StatusOr<std::string> c = ProgramToC(*ApplyToVariables(*p), names);
    INFO(p->name);
    CHECK(c.ok() == HasCForm(std::get<FloatOp>(p->opcode)));
    if (!c.ok()) {
      CHECK(absl::IsUnimplemented(c.status()));
      continue;
    }
    source << "static double f" << printed.size() << "(const double* v) { return " << *c << "; }\n";
    printed.push_back(p);
  }
  source << "int main(void) {\n  unsigned k; double v[3];\n"
         << "  while (scanf(\"%u %la %la %la\", &k, &v[0], &v[1], &v[2]) == 4) {\n    double r = 0;\n"
         << "    switch (k) {\n";
  for (size_t k = 0; k < printed.size(); ++k) source << "      case " << k << ": r = f" << k << "(v); break;\n";
  source << "    }\n    uint64_t bits; memcpy(&bits, &r, 8); printf(\"%llu\\n\", (unsigned long long)bits);\n  }\n"
         << "  return 0;\n}\n";
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / StrCat("progsearch_c_", getpid(), "_", rng());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ops.c") << source.str();
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
  std::ofstream(dir / "inputs.txt") << inputs.str();
  const std::string compile = StrCat("cc -std=c11 -O0 -fno-builtin -ffp-contract=off -o '", (dir / "ops").string(),
                                     "' '", (dir / "ops.c").string(), "' -lm");
  REQUIRE(std::system(compile.c_str()) == 0);
  const std::string run = StrCat("'", (dir / "ops").string(), "' < '", (dir / "inputs.txt").string(), "' > '",
                                 (dir / "outputs.txt").string(), "'");
  REQUIRE(std::system(run.c_str()) == 0);
  std::ifstream outputs(dir / "outputs.txt");
  size_t i = 0;
  for (uint64_t bits; outputs >> bits; ++i) {
    REQUIRE(i < want.size());
    INFO(described[i]);
    CHECK(SameFloat(std::bit_cast<double>(bits), want[i]));
  }
  CHECK(i == want.size());
  std::filesystem::remove_all(dir);
}

}  // namespace progsearch
