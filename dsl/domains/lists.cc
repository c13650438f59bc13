// DreamCoder's list domain: polymorphic list primitives, the higher-order map/filter/fold/unfold run
// columnar through the LambdaRunner, integer arithmetic and a lazy `if`.
//
// Semantics follow DreamCoder's list primitives (ellisk42/ec, listPrimitives) with these choices:
// fold is a right fold, (fold l x0 f) = (f l0 (f l1 ... (f ln x0))); unfold x p h n is [] when (p x)
// and otherwise (cons (h x) (unfold (n x) p h n)); range n is [0, n) (empty for n <= 0); car, cdr of
// an empty list and index out of range are errors, as are range past 2^20 elements and an unfold that
// spends the step budget. + - * mod are SMT-LIB's Int operators (Euclidean mod, (mod x 0) = x).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/status/status.h"
#include "core/status_macros.h"
#include "dsl/domains/domains.h"
#include "dsl/domains/kernel_util.h"

namespace progsearch {
namespace {

using kernels::Args;

Type T0() { return Type::Var(0); }
Type T1() { return Type::Var(1); }
Type Fn(std::vector<Type> args, const Type& r) { return Type::Function(std::move(args), r); }

constexpr uint32_t kMaxRange = uint32_t{1} << 20;

// Row i of the result takes row rows[i] of `a` when rows[i] < a.size(), else row rows[i] - a.size() of `b`.
ValueColumn Merge(const ValueColumn& a, const ValueColumn& b, std::span<const uint32_t> rows) {
  return ValueColumn::Gather(ValueColumn::Concat(a, b), rows);
}

void Car(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& l = *a[0];
  std::vector<uint32_t> rows(l.size());
  for (size_t i = 0; i < l.size(); ++i) {
    if (l.list_begin(i) == l.list_end(i)) {
      ctx.error = "car of an empty list";
      return;
    }
    rows[i] = l.list_begin(i);
  }
  out = ValueColumn::Gather(l.list_elements(), rows);
}

void Cdr(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& l = *a[0];
  std::vector<uint32_t> offsets{0}, rows;
  for (size_t i = 0; i < l.size(); ++i) {
    if (l.list_begin(i) == l.list_end(i)) {
      ctx.error = "cdr of an empty list";
      return;
    }
    for (uint32_t k = l.list_begin(i) + 1; k < l.list_end(i); ++k) rows.push_back(k);
    offsets.push_back(static_cast<uint32_t>(rows.size()));
  }
  out.AssignList(std::move(offsets), ValueColumn::Gather(l.list_elements(), rows));
}

void Cons(Args a, ValueColumn& out, EvalContext&) {
  const ValueColumn& x = *a[0];
  const ValueColumn& l = *a[1];
  std::vector<uint32_t> offsets{0}, rows;
  for (size_t i = 0; i < l.size(); ++i) {
    rows.push_back(static_cast<uint32_t>(i));
    for (uint32_t k = l.list_begin(i); k < l.list_end(i); ++k) rows.push_back(static_cast<uint32_t>(x.size() + k));
    offsets.push_back(static_cast<uint32_t>(rows.size()));
  }
  out.AssignList(std::move(offsets), Merge(x, l.list_elements(), rows));
}

void IsEmpty(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.ints()[i] = a[0]->list_begin(i) == a[0]->list_end(i);
}

void Length(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.ints()[i] = a[0]->list_end(i) - a[0]->list_begin(i);
}

void Index(Args a, ValueColumn& out, EvalContext& ctx) {
  const ValueColumn& l = *a[1];
  std::vector<uint32_t> rows(l.size());
  for (size_t i = 0; i < l.size(); ++i) {
    const int64_t k = a[0]->ints()[i];
    if (k < 0 || k >= static_cast<int64_t>(l.list_end(i) - l.list_begin(i))) {
      ctx.error = "index out of range";
      return;
    }
    rows[i] = l.list_begin(i) + static_cast<uint32_t>(k);
  }
  out = ValueColumn::Gather(l.list_elements(), rows);
}

void Range(Args a, ValueColumn& out, EvalContext& ctx) {
  std::vector<uint32_t> offsets{0};
  std::vector<int64_t> items;
  for (size_t i = 0; i < out.size(); ++i) {
    const int64_t n = std::max<int64_t>(0, a[0]->ints()[i]);
    if (n > kMaxRange || items.size() + n > kMaxRange) {
      ctx.error = "range past 2^20 elements";
      return;
    }
    for (int64_t k = 0; k < n; ++k) items.push_back(k);
    offsets.push_back(static_cast<uint32_t>(items.size()));
  }
  ValueColumn elements(Type::Int(), items.size());
  std::copy(items.begin(), items.end(), elements.ints());
  out.AssignList(std::move(offsets), std::move(elements));
}

uint64_t MulMod(uint64_t a, uint64_t b, uint64_t m) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(a) * b % m);
}

