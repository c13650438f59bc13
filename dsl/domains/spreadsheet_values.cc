// The spreadsheet domain's functions on numbers, truth values and errors. Numbers are the Number type
// (Type::Float: doubles, finite: a result that is not finite is #NUM!); positions and counts stay Int,
// VALUE turns an Int (or text) into a Number and TRUNC a Number into an Int. The IS functions, IFERROR
// and IF read their arguments' cell errors themselves; every other function shows the error of its first
// argument that has one (dsl/primitive.h, PropagateCellErrors).
#include <cmath>
#include <limits>

#include "core/utf8.h"
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"
#include "dsl/domains/sheet_numbers.h"
#include "dsl/domains/spreadsheet_parts.h"

namespace progsearch::sheets {
namespace {
using kernels::Args;
using kernels::ChooseRows;
using kernels::MapString;

// IF(condition, then, else): an error in the condition is the result; otherwise the chosen branch,
// error or not (the other branch's error does not matter).
void If(Args a, ValueColumn& out, EvalContext&) {
  const int64_t* c = a[0]->ints();
  ChooseRows(*a[1], *a[2], out, [c](size_t i) { return c[i] == 0; });
  for (size_t i = 0; i < out.size(); ++i) {
    if (a[0]->error_at(i) != CellError::kNone) out.SetError(i, a[0]->error_at(i));
  }
}
// IFERROR(value, fallback): the fallback where value is an error.
void IfError(Args a, ValueColumn& out, EvalContext&) {
  ChooseRows(*a[0], *a[1], out, [v = a[0]](size_t i) { return v->error_at(i) != CellError::kNone; });
}

// ISNUMBER, ISTEXT, ISBLANK, ISERROR: never an error themselves.
template <typename Test>
void Is(Args a, ValueColumn& out, Test holds) {
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) o[i] = holds(*a[0], i) ? 1 : 0;
}
void IsNumber(Args a, ValueColumn& out, EvalContext&) {
  Is(a, out, [](const ValueColumn& v, size_t i) {
    const TypeKind k = v.type().kind();
    return (k == TypeKind::kInt || k == TypeKind::kFloat) && v.error_at(i) == CellError::kNone;
  });
}
void IsText(Args a, ValueColumn& out, EvalContext&) {
  Is(a, out, [](const ValueColumn& v, size_t i) {
    return v.type() == Type::String() && v.error_at(i) == CellError::kNone;
  });
}
// A blank input cell and "" are one value here, so ISBLANK is true for both (a spreadsheet says FALSE
// for a formula's "").
void IsBlank(Args a, ValueColumn& out, EvalContext&) {
  Is(a, out, [](const ValueColumn& v, size_t i) {
    return v.type() == Type::String() && v.error_at(i) == CellError::kNone && v.string_at(i).empty();
  });
}
void IsError(Args a, ValueColumn& out, EvalContext&) {
  Is(a, out, [](const ValueColumn& v, size_t i) { return v.error_at(i) != CellError::kNone; });
}
std::optional<Type> OneValue(std::span<const Type> got) {
  if (got.size() != 1 || got[0].kind() == TypeKind::kFunction || got[0].kind() == TypeKind::kVar) return std::nullopt;
  return Type::Bool();
}
std::optional<Type> IfSignature(std::span<const Type> got) {
  if (got.size() != 3 || got[0] != Type::Bool() || got[1] != got[2]) return std::nullopt;
  return got[1];
}
std::optional<Type> IfErrorSignature(std::span<const Type> got) {
  if (got.size() != 2 || got[0] != got[1] || got[0].kind() == TypeKind::kFunction) return std::nullopt;
  return got[0];
}

// Number results: a value that is not finite is #NUM!.
template <typename F>
void MapNumbers2(Args a, ValueColumn& out, F f) {
  const double* x = a[0]->floats();
  const double* y = a[1]->floats();
  double* o = out.floats();
  for (size_t i = 0; i < out.size(); ++i) {
    const std::optional<double> r = f(x[i], y[i]);
    o[i] = r && std::isfinite(*r) ? *r : 0;
    if (!r) {
      out.SetError(i, CellError::kDivZero);
    } else if (!std::isfinite(*r)) {
      out.SetError(i, CellError::kNum);
    }
  }
}
void AddN(Args a, ValueColumn& out, EvalContext&) {
  MapNumbers2(a, out, [](double x, double y) -> std::optional<double> { return x + y; });
}
void MinusN(Args a, ValueColumn& out, EvalContext&) {
  MapNumbers2(a, out, [](double x, double y) -> std::optional<double> { return x - y; });
}
void MultiplyN(Args a, ValueColumn& out, EvalContext&) {
  MapNumbers2(a, out, [](double x, double y) -> std::optional<double> { return x * y; });
}
void DivideN(Args a, ValueColumn& out, EvalContext&) {
  MapNumbers2(a, out, [](double x, double y) -> std::optional<double> {
    if (y == 0) return std::nullopt;
    return x / y;
  });
}
// MOD(x, d) = x - d * FLOOR(x / d): the sign of the divisor; #DIV/0! for d = 0.
void ModN(Args a, ValueColumn& out, EvalContext&) {
  MapNumbers2(a, out, [](double x, double y) -> std::optional<double> {
    if (y == 0) return std::nullopt;
    const double r = std::fmod(x, y);
    return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
  });
}
void ModI(Args a, ValueColumn& out, EvalContext&) {
  const int64_t* x = a[0]->ints();
  const int64_t* y = a[1]->ints();
  int64_t* o = out.ints();
  for (size_t i = 0; i < out.size(); ++i) {
    if (y[i] == 0) {
      out.SetError(i, CellError::kDivZero);
      o[i] = 0;
      continue;
    }
    const int64_t r = y[i] == -1 ? 0 : x[i] % y[i];
    o[i] = r != 0 && ((r < 0) != (y[i] < 0)) ? r + y[i] : r;
  }
}
void AbsN(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.floats()[i] = std::fabs(a[0]->floats()[i]);
}
void AbsI(Args a, ValueColumn& out, EvalContext& ctx) {
  kernels::MapInt1(a, out, [&ctx](int64_t x) {
    if (x == std::numeric_limits<int64_t>::min()) ctx.int_overflow = true;
    return x < 0 ? -x : x;
  });
}
// ROUND(value[, places]); places beyond ±300 round to nothing or change nothing.
void Round(Args a, ValueColumn& out, EvalContext&) {
  const double* x = a[0]->floats();
  const int64_t* places = a.size() > 1 ? a[1]->ints() : nullptr;
  for (size_t i = 0; i < out.size(); ++i) {
    const int64_t p = places ? std::clamp<int64_t>(places[i], -330, 330) : 0;
    out.floats()[i] = sheets::Round(x[i], static_cast<int>(p));
  }
}
// VALUE(text) reads a number (sheet_numbers.h); VALUE(int) is the same number.
void ValueOfText(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) {
    const std::optional<double> v = ParseNumber(a[0]->string_at(i));
    out.floats()[i] = v.value_or(0);
    if (!v) out.SetError(i, CellError::kValue);
  }
}
void ValueOfInt(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.floats()[i] = static_cast<double>(a[0]->ints()[i]);
}
// TRUNC(number): toward zero, as an Int (how a Number becomes a position or a count); #NUM! beyond int64.
void Trunc(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) {
    const double t = std::trunc(a[0]->floats()[i]);
    const bool fits = t >= -9.2e18 && t <= 9.2e18;
    out.ints()[i] = fits ? static_cast<int64_t>(t) : 0;
    if (!fits) out.SetError(i, CellError::kNum);
  }
}

