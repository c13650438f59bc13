// Known encodings: each program is evaluated by the interpreter and by Z3 through the encoder, and both
// must give the value SMT-LIB 2.6 prescribes.
#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <utility>

#include "core/str_cat.h"
#include "core/utf8.h"
#include "formats/program_reader.h"
#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::EvaluateBothWays;
using verify_test::Read;
using verify_test::SameFloat;

void Expect(std::string_view text, const Value& expected) {
  verify_test::BothWays v = EvaluateBothWays(text);
  INFO(text);
  CHECK(v.interpreter == expected);
  CHECK(v.z3 == expected);
}

Type Bv(int w) { return *Type::BitVec(w); }

TEST_CASE("Int division is Euclidean and total", "[verify]") {
  Expect("(div (- 7) 2)", Value::Int(-4));
  Expect("(mod (- 7) 2)", Value::Int(1));
  Expect("(div (- 7) (- 2))", Value::Int(4));
  Expect("(mod (- 7) (- 2))", Value::Int(1));
  Expect("(div 7 (- 2))", Value::Int(-3));
  // Division by zero: SMT-LIB leaves it open; the interpreter and the encoding fix div 0 and mod x.
  Expect("(div (- 7) 0)", Value::Int(0));
  Expect("(mod (- 7) 0)", Value::Int(-7));
  // Divisor INT64_MIN, whose absolute value int64 cannot hold.
  Expect("(mod (- 5) (- (- 9223372036854775807) 1))", Value::Int(9223372036854775803));
  Expect("(div (- 5) (- (- 9223372036854775807) 1))", Value::Int(1));
  Expect("(mod (- (- 9223372036854775807) 1) (- 1))", Value::Int(0));
  Expect("(abs (- 3))", Value::Int(3));
  Expect("(- 1 2 3)", Value::Int(-4));
}

TEST_CASE("Bit-vector division by zero follows SMT-LIB", "[verify]") {
  Expect("(bvudiv #x05 #x00)", Value::BitVec(Bv(8), 0xff));
  Expect("(bvurem #x05 #x00)", Value::BitVec(Bv(8), 0x05));
  Expect("(bvsdiv #xfb #x00)", Value::BitVec(Bv(8), 0x01));
  Expect("(bvsdiv #x05 #x00)", Value::BitVec(Bv(8), 0xff));
  Expect("(bvsrem #xfb #x00)", Value::BitVec(Bv(8), 0xfb));
  Expect("(bvsmod #xfb #x00)", Value::BitVec(Bv(8), 0xfb));
  Expect("(bvsmod #xfb #x03)", Value::BitVec(Bv(8), 0x01));
  Expect("(bvudiv #x0000000000000007 #x0000000000000000)", Value::BitVec(Bv(64), ~uint64_t{0}));
  Expect("(bvudiv (_ bv7 13) (_ bv0 13))", Value::BitVec(Bv(13), 0x1fff));
  Expect("(bvashr #x80 #x09)", Value::BitVec(Bv(8), 0xff));
  Expect("(bvshl #x01 #x08)", Value::BitVec(Bv(8), 0x00));
  Expect("(bvnand #x0f #x3c)", Value::BitVec(Bv(8), 0xf3));
  Expect("(bvxnor #x0f #x3c)", Value::BitVec(Bv(8), 0xcc));
  Expect("(bvslt #x80 #x7f)", Value::Bool(true));
}