uint64_t PowMod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  for (b %= m; e > 0; e >>= 1, b = MulMod(b, b, m)) {
    if (e & 1) r = MulMod(r, b, m);
  }
  return r;
}

// Miller-Rabin with the first twelve primes as bases: exact for every 64-bit n, in microseconds.
bool IsPrime(int64_t value) {
  if (value < 2) return false;
  const uint64_t n = static_cast<uint64_t>(value);
  static constexpr uint64_t kBases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (uint64_t p : kBases) {
    if (n % p == 0) return n == p;
  }
  uint64_t d = n - 1;
  int s = 0;
  for (; (d & 1) == 0; d >>= 1) ++s;
  for (uint64_t a : kBases) {
    uint64_t x = PowMod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    bool composite = true;
    for (int r = 1; r < s && composite; ++r) {
      x = MulMod(x, x, n);
      composite = x != n - 1;
    }
    if (composite) return false;
  }
  return true;
}

bool IsSquare(int64_t n) {
  if (n < 0) return false;
  int64_t r = static_cast<int64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && r > n / r) --r;
  while ((r + 1) <= n / (r + 1)) ++r;
  return r * r == n;
}

void IsPrimeKernel(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.ints()[i] = IsPrime(a[0]->ints()[i]);
}
void IsSquareKernel(Args a, ValueColumn& out, EvalContext&) {
  for (size_t i = 0; i < out.size(); ++i) out.ints()[i] = IsSquare(a[0]->ints()[i]);
}
void Zero(Args, ValueColumn& out, EvalContext&) { std::fill(out.ints(), out.ints() + out.size(), 0); }
void One(Args, ValueColumn& out, EvalContext&) { std::fill(out.ints(), out.ints() + out.size(), 1); }
void Empty(Args, ValueColumn&, EvalContext&) {}  // `out` arrives as a column of empty lists

// Each element row of list column `l` paired with the list's row.
std::vector<uint32_t> ElementParents(const ValueColumn& l) {
  std::vector<uint32_t> parents(l.list_elements().size());
  for (size_t i = 0; i < l.size(); ++i) {
    for (uint32_t k = l.list_begin(i); k < l.list_end(i); ++k) parents[k] = static_cast<uint32_t>(i);
  }
  return parents;
}

// A copy of list column `l`'s offsets (offsets[0] is 0 in every list column), for a result whose
// lists have the same lengths.
std::vector<uint32_t> Offsets(const ValueColumn& l) { return std::vector<uint32_t>(l.offsets(), l.offsets() + l.size() + 1); }

absl::Status Map(Args a, LambdaRunner& run, ValueColumn& out, EvalContext&) {
  const ValueColumn& l = *a[1];
  const std::vector<uint32_t> parents = ElementParents(l);
  const ValueColumn* params[] = {&l.list_elements()};
  ASSIGN_OR_RETURN(ValueColumn mapped, run.Run(0, params, parents));
  out.AssignList(Offsets(l), std::move(mapped));
  return absl::OkStatus();
}

absl::Status Filter(Args a, LambdaRunner& run, ValueColumn& out, EvalContext&) {
  const ValueColumn& l = *a[1];
  const std::vector<uint32_t> parents = ElementParents(l);
  const ValueColumn* params[] = {&l.list_elements()};
  ASSIGN_OR_RETURN(ValueColumn keep, run.Run(0, params, parents));
  std::vector<uint32_t> offsets{0}, rows;
  for (size_t i = 0; i < l.size(); ++i) {
    for (uint32_t k = l.list_begin(i); k < l.list_end(i); ++k) {
      if (keep.ints()[k] != 0) rows.push_back(k);
    }
    offsets.push_back(static_cast<uint32_t>(rows.size()));
  }
  out.AssignList(std::move(offsets), ValueColumn::Gather(l.list_elements(), rows));
  return absl::OkStatus();
}