// TEXT(number, format) and TO_TEXT.
template <bool kIntArg>
void Text(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, out.size() * 8, [&](size_t i, std::string& bytes) {
    const double v = kIntArg ? static_cast<double>(a[0]->ints()[i]) : a[0]->floats()[i];
    std::optional<std::string> text = FormatNumber(v, a[1]->string_at(i));
    if (!text) {
      out.SetError(i, CellError::kValue);
      return;
    }
    bytes.append(*text);
  });
}
void ToTextI(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, out.size() * 4, [&](size_t i, std::string& bytes) { bytes.append(std::to_string(a[0]->ints()[i])); });
}
void ToTextN(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, out.size() * 8, [&](size_t i, std::string& bytes) { bytes.append(GeneralText(a[0]->floats()[i])); });
}
void ToTextB(Args a, ValueColumn& out, EvalContext& ctx) {
  MapString(out, ctx, out.size() * 5, [&](size_t i, std::string& bytes) { bytes.append(a[0]->ints()[i] ? "TRUE" : "FALSE"); });
}

// EQ and NE ("=" and "<>"): text compares without regard to case, as a spreadsheet's = does (EXACT does
// not); Ints and truth values as SMT-LIB's = does, Numbers by value (0 equals -0).
template <bool kEqual>
void EqText(Args a, ValueColumn& out, EvalContext&) {
  std::string x_lower, y_lower;
  for (size_t i = 0; i < out.size(); ++i) {
    const bool same = LowerText(a[0]->string_at(i), x_lower) == LowerText(a[1]->string_at(i), y_lower);
    out.ints()[i] = same == kEqual ? 1 : 0;
  }
}
template <bool kEqual>
void EqNumbers(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.ints()[i] = (a[0]->floats()[i] == a[1]->floats()[i]) == kEqual ? 1 : 0;
}

}  // namespace