TEST_CASE("String corner cases follow SMT-LIB 2.6", "[verify]") {
  Expect(R"((str.replace "abc" "" "X"))", Value::String("Xabc"));  // an empty pattern prepends
  Expect(R"((str.replace "" "" "X"))", Value::String("X"));
  Expect(R"((str.replace "aaa" "a" ""))", Value::String("aa"));
  Expect(R"((str.replace_all "abab" "ab" "X"))", Value::String("XX"));
  Expect(R"((str.replace_all "abab" "" "X"))", Value::String("abab"));
  Expect(R"((str.indexof "abc" "" 3))", Value::Int(3));
  Expect(R"((str.indexof "abc" "" 4))", Value::Int(-1));
  Expect(R"((str.indexof "abc" "c" 3))", Value::Int(-1));
  Expect(R"((str.indexof "abc" "" (- 1)))", Value::Int(-1));
  Expect(R"((str.at "abc" 3))", Value::String(""));
  Expect(R"((str.substr "abc" 1 10))", Value::String("bc"));
  Expect(R"((str.substr "abc" 1 (- 1)))", Value::String(""));
  Expect(R"((str.substr "abc" 1 9223372036854775807))", Value::String("bc"));
  Expect(R"((str.prefixof "ab" "abc"))", Value::Bool(true));  // (str.prefixof s t): s is a prefix of t
  Expect(R"((str.prefixof "abc" "ab"))", Value::Bool(false));
  Expect(R"((str.suffixof "bc" "abc"))", Value::Bool(true));
  Expect(R"((str.contains "abc" "bc"))", Value::Bool(true));
  Expect(R"((str.contains "bc" "abc"))", Value::Bool(false));
  Expect(R"((str.< "ab" "b"))", Value::Bool(true));
  Expect(R"((str.<= "" ""))", Value::Bool(true));
  Expect(R"((str.is_digit "7"))", Value::Bool(true));
  Expect(R"((str.is_digit "77"))", Value::Bool(false));
  Expect(R"((str.to_int ""))", Value::Int(-1));
  Expect(R"((str.to_int "0012"))", Value::Int(12));
  Expect(R"((str.to_int "-1"))", Value::Int(-1));
  Expect(R"((str.from_int (- 3)))", Value::String(""));
  Expect(R"((str.from_int 9223372036854775807))", Value::String("9223372036854775807"));
  Expect(R"((str.++ "a" "b" "c"))", Value::String("abc"));
}

// Strings are bytes to the interpreter and code points to Z3: byte b is character b, so bytes above
// 0x7f must order after ASCII (unsigned comparison) and never count as digits.
TEST_CASE("Characters beyond ASCII are code points, in the interpreter and in Z3", "[verify]") {
  const PrimitiveRegistry& r = BuiltinRegistry();
  auto str = [](std::string v) { return Term::Constant(Value::String(std::move(v))); };
  auto num = [](int64_t v) { return Term::Constant(Value::Int(v)); };
  auto apply = [&r](std::string_view name, std::vector<TermPtr> args) {
    std::vector<Type> types;
    for (const TermPtr& a : args) types.push_back(a->type());
    const Primitive* op = *r.Resolve(name, types);
    return Term::Apply(op, op->result, std::move(args));
  };
  const std::string mixed = "a\u00e9\u20ac\U0001F600";  // characters of 1, 2, 3 and 4 UTF-8 bytes
  const std::string surrogate = "\xed\xa0\x80";           // U+D800, a character to SMT-LIB
  const std::pair<TermPtr, Value> cases[] = {
      {apply("str.len", {str(mixed)}), Value::Int(4)},
      {apply("str.len", {str(surrogate)}), Value::Int(1)},
      {apply("str.at", {str(mixed), num(2)}), Value::String("\u20ac")},
      {apply("str.at", {str(mixed), num(4)}), Value::String("")},
      {apply("str.substr", {str(mixed), num(1), num(2)}), Value::String("\u00e9\u20ac")},
      {apply("str.substr", {str(mixed), num(3), num(9)}), Value::String("\U0001F600")},
      {apply("str.indexof", {str(mixed), str("\U0001F600"), num(0)}), Value::Int(3)},
      {apply("str.indexof", {str("\u00e9\u20ac\u00e9"), str("\u00e9"), num(1)}), Value::Int(2)},
      {apply("str.indexof", {str(mixed), str(""), num(4)}), Value::Int(4)},
      {apply("str.indexof", {str(mixed), str(""), num(5)}), Value::Int(-1)},
      {apply("str.replace", {str("Jos\u00e9"), str("\u00e9"), str("e")}), Value::String("Jose")},
      {apply("str.<", {str("\u00e9"), str("z")}), Value::Bool(false)},
      {apply("str.<", {str("z"), str("\U0001F600")}), Value::Bool(true)},
      {apply("str.<", {str("\ud7ff"), str(surrogate)}), Value::Bool(true)},
      {apply("str.<", {str(surrogate), str("\ue000")}), Value::Bool(true)},
      {apply("str.<=", {str(std::string("\xc3\xbf\x00", 3)), str("\u00ff")}), Value::Bool(false)},
      {apply("str.to_int", {str("1\u00b9")}), Value::Int(-1)},
      {apply("str.is_digit", {str("\u00b2")}), Value::Bool(false)},
      {apply("str.prefixof", {str("\u00e9"), str(mixed)}), Value::Bool(false)},
      {apply("str.++", {str("\\u{41}"), str(std::string("\x00", 1))}), Value::String(std::string("\\u{41}\x00", 7))},
  };
  for (const auto& [term, expected] : cases) {
    INFO(PrintTerm(*term));
    absl::StatusOr<Value> iv = Interpreter().EvaluateGround(*term);
    REQUIRE(iv.ok());
    CHECK(*iv == expected);
    z3::context ctx;
    Z3Encoder encoder(ctx);
    absl::StatusOr<z3::expr> e = encoder.Encode(*term);
    REQUIRE(e.ok());
    absl::StatusOr<Value> zv = EvaluateWithZ3(*e, term->type());
    INFO(zv.status().ToString());
    REQUIRE(zv.ok());
    CHECK(*zv == expected);
  }
}

