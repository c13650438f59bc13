// The list domain: DreamCoder programs read, typed and run columnar on several examples at once.
#include <catch2/catch.hpp>

#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "dsl/lambda_program.h"

namespace progsearch {
namespace {

const Type kInt = Type::Int();
const Type kBool = Type::Bool();
const Type kIntList = Type::List(Type::Int());

Value IL(std::vector<int64_t> xs) {
  std::vector<Value> items;
  for (int64_t x : xs) items.push_back(Value::Int(x));
  return Value::List(kInt, std::move(items));
}

// Runs `program` on each input (one example per input), all at once.
absl::StatusOr<std::vector<Value>> Run(const std::string& program, const Type& request, const std::vector<Value>& inputs,
                                       EvalLimits limits = {}) {
  auto e = ParseLambdaExpr(program);
  if (!e.ok()) return e.status();
  auto term = TypeLambdaProgram(*e, request, ListRegistry(), {"x"});
  if (!term.ok()) return term.status();
  std::vector<ValueColumn> columns = {ValueColumn::FromValues(request.args()[0], inputs)};
  auto out = Interpreter(limits).Evaluate(**term, columns, inputs.size());
  if (!out.ok()) return out.status();
  std::vector<Value> values;
  for (size_t i = 0; i < out->size(); ++i) values.push_back(out->Get(i));
  return values;
}

const Type kListToList = Type::Function({kIntList}, kIntList);
const Type kListToInt = Type::Function({kIntList}, kInt);

}  // namespace

TEST_CASE("map runs its lambda on every element of every example at once", "[dsl][lists]") {
  auto out = Run("(lambda (map (lambda (+ $0 1)) $0))", kListToList, {IL({1, 2, 3}), IL({}), IL({10})});
  REQUIRE(out.ok());
  CHECK((*out)[0] == IL({2, 3, 4}));
  CHECK((*out)[1] == IL({}));
  CHECK((*out)[2] == IL({11}));
}

TEST_CASE("a partially applied primitive is the lambda taking the rest", "[dsl][lists]") {
  // (+ (length $0)) under map: the input's length added to each element, its index shifted under the new lambda.
  auto partial = Run("(lambda (map (+ (length $0)) $0))", kListToList, {IL({1, 2, 3}), IL({5}), IL({})});
  auto full = Run("(lambda (map (lambda (+ (length $1) $0)) $0))", kListToList, {IL({1, 2, 3}), IL({5}), IL({})});
  REQUIRE(partial.ok());
  REQUIRE(full.ok());
  CHECK(*partial == *full);
  CHECK((*partial)[0] == IL({4, 5, 6}));
  // Two arguments missing: (fold $0 0 (lambda (+ $0))) sums, the inner partial + taking the accumulator.
  auto sum = Run("(lambda (fold $0 0 (lambda (+ $0))))", kListToInt, {IL({1, 2, 3})});
  REQUIRE(sum.ok());
  CHECK((*sum)[0] == Value::Int(6));
}

TEST_CASE("a lambda body reads the task input and outer parameters", "[dsl][lists]") {
  // Adds the list's length to every element: the input is a free variable of the lambda.
  auto out = Run("(lambda (map (lambda (+ $0 (length $1))) $0))", kListToList, {IL({1, 2, 3}), IL({5})});
  REQUIRE(out.ok());
  CHECK((*out)[0] == IL({4, 5, 6}));
  CHECK((*out)[1] == IL({6}));
  // Nested lambdas: for each element x, count the elements greater than x.
  auto nested = Run("(lambda (map (lambda (length (filter (lambda (gt? $0 $1)) $1))) $0))", kListToList,
                    {IL({3, 1, 2}), IL({})});
  REQUIRE(nested.ok());
  CHECK((*nested)[0] == IL({0, 2, 1}));
  CHECK((*nested)[1] == IL({}));
}

TEST_CASE("filter fold and unfold follow DreamCoder's semantics", "[dsl][lists]") {
  auto evens = Run("(lambda (filter (lambda (eq? (mod $0 (+ 1 1)) 0)) $0))", kListToList, {IL({1, 2, 3, 4}), IL({})});
  REQUIRE(evens.ok());
  CHECK((*evens)[0] == IL({2, 4}));
  CHECK((*evens)[1] == IL({}));
  // A right fold: f x acc with x from the end; cons rebuilds the list in order.
  auto copy = Run("(lambda (fold $0 empty (lambda (lambda (cons $1 $0)))))", kListToList, {IL({1, 2, 3}), IL({7})});
  REQUIRE(copy.ok());
  CHECK((*copy)[0] == IL({1, 2, 3}));
  CHECK((*copy)[1] == IL({7}));
  auto sum = Run("(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))", kListToInt, {IL({1, 2, 3}), IL({}), IL({5, 5})});
  REQUIRE(sum.ok());
  CHECK((*sum)[0] == Value::Int(6));
  CHECK((*sum)[1] == Value::Int(0));
  CHECK((*sum)[2] == Value::Int(10));
  // unfold from the length: counts down to 1.
  auto down = Run("(lambda (unfold (length $0) (lambda (eq? $0 0)) (lambda $0) (lambda (- $0 1))))", kListToList,
                  {IL({9, 9, 9}), IL({})});
  REQUIRE(down.ok());
  CHECK((*down)[0] == IL({3, 2, 1}));
  CHECK((*down)[1] == IL({}));
}

TEST_CASE("first-order list primitives", "[dsl][lists]") {
  auto out = Run("(lambda (cons (car $0) (cons (index 1 $0) (cdr $0))))", kListToList, {IL({4, 5, 6})});
  REQUIRE(out.ok());
  CHECK((*out)[0] == IL({4, 5, 5, 6}));
  auto range = Run("(lambda (range (length $0)))", kListToList, {IL({7, 7, 7}), IL({})});
  REQUIRE(range.ok());
  CHECK((*range)[0] == IL({0, 1, 2}));
  CHECK((*range)[1] == IL({}));
  const Type to_bools = Type::Function({kIntList}, Type::List(kBool));
  auto primes = Run("(lambda (map (lambda (is-prime $0)) $0))", to_bools, {IL({0, 1, 2, 9, 13})});
  REQUIRE(primes.ok());
  auto squares = Run("(lambda (map (lambda (is-square $0)) $0))", to_bools, {IL({0, 1, 2, 9, -4})});
  REQUIRE(squares.ok());
  auto bools = [](std::vector<bool> bs) {
    std::vector<Value> items;
    for (bool b : bs) items.push_back(Value::Bool(b));
    return Value::List(kBool, std::move(items));
  };
  CHECK((*primes)[0] == bools({false, false, true, false, true}));
  CHECK((*squares)[0] == bools({true, true, false, true, false}));
  auto empty = Run("(lambda (if (empty? $0) 1 0))", kListToInt, {IL({}), IL({3})});
  REQUIRE(empty.ok());
  CHECK((*empty)[0] == Value::Int(1));
  CHECK((*empty)[1] == Value::Int(0));
}

TEST_CASE("if evaluates a branch only on the rows that take it", "[dsl][lists]") {
  auto out = Run("(lambda (if (empty? $0) 0 (car $0)))", kListToInt, {IL({}), IL({8, 1}), IL({})});
  REQUIRE(out.ok());
  CHECK((*out)[0] == Value::Int(0));
  CHECK((*out)[1] == Value::Int(8));
  CHECK((*out)[2] == Value::Int(0));
}

TEST_CASE("partial list primitives fail with an error, not a crash", "[dsl][lists]") {
  auto car = Run("(lambda (car $0))", kListToInt, {IL({1}), IL({})});
  REQUIRE_FALSE(car.ok());
  CHECK(car.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(car.status().message() == "'car': car of an empty list");
  auto cdr = Run("(lambda (cdr $0))", kListToList, {IL({})});
  REQUIRE_FALSE(cdr.ok());
  CHECK(cdr.status().message() == "'cdr': cdr of an empty list");
  auto index = Run("(lambda (index (length $0) $0))", kListToInt, {IL({1, 2})});
  REQUIRE_FALSE(index.ok());
  CHECK(index.status().message() == "'index': index out of range");
  auto negative = Run("(lambda (index (- 0 1) $0))", kListToInt, {IL({1, 2})});
  REQUIRE_FALSE(negative.ok());
  // An error inside a lambda body surfaces too.
  auto inner = Run("(lambda (map (lambda (car empty)) $0))", kListToList, {IL({1})});
  REQUIRE_FALSE(inner.ok());
  CHECK(inner.status().message() == "'car': car of an empty list");
}

TEST_CASE("a fold over functions is an error, and is-prime is exact on large numbers", "[dsl][lists]") {
  auto fn = Run("(lambda (map (fold $0 (lambda $0) (lambda (lambda $0))) $0))", kListToList, {IL({1, 2})});
  REQUIRE_FALSE(fn.ok());
  CHECK(fn.status().code() == absl::StatusCode::kInvalidArgument);
  // 2^61 - 1 is prime; 2^61 + 1 = 3 * 768614336404564651; 4611686014132420609 = (2^31 - 1)^2.
  const Type to_bools = Type::Function({kIntList}, Type::List(kBool));
  auto primes = Run("(lambda (map (lambda (is-prime $0)) $0))", to_bools,
                    {IL({2305843009213693951, 2305843009213693953, 4611686014132420609, 97, 91})});
  REQUIRE(primes.ok());
  std::vector<Value> expected = {Value::Bool(true), Value::Bool(false), Value::Bool(false), Value::Bool(true),
                                 Value::Bool(false)};
  CHECK((*primes)[0] == Value::List(kBool, expected));
}

TEST_CASE("the step budget ends an unfold that never stops", "[dsl][lists]") {
  EvalLimits limits;
  limits.max_lambda_rows = 10000;
  auto out = Run("(lambda (unfold 0 (lambda (eq? $0 (- 0 1))) (lambda $0) (lambda (+ $0 1))))", kListToList,
                 {IL({1})}, limits);
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().code() == absl::StatusCode::kResourceExhausted);
  // A fold inside a map spends one row per element per step.
  limits.max_lambda_rows = 5;
  auto folded = Run("(lambda (map (lambda (fold $1 0 (lambda (lambda (+ $0 $1))))) $0))", kListToList,
                    {IL({1, 2, 3})}, limits);
  REQUIRE_FALSE(folded.ok());
  CHECK(folded.status().code() == absl::StatusCode::kResourceExhausted);
}

}  // namespace progsearch