void RegisterValueFunctions(PrimitiveRegistry& r) {
  const Type s = Type::String();
  const Type i = Type::Int();
  const Type b = Type::Bool();
  const Type n = Type::Float();
  auto same_as = [&r](const char* name, std::vector<Type> args) { return (*r.Resolve(name, args))->kernel; };
  r.AddFamily(SheetOp::kIf, IfSignature, If);
  r.AddFamily(SheetOp::kIfError, IfErrorSignature, IfError);
  r.AddFamily(SheetOp::kIsNumber, OneValue, IsNumber);
  r.AddFamily(SheetOp::kIsText, OneValue, IsText);
  r.AddFamily(SheetOp::kIsBlank, OneValue, IsBlank);
  r.AddFamily(SheetOp::kIsError, OneValue, IsError);
  for (SheetOp op : {SheetOp::kIf, SheetOp::kIfError, SheetOp::kIsNumber, SheetOp::kIsText, SheetOp::kIsBlank,
                     SheetOp::kIsError}) {
    r.SetSeesErrors(op);
  }
  r.Add(SheetOp::kValue, {s}, n, ValueOfText);
  r.Add(SheetOp::kValue, {i}, n, ValueOfInt);
  r.Add(SheetOp::kTrunc, {n}, i, Trunc);
  r.Add(SheetOp::kAdd, {n, n}, n, AddN);
  r.Add(SheetOp::kMinus, {n, n}, n, MinusN);
  r.Add(SheetOp::kMultiply, {i, i}, i, same_as("*", {i, i}));
  r.Add(SheetOp::kMultiply, {n, n}, n, MultiplyN);
  r.Add(SheetOp::kDivide, {n, n}, n, DivideN);
  r.Add(SheetOp::kMod, {i, i}, i, ModI);
  r.Add(SheetOp::kMod, {n, n}, n, ModN);
  r.Add(SheetOp::kAbs, {i}, i, AbsI);
  r.Add(SheetOp::kAbs, {n}, n, AbsN);
  r.Add(SheetOp::kRound, {n}, n, Round);
  r.Add(SheetOp::kRound, {n, i}, n, Round);
  r.Add(SheetOp::kText, {n, s}, s, Text<false>);
  r.Add(SheetOp::kText, {i, s}, s, Text<true>);
  r.Add(SheetOp::kToText, {i}, s, ToTextI);
  r.Add(SheetOp::kToText, {n}, s, ToTextN);
  r.Add(SheetOp::kToText, {b}, s, ToTextB);
  r.Add(SheetOp::kAnd, {b, b}, b, same_as("and", {b, b}));
  r.Add(SheetOp::kOr, {b, b}, b, same_as("or", {b, b}));
  r.Add(SheetOp::kNot, {b}, b, same_as("not", {b}));
  r.Add(SheetOp::kEq, {s, s}, b, EqText<true>);
  r.Add(SheetOp::kNe, {s, s}, b, EqText<false>);
  for (const Type& t : {i, b}) {
    r.Add(SheetOp::kEq, {t, t}, b, same_as("=", {t, t}));
    r.Add(SheetOp::kNe, {t, t}, b, same_as("distinct", {t, t}));
  }
  r.Add(SheetOp::kEq, {n, n}, b, EqNumbers<true>);
  r.Add(SheetOp::kNe, {n, n}, b, EqNumbers<false>);
  r.Add(SheetOp::kGt, {i, i}, b, same_as(">", {i, i}));
  r.Add(SheetOp::kGte, {i, i}, b, same_as(">=", {i, i}));
  r.Add(SheetOp::kGt, {n, n}, b, same_as(">", {n, n}));
  r.Add(SheetOp::kGte, {n, n}, b, same_as(">=", {n, n}));
}

}  // namespace progsearch::sheets