TEST_CASE("Macros expand and synth-funs use their bound candidate", "[verify]") {
  PrimitiveRegistry registry(&BuiltinRegistry());
  TermPtr body = Read("(+ x x)", registry, {{"x", Type::Int()}});
  REQUIRE(registry.AddMacro("double", {"x"}, {Type::Int()}, Type::Int(), body).ok());
  TermPtr clamp = Read("(ite (< x lo) lo (double x))", registry, {{"x", Type::Int()}, {"lo", Type::Int()}});
  REQUIRE(registry.AddMacro("clamp", {"x", "lo"}, {Type::Int(), Type::Int()}, Type::Int(), clamp).ok());

  verify_test::BothWays v = EvaluateBothWays("(double (clamp 3 (- 1)))", registry);
  CHECK(v.interpreter == Value::Int(12));
  CHECK(v.z3 == Value::Int(12));

  absl::StatusOr<const Primitive*> f = registry.AddSynthFun("f", {Type::Int()}, Type::Int());
  REQUIRE(f.ok());
  TermPtr call = Read("(f (double 4))", registry);
  z3::context ctx;
  {
    Z3Encoder unbound(ctx);
    CHECK(absl::IsUnimplemented(unbound.Encode(*call).status()));
  }
  SynthBindings bindings;
  bindings[*f] = Read("(+ x 1)", registry, {{"x", Type::Int()}});
  Z3Encoder encoder(ctx, {}, &bindings);
  absl::StatusOr<z3::expr> e = encoder.Encode(*call);
  REQUIRE(e.ok());
  absl::StatusOr<Value> zv = EvaluateWithZ3(*e, Type::Int());
  REQUIRE(zv.ok());
  CHECK(*zv == Value::Int(9));
  absl::StatusOr<ValueColumn> iv = Interpreter().Evaluate(*call, {}, 1, &bindings);
  REQUIRE(iv.ok());
  CHECK(iv->Get(0) == Value::Int(9));
}

TEST_CASE("Variables become Z3 constants a solver can reason about", "[verify]") {
  std::vector<Declaration> vars = {{"x", Type::Int()}, {"s", Type::String()}, {"b", Bv(13)}};
  TermPtr t = Read("(and (= (+ x (* 2 (str.len s))) 7) (str.prefixof \"ab\" s) (= b (bvneg (_ bv1 13))))",
                   BuiltinRegistry(), vars);
  z3::context ctx;
  Z3Encoder encoder(ctx, vars);
  absl::StatusOr<z3::expr> e = encoder.Encode(*t);
  REQUIRE(e.ok());
  z3::solver solver(ctx);
  solver.add(*e);
  solver.add(encoder.variables()[0] == 1);
  REQUIRE(solver.check() == z3::sat);
  z3::model m = solver.get_model();
  absl::StatusOr<Value> s = ValueFromZ3(m.eval(encoder.variables()[1], true), Type::String());
  REQUIRE(s.ok());
  CHECK(s->as_string().size() == 3);
  CHECK(s->as_string().starts_with("ab"));
  absl::StatusOr<Value> b = ValueFromZ3(m.eval(encoder.variables()[2], true), Bv(13));
  REQUIRE(b.ok());
  CHECK(*b == Value::BitVec(Bv(13), 0x1fff));

  // The interpreter agrees on the model.
  std::vector<ValueColumn> inputs;
  inputs.push_back(ValueColumn::FromValues(Type::Int(), std::vector<Value>{Value::Int(1)}));
  inputs.push_back(ValueColumn::FromValues(Type::String(), std::vector<Value>{*s}));
  inputs.push_back(ValueColumn::FromValues(Bv(13), std::vector<Value>{*b}));
  absl::StatusOr<ValueColumn> out = Interpreter().Evaluate(*t, inputs, 1);
  REQUIRE(out.ok());
  CHECK(out->Get(0) == Value::Bool(true));
}

