// Known encodings: each program is evaluated by the interpreter and by Z3 through the encoder, and both
// must give the value SMT-LIB 2.6 prescribes.
#include <string>

#include "tests/verify/verify_test_util.h"

namespace progsearch {
namespace {

using verify_test::EvaluateBothWays;
using verify_test::Read;

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
TEST_CASE("High bytes compare as code points 128..255", "[verify]") {
  const PrimitiveRegistry& r = BuiltinRegistry();
  auto str = [](std::string v) { return Term::Constant(Value::String(std::move(v))); };
  auto apply = [&r](std::string_view name, std::vector<TermPtr> args) {
    std::vector<Type> types;
    for (const TermPtr& a : args) types.push_back(a->type());
    const Primitive* op = *r.Resolve(name, types);
    return Term::Apply(op, op->result, std::move(args));
  };
  const std::pair<TermPtr, Value> cases[] = {
      {apply("str.<", {str("\x80"), str("a")}), Value::Bool(false)},
      {apply("str.<", {str("a"), str("\xff")}), Value::Bool(true)},
      {apply("str.<=", {str(std::string("\xff\x00", 2)), str("\xff")}), Value::Bool(false)},
      {apply("str.to_int", {str("1\xb9")}), Value::Int(-1)},
      {apply("str.is_digit", {str("\xb2")}), Value::Bool(false)},
      {apply("str.len", {str(std::string("\x00\x00\xe9", 3))}), Value::Int(3)},
      {apply("str.++", {str("\\u{41}"), str(std::string("\x00", 1))}), Value::String(std::string("\\u{41}\x00", 7))},
      {apply("str.indexof", {str("a\xc3\xa9"
                                 "b"),
                             str("\xa9"), Term::Constant(Value::Int(0))}),
       Value::Int(2)},
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

TEST_CASE("What has no encoding is Unimplemented", "[verify]") {
  z3::context ctx;
  Z3Encoder encoder(ctx, {{"y", Type::Float()}});
  CHECK(absl::IsUnimplemented(encoder.Encode(*Read("(+ 1.5 2.0)")).status()));
  CHECK(absl::IsUnimplemented(encoder.Encode(*Read("(< 1.5 2.0)")).status()));
  CHECK(absl::IsUnimplemented(encoder.Encode(*Read("(ite true 1.5 2.0)")).status()));
  CHECK(absl::IsUnimplemented(encoder.Encode(*Read("y", BuiltinRegistry(), {{"y", Type::Float()}})).status()));
  CHECK(absl::IsInvalidArgument(encoder.Encode(*Term::Variable(3, "z", Type::Int())).status()));
}

TEST_CASE("Values round-trip through Z3 literals", "[verify]") {
  z3::context ctx;
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
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
      Value::String(all_bytes),
  };
  for (const Value& v : values) {
    absl::StatusOr<z3::expr> e = ValueToZ3(ctx, v);
    REQUIRE(e.ok());
    absl::StatusOr<Value> back = ValueFromZ3(e->simplify(), v.type());
    INFO(v.ToString() << ": " << back.status().ToString());
    REQUIRE(back.ok());
    CHECK(*back == v);
  }
  // Z3 strings may hold characters no byte can: refuse them rather than misread them.
  z3::expr wide = ctx.string_val("\\u{1F600}");
  CHECK(absl::IsOutOfRange(ValueFromZ3(wide, Type::String()).status()));
  // Ints beyond int64 likewise.
  CHECK(absl::IsOutOfRange(ValueFromZ3(ctx.int_val("100000000000000000000"), Type::Int()).status()));
  // Not a value: InvalidArgument.
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.int_const("k"), Type::Int()).status()));
  CHECK(absl::IsInvalidArgument(ValueFromZ3(ctx.int_val(3), Type::Bool()).status()));
}

}  // namespace
}  // namespace progsearch