// `acc` with rows `rows` replaced by `update`'s rows in order.
ValueColumn Scatter(const ValueColumn& acc, const ValueColumn& update, std::span<const uint32_t> rows) {
  std::vector<uint32_t> pick(acc.size());
  std::iota(pick.begin(), pick.end(), 0u);
  for (size_t j = 0; j < rows.size(); ++j) pick[rows[j]] = static_cast<uint32_t>(acc.size() + j);
  return Merge(acc, update, pick);
}

// Right fold, position by position from the end: step j updates every row whose list has more than j
// elements, all rows in one batch.
absl::Status Fold(Args a, LambdaRunner& run, ValueColumn& out, EvalContext&) {
  if (a[1] == nullptr) return absl::InvalidArgumentError("'fold' with a function as its initial value is not evaluated");
  const ValueColumn& l = *a[0];
  ValueColumn acc = *a[1];
  uint32_t longest = 0;
  for (size_t i = 0; i < l.size(); ++i) longest = std::max(longest, l.list_end(i) - l.list_begin(i));
  for (uint32_t j = longest; j-- > 0;) {
    std::vector<uint32_t> rows, element_rows;
    for (size_t i = 0; i < l.size(); ++i) {
      if (l.list_end(i) - l.list_begin(i) > j) {
        rows.push_back(static_cast<uint32_t>(i));
        element_rows.push_back(l.list_begin(i) + j);
      }
    }
    const ValueColumn x = ValueColumn::Gather(l.list_elements(), element_rows);
    const ValueColumn acc_rows = ValueColumn::Gather(acc, rows);
    const ValueColumn* params[] = {&x, &acc_rows};
    ASSIGN_OR_RETURN(ValueColumn next, run.Run(2, params, rows));
    acc = Scatter(acc, next, rows);
  }
  out = std::move(acc);
  return absl::OkStatus();
}

// Unfold, one step for every still-running row at a time; the step budget ends one that never stops.
absl::Status Unfold(Args a, LambdaRunner& run, ValueColumn& out, EvalContext&) {
  if (a[0] == nullptr) return absl::InvalidArgumentError("'unfold' from a function seed is not evaluated");
  ValueColumn state = *a[0];
  std::vector<uint32_t> active(state.size());
  std::iota(active.begin(), active.end(), 0u);
  const Type element = out.type().element();
  std::vector<ValueColumn> produced;  // each step's heads, joined once at the end
  std::vector<std::pair<uint32_t, uint32_t>> owner;  // (row, step) of each produced element
  for (uint32_t step = 0; !active.empty(); ++step) {
    const ValueColumn* params[] = {&state};
    ASSIGN_OR_RETURN(ValueColumn stop, run.Run(1, params, active));
    std::vector<uint32_t> keep, keep_pos;
    for (size_t j = 0; j < active.size(); ++j) {
      if (stop.ints()[j] == 0) {
        keep.push_back(active[j]);
        keep_pos.push_back(static_cast<uint32_t>(j));
      }
    }
    if (keep.empty()) break;
    const ValueColumn live = ValueColumn::Gather(state, keep_pos);
    const ValueColumn* live_params[] = {&live};
    ASSIGN_OR_RETURN(ValueColumn heads, run.Run(2, live_params, keep));
    ASSIGN_OR_RETURN(ValueColumn next, run.Run(3, live_params, keep));
    for (uint32_t r : keep) owner.emplace_back(r, step);
    produced.push_back(std::move(heads));
    state = std::move(next);
    active = std::move(keep);
  }
  std::vector<uint32_t> order(owner.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return owner[x] < owner[y]; });
  std::vector<uint32_t> offsets(out.size() + 1, 0);
  for (const auto& [row, step] : owner) ++offsets[row + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  // Pairwise joins, so a long unfold costs n log n copies rather than n^2.
  while (produced.size() > 1) {
    std::vector<ValueColumn> next;
    for (size_t i = 0; i + 1 < produced.size(); i += 2) next.push_back(ValueColumn::Concat(produced[i], produced[i + 1]));
    if (produced.size() % 2 == 1) next.push_back(std::move(produced.back()));
    produced = std::move(next);
  }
  const ValueColumn all = produced.empty() ? ValueColumn(element, 0) : std::move(produced[0]);
  out.AssignList(std::move(offsets), ValueColumn::Gather(all, order));
  return absl::OkStatus();
}