TEST_CASE("Float corner cases follow IEEE-754 as the interpreter computes them", "[verify]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Expect("(/ 1.0 0.0)", Value::Float(inf));
  Expect("(/ 1.0 (- 0.0))", Value::Float(-inf));
  Expect("(/ 0.0 0.0)", Value::Float(nan));
  Expect("(sqrt (- 1.0))", Value::Float(nan));
  Expect("(sqrt (- 0.0))", Value::Float(-0.0));
  Expect("(- 0.0)", Value::Float(-0.0));
  Expect("(- 0.0 0.0)", Value::Float(0.0));
  Expect("(+ (- 0.0) (- 0.0))", Value::Float(-0.0));
  Expect("(fabs (- 0.0))", Value::Float(0.0));
  Expect("(+ 0.1 0.2)", Value::Float(0.1 + 0.2));
  // Decimals in programs have no exponent: print the extremes the way the reader takes them. The least
  // subnormal is DBL_MIN * 2^-52 (the reader cannot take a subnormal literal).
  const std::string huge = Value::Float(1e308).ToString();
  const std::string least =
      StrCat("(* ", Value::Float(DBL_MIN).ToString(), " ", Value::Float(DBL_EPSILON).ToString(), ")");
  Expect(StrCat("(* ", huge, " 10.0)"), Value::Float(inf));
  Expect(StrCat("(* ", least, " 0.5)"), Value::Float(0.0));  // the tie rounds to the even neighbour, 0
  Expect(StrCat("(* ", least, " 1.5)"), Value::Float(1e-323));
  // fma rounds once: 0.1 * 10 is exactly 1 + 2^-54, which a separate multiplication rounds away.
  Expect("(fma 0.1 10.0 (- 1.0))", Value::Float(std::ldexp(1.0, -54)));
  Expect("(- (* 0.1 10.0) 1.0)", Value::Float(0.0));
  // `=` is identity: every NaN equals every NaN, the zeros differ; comparisons are IEEE's.
  Expect("(= (/ 0.0 0.0) (sqrt (- 1.0)))", Value::Bool(true));
  Expect("(= 0.0 (- 0.0))", Value::Bool(false));
  Expect("(<= 0.0 (- 0.0))", Value::Bool(true));
  Expect("(< (/ 0.0 0.0) 1.0)", Value::Bool(false));
  Expect("(>= (/ 0.0 0.0) (/ 0.0 0.0))", Value::Bool(false));
  // fmin / fmax ignore a NaN operand.
  Expect("(fmin (/ 0.0 0.0) 2.0)", Value::Float(2.0));
  Expect("(fmax 2.0 (/ 0.0 0.0))", Value::Float(2.0));
  Expect("(fmin (/ 0.0 0.0) (/ 0.0 0.0))", Value::Float(nan));
  Expect("(fmax (- 1.0) (/ (- 1.0) 0.0))", Value::Float(-1.0));
  // Zeros of opposite signs: C leaves the sign open; whatever the kernel picks, the encoding picks too.
  for (const char* text : {"(fmin 0.0 (- 0.0))", "(fmin (- 0.0) 0.0)", "(fmax 0.0 (- 0.0))", "(fmax (- 0.0) 0.0)"}) {
    verify_test::BothWays v = EvaluateBothWays(text);
    INFO(text);
    CHECK(v.interpreter.as_float() == 0.0);
    CHECK(v.z3 == v.interpreter);
  }
}

TEST_CASE("What has no encoding is Unimplemented", "[verify]") {
  z3::context ctx;
  const std::vector<Declaration> vars = {{"y", Type::Float()}};
  for (FloatEncoding encoding : {FloatEncoding::kFloat64, FloatEncoding::kFloat32, FloatEncoding::kReal}) {
    Z3Encoder encoder(ctx, vars, nullptr, encoding);
    INFO(FloatEncodingName(encoding));
    CHECK(encoder.Encode(*Read("(+ y 2.0)", BuiltinRegistry(), vars)).ok());
    CHECK(encoder.Encode(*Read("(ite (< y 1.5) (fmin y 1.0) (fma y y 1.0))", BuiltinRegistry(), vars)).ok());
    for (const char* f : {"exp", "exp2", "log", "log2", "sin", "cos", "tan", "tanh", "erf"}) {
      absl::StatusOr<z3::expr> e = encoder.Encode(*Read(StrCat("(* 2.0 (", f, " y))"), BuiltinRegistry(), vars));
      INFO(e.status().ToString());
      CHECK(absl::IsUnimplemented(e.status()));
      // The message names the operator and the encoding.
      CHECK(e.status().message().find(StrCat("'", f, "'")) != std::string_view::npos);
      CHECK(e.status().message().find(FloatEncodingName(encoding)) != std::string_view::npos);
    }
    CHECK(absl::IsInvalidArgument(encoder.Encode(*Term::Variable(3, "z", Type::Int())).status()));
  }
  // Reals have no square root, infinity or NaN, and x / 0 has no Real value the interpreter would agree with.
  Z3Encoder real(ctx, vars, nullptr, FloatEncoding::kReal);
  for (const char* text : {"(sqrt y)", "(+ y (/ 1.0 0.0))", "(/ y 0.0)", "(/ y (- 0.0))"}) {
    INFO(text);
    CHECK(absl::IsUnimplemented(real.Encode(*Read(text, BuiltinRegistry(), vars)).status()));
  }
  CHECK(absl::IsUnimplemented(
      real.Encode(*Term::Constant(Value::Float(std::numeric_limits<double>::infinity()))).status()));
  CHECK(absl::IsUnimplemented(
      real.Encode(*Term::Constant(Value::Float(std::numeric_limits<double>::quiet_NaN()))).status()));
  // (/ 1.0 0.0) is a Float64 infinity, though.
  CHECK(Z3Encoder(ctx, vars).Encode(*Read("(/ y 0.0)", BuiltinRegistry(), vars)).ok());
}