// if: only the rows that take a branch evaluate it, so (if (empty? l) 0 (car l)) never takes car of [].
absl::Status If(Args a, LambdaRunner& run, ValueColumn& out, EvalContext&) {
  std::vector<uint32_t> yes, no;
  for (size_t i = 0; i < a[0]->size(); ++i) (a[0]->ints()[i] != 0 ? yes : no).push_back(static_cast<uint32_t>(i));
  ASSIGN_OR_RETURN(ValueColumn then_rows, run.Run(1, {}, yes));
  ASSIGN_OR_RETURN(ValueColumn else_rows, run.Run(2, {}, no));
  std::vector<uint32_t> pick(a[0]->size());
  for (size_t j = 0; j < yes.size(); ++j) pick[yes[j]] = static_cast<uint32_t>(j);
  for (size_t j = 0; j < no.size(); ++j) pick[no[j]] = static_cast<uint32_t>(yes.size() + j);
  out = Merge(then_rows, else_rows, pick);
  return absl::OkStatus();
}

Kernel LiaKernel(const char* name, const Type& result) {
  const Type args[] = {Type::Int(), Type::Int()};
  auto p = BuiltinRegistry().Resolve(name, args);
  return p.ok() && (*p)->result == result ? (*p)->kernel : nullptr;
}

}  // namespace

void RegisterLists(PrimitiveRegistry& r) {
  const Type i = Type::Int(), b = Type::Bool(), l0 = Type::List(T0()), l1 = Type::List(T1());
  r.AddPolymorphic("map", Fn({Fn({T0()}, T1()), l0}, l1), Map);
  r.AddPolymorphic("fold", Fn({l0, T1(), Fn({T0(), T1()}, T1())}, T1()), Fold);
  r.AddPolymorphic("unfold", Fn({T0(), Fn({T0()}, b), Fn({T0()}, T1()), Fn({T0()}, T0())}, l1), Unfold);
  r.AddPolymorphic("filter", Fn({Fn({T0()}, b), l0}, l0), Filter);
  r.AddPolymorphic("if", Fn({b, T0(), T0()}, T0()), If, 1, /*deferred_args=*/0b110);
  r.AddPolymorphic("cons", Fn({T0(), l0}, l0), Cons);
  r.AddPolymorphic("car", Fn({l0}, T0()), Car);
  r.AddPolymorphic("cdr", Fn({l0}, l0), Cdr);
  r.AddPolymorphic("empty?", Fn({l0}, b), IsEmpty);
  r.AddPolymorphic("length", Fn({l0}, i), Length);
  r.AddPolymorphic("index", Fn({i, l0}, T0()), Index);
  r.AddPolymorphic("range", Fn({i}, Type::List(i)), Range);
  r.AddPolymorphic("+", Fn({i, i}, i), LiaKernel("+", i));
  r.AddPolymorphic("-", Fn({i, i}, i), LiaKernel("-", i));
  r.AddPolymorphic("*", Fn({i, i}, i), LiaKernel("*", i));
  r.AddPolymorphic("mod", Fn({i, i}, i), LiaKernel("mod", i));
  r.AddPolymorphic("gt?", Fn({i, i}, b), LiaKernel(">", b));
  r.AddPolymorphic("eq?", Fn({i, i}, b), LiaKernel("=", b));
  r.AddPolymorphic("is-prime", Fn({i}, b), IsPrimeKernel);
  r.AddPolymorphic("is-square", Fn({i}, b), IsSquareKernel);
  r.AddPolymorphic("0", Fn({}, i), Zero);
  r.AddPolymorphic("1", Fn({}, i), One);
  r.AddPolymorphic("empty", Fn({}, l0), Empty);
}

const PrimitiveRegistry& ListRegistry() {
  static const PrimitiveRegistry* registry = [] {
    auto* r = new PrimitiveRegistry();
    RegisterLists(*r);
    return r;
  }();
  return *registry;
}

}  // namespace progsearch