TEST_CASE("Float values round-trip bit for bit in Float64 and Float32", "[verify]") {
  z3::context ctx;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> doubles = {0.0,
                                 -0.0,
                                 1.0,
                                 -1.0,
                                 0.1,
                                 1.0 / 3,
                                 -2.5,
                                 inf,
                                 -inf,
                                 std::numeric_limits<double>::quiet_NaN(),
                                 std::numeric_limits<double>::denorm_min(),
                                 -std::numeric_limits<double>::denorm_min(),
                                 std::nextafter(DBL_MIN, 0.0),
                                 DBL_MIN,
                                 DBL_MAX,
                                 -DBL_MAX,
                                 1e-310,
                                 9007199254740993.0};
  std::mt19937_64 rng(42);
  for (int i = 0; i < 2000; ++i) doubles.push_back(std::bit_cast<double>(rng()));
  for (double d : doubles) {
    INFO(std::bit_cast<uint64_t>(d));
    absl::StatusOr<z3::expr> e = ValueToZ3(ctx, Value::Float(d));
    REQUIRE(e.ok());
    CHECK(e->get_sort().fpa_ebits() == 11);
    CHECK(e->get_sort().fpa_sbits() == 53);
    for (const z3::expr& literal : {*e, e->simplify()}) {
      absl::StatusOr<Value> back = ValueFromZ3(literal, Type::Float());
      REQUIRE(back.ok());
      CHECK(SameFloat(back->as_float(), d));
    }
  }

  // Float32: every float comes back as the same float, widened.
  std::vector<float> floats = {0.0f,
                               -0.0f,
                               1.0f,
                               0.1f,
                               FLT_MAX,
                               -FLT_MAX,
                               FLT_MIN,
                               std::nextafter(FLT_MIN, 0.0f),
                               std::numeric_limits<float>::denorm_min(),
                               std::numeric_limits<float>::infinity(),
                               std::numeric_limits<float>::quiet_NaN()};
  for (int i = 0; i < 2000; ++i) floats.push_back(std::bit_cast<float>(static_cast<uint32_t>(rng())));
  for (float f : floats) {
    INFO(std::bit_cast<uint32_t>(f));
    absl::StatusOr<z3::expr> e = ValueToZ3(ctx, Value::Float(f), FloatEncoding::kFloat32);
    REQUIRE(e.ok());
    CHECK(e->get_sort().fpa_ebits() == 8);
    CHECK(e->get_sort().fpa_sbits() == 24);
    absl::StatusOr<Value> back = ValueFromZ3(e->simplify(), Type::Float());
    REQUIRE(back.ok());
    CHECK(SameFloat(back->as_float(), static_cast<double>(f)));
  }
  // Doubles that are not floats are rounded to nearest, as float32 arithmetic reads a constant.
  for (double d : {0.1, 1e300, -1e300, 1e-50, -1e-50, 1.0 + DBL_EPSILON, 16777217.0}) {
    INFO(d);
    absl::StatusOr<Value> back = ValueFromZ3(*ValueToZ3(ctx, Value::Float(d), FloatEncoding::kFloat32), Type::Float());
    REQUIRE(back.ok());
    CHECK(SameFloat(back->as_float(), static_cast<double>(static_cast<float>(d))));
  }

  // Not Float values: a variable, an operation, another FP format, another sort.
  z3::expr x = ctx.constant("x", ctx.fpa_sort(11, 53));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(x, Type::Float()).status()));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(z3::expr(ctx, Z3_mk_fpa_abs(ctx, x)), Type::Float()).status()));
  CHECK(absl::IsInvalidArgument(
      ValueFromZ3(z3::expr(ctx, Z3_mk_fpa_numeral_double(ctx, 1.0, ctx.fpa_sort(5, 11))), Type::Float()).status()));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.int_val(1), Type::Float()).status()));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.real_const("r"), Type::Float()).status()));
}

TEST_CASE("Reals are exact and come back as the nearest double", "[verify]") {
  z3::context ctx;
  auto real = [&ctx](double d) {
    absl::StatusOr<z3::expr> e = ValueToZ3(ctx, Value::Float(d), FloatEncoding::kReal);
    REQUIRE(e.ok());
    REQUIRE(e->is_real());
    REQUIRE(e->is_numeral());
    return *e;
  };
  auto nearest = [](const z3::expr& e) {
    absl::StatusOr<Value> v = ValueFromZ3(e.simplify(), Type::Float());
    INFO(e.to_string() << ": " << v.status().ToString());
    REQUIRE(v.ok());
    return v->as_float();
  };
  // Finite doubles are rationals, exactly; the Reals have a single zero.
  for (double d : {1.0, -2.5, 0.1, 1.0 / 3, DBL_MAX, -DBL_MIN, std::numeric_limits<double>::denorm_min(), 1e-310}) {
    INFO(d);
    CHECK(SameFloat(nearest(real(d)), d));
  }
  CHECK(SameFloat(nearest(real(-0.0)), 0.0));
  CHECK(z3::eq(real(-0.0), real(0.0)));
  // 0.1 is not one tenth: the exact rational keeps the double's error.
  CHECK(((real(0.1) * ctx.real_val(10)).simplify() != ctx.real_val(1)).simplify().is_true());
  CHECK(SameFloat(nearest(ctx.real_val(1) / ctx.real_val(3)), 1.0 / 3));

  // Rounding to nearest, ties to even, through the subnormals and past the largest double.
  const z3::expr tiny = real(std::numeric_limits<double>::denorm_min()), half = ctx.real_val(1) / ctx.real_val(2);
  const z3::expr one = real(1.0), eps = real(std::ldexp(1.0, -53));
  CHECK(SameFloat(nearest(one + eps), 1.0));                                      // tie: to even
  CHECK(SameFloat(nearest(one + eps * ctx.real_val(3)), 1.0 + 2 * DBL_EPSILON));  // tie: to even
  CHECK(SameFloat(nearest(one + eps + tiny), 1.0 + DBL_EPSILON));
  CHECK(SameFloat(nearest(tiny * half), 0.0));
  CHECK(SameFloat(nearest(-tiny * half), -0.0));
  CHECK(SameFloat(nearest(tiny * half + tiny * tiny), std::numeric_limits<double>::denorm_min()));
  CHECK(SameFloat(nearest(tiny * ctx.real_val(3) * half), 2 * std::numeric_limits<double>::denorm_min()));
  const z3::expr past_max = real(DBL_MAX) + real(std::ldexp(1.0, 970));  // halfway to 2^1024
  CHECK(SameFloat(nearest(past_max), std::numeric_limits<double>::infinity()));
  CHECK(SameFloat(nearest(-past_max), -std::numeric_limits<double>::infinity()));
  CHECK(SameFloat(nearest(past_max - tiny), DBL_MAX));

  // Irrational values, as nonlinear models give them: sqrt(2), and sqrt(3) * 2^-1074, which needs
  // bounds 330 digits fine to round.
  for (const auto& [square, root] :
       {std::pair{ctx.real_val(2), std::sqrt(2.0)},
        std::pair{ctx.real_val(3) * tiny * tiny, 2 * std::numeric_limits<double>::denorm_min()}}) {
    z3::solver solver(ctx);
    z3::expr r = ctx.real_const("r");
    solver.add(r * r == square && r > 0);
    REQUIRE(solver.check() == z3::sat);
    z3::expr value = solver.get_model().eval(r, true);
    CHECK_FALSE(value.is_numeral());
    absl::StatusOr<Value> v = ValueFromZ3(value, Type::Float());
    INFO(value.to_string() << ": " << v.status().ToString());
    REQUIRE(v.ok());
    CHECK(SameFloat(v->as_float(), root));
  }
}

TEST_CASE("Values round-trip through Z3 literals", "[verify]") {
  z3::context ctx;
  std::string every_latin1, wide;
  for (char32_t c = 0; c < 256; ++c) AppendUtf8(c, every_latin1);
  for (char32_t c : {0x100, 0x7ff, 0x800, 0xd800, 0xdfff, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x2ffff}) AppendUtf8(c, wide);
  const Value values[] = {
      Value::Int(0),
      Value::Int(INT64_MIN),
      Value::Int(INT64_MAX),
      Value::Bool(true),
      Value::Bool(false),
      Value::BitVec(Bv(64), ~uint64_t{0}),
      Value::BitVec(Bv(13), 0x1234),
      Value::BitVec(Bv(1), 1),
      Value::String(""),
      Value::String("a\\u{41}\"\\x41"),  // escape-like text stays text
      Value::String(every_latin1),
      Value::String(wide),
      Value::String("\\" + wide + "\\u{41}"),  // a bare backslash next to wide characters
  };
  for (const Value& v : values) {
    absl::StatusOr<z3::expr> e = ValueToZ3(ctx, v);
    REQUIRE(e.ok());
    absl::StatusOr<Value> back = ValueFromZ3(e->simplify(), v.type());
    INFO(v.ToString() << ": " << back.status().ToString());
    REQUIRE(back.ok());
    CHECK(*back == v);
  }
  // Z3 reads SMT-LIB escapes; what it holds comes back as UTF-8.
  absl::StatusOr<Value> emoji = ValueFromZ3(z3::expr(ctx, Z3_mk_string(ctx, "\\u{1F600}\\u{5c}")), Type::String());
  REQUIRE(emoji.ok());
  CHECK(emoji->as_string() == "\U0001F600\\");
  // Ints beyond int64 likewise.
  CHECK(absl::IsOutOfRange(ValueFromZ3(ctx.int_val("100000000000000000000"), Type::Int()).status()));
  // Not a value: InvalidArgument.
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.int_const("k"), Type::Int()).status()));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.int_val(3), Type::Bool()).status()));
}

}  // namespace
}  // namespace progsearch
