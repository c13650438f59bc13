// Interpreter throughput: primitive applications x examples per second, per domain, on one core.
//
// Three levels, measured in the same process so their ratios are meaningful on a noisy machine:
//   raw       a hand-written C++ loop doing the same operation (the ceiling, our peer figure)
//   kernel    the registered columnar kernel called directly on prepared columns
//   program   the interpreter evaluating random programs (allocation and dispatch included)
// Each figure is the median of --repeats timed runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "dsl/domains/domains.h"
#include "dsl/interpreter.h"
#include "dsl/lambda_program.h"
#include "dsl/primitive_registry.h"
#include "dsl/random_term.h"

namespace progsearch {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<size_t> examples = {10, 1000};
  double seconds = 0.3;  // per timed run
  int repeats = 5;
  bool markdown = false;
};

// Runs `body` (which performs `ops_per_call` element-operations) repeatedly for about `seconds`,
// returns element-operations per second; the median of `repeats` runs.
double Measure(const Options& o, double ops_per_call, const std::function<void()>& body) {
  std::vector<double> rates;
  for (int r = 0; r < o.repeats; ++r) {
    size_t calls = 0;
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration<double>(o.seconds);
    auto now = start;
    while (now < until) {
      for (int k = 0; k < 64; ++k) body();
      calls += 64;
      now = Clock::now();
    }
    rates.push_back(ops_per_call * calls / std::chrono::duration<double>(now - start).count());
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

volatile uint64_t g_sink;  // keeps results observable so loops are not optimized away

struct Row {
  std::string domain, op, level;
  size_t examples;
  double rate;
};

class Bench {
 public:
  explicit Bench(Options o) : o_(std::move(o)) {}

  void Kernel(const std::string& domain, const std::string& name, const std::vector<Type>& types,
              const std::vector<ValueColumn>& args, size_t n) {
    const Primitive* p = *BuiltinRegistry().Resolve(name, types);
    std::vector<const ValueColumn*> ptrs;
    for (const ValueColumn& c : args) ptrs.push_back(&c);
    ValueColumn out(p->result, n);
    EvalContext ctx;
    double rate = Measure(o_, static_cast<double>(n), [&] {
      p->kernel(ptrs, out, ctx);
      g_sink = g_sink + out.size();
    });
    rows_.push_back({domain, name, "kernel", n, rate});
  }

  // `ops` element-operations per call of `loop` (0: n, one per example).
  void Raw(const std::string& domain, const std::string& name, size_t n, const std::function<void()>& loop,
           size_t ops = 0) {
    rows_.push_back({domain, name, "raw loop", n, Measure(o_, static_cast<double>(ops ? ops : n), loop)});
  }

  // Random programs over `ops` with the given variables; rate counts applications x examples.
  void Programs(const std::string& domain, const std::vector<const Primitive*>& ops, std::vector<Declaration> vars,
                const std::vector<ValueColumn>& inputs, const Type& result, size_t n) {
    RandomTermGenerator gen(ops, vars, 0.1);
    std::mt19937_64 rng(1234);
    Interpreter interpreter;
    std::vector<TermPtr> programs;
    double applications = 0;
    while (programs.size() < 200) {
      TermPtr t = gen.Generate(result, 5, rng);
      if (t == nullptr || t->kind() != TermKind::kApply || !interpreter.Evaluate(*t, inputs, n).ok()) continue;
      applications += CountApplications(*t);
      programs.push_back(t);
    }
    double rate = Measure(o_, applications * n / programs.size() * programs.size(), [&] {
      for (const TermPtr& t : programs) g_sink = g_sink + interpreter.Evaluate(*t, inputs, n)->size();
    });
    // Measure's body runs all 200 programs per call.
    rows_.push_back({domain, "random programs", "program", n, rate});
  }

  // A DreamCoder program over one list input, through the interpreter; `ops` element-operations per call.
  void Lambda(const std::string& domain, const std::string& name, const std::string& text, const Type& result,
              const ValueColumn& input, size_t ops) {
    auto e = ParseLambdaExpr(text);
    auto term = TypeLambdaProgram(*e, Type::Function({input.type()}, result), ListRegistry(), {"x"});
    if (!term.ok()) {
      std::fprintf(stderr, "%s: %s\n", text.c_str(), std::string(term.status().message()).c_str());
      return;
    }
    Interpreter interpreter;
    const ValueColumn* in[] = {&input};
    const size_t n = input.size();
    double rate = Measure(o_, static_cast<double>(ops), [&] {
      g_sink = g_sink + interpreter.EvaluatePtrs(**term, in, n)->size();
    });
    rows_.push_back({domain, name, "program", n, rate});
  }

  void Print() const {
    // Kernels with a hand-written peer loop in the same run also show the ratio to it.
    auto ratio = [this](const Row& r) -> std::string {
      if (r.level == "raw loop") return "";
      for (const Row& p : rows_) {
        if (p.level == "raw loop" && p.domain == r.domain && p.op == r.op && p.examples == r.examples) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.2fx", r.rate / p.rate);
          return buf;
        }
      }
      return "";
    };
    if (o_.markdown) {
      std::printf(
          "| domain | operation | level | examples | M element-ops/s | vs raw loop |\n|---|---|---|---:|---:|---:|\n");
      for (const Row& r : rows_) {
        std::printf("| %s | %s | %s | %zu | %.1f | %s |\n", r.domain.c_str(), r.op.c_str(), r.level.c_str(), r.examples,
                    r.rate / 1e6, ratio(r).c_str());
      }
      return;
    }
    std::printf("%-8s %-16s %-9s %8s %14s %12s\n", "domain", "operation", "level", "examples", "Mops/s", "vs raw loop");
    for (const Row& r : rows_) {
      std::printf("%-8s %-16s %-9s %8zu %14.1f %12s\n", r.domain.c_str(), r.op.c_str(), r.level.c_str(), r.examples,
                  r.rate / 1e6, ratio(r).c_str());
    }
  }

 private:
  static double CountApplications(const Term& t) {
    if (t.kind() != TermKind::kApply) return 0;
    double c = 1;
    for (const TermPtr& a : t.args()) c += CountApplications(*a);
    return c;
  }
  Options o_;
  std::vector<Row> rows_;
};

std::vector<Value> RandomValues(const Type& t, size_t n, std::mt19937_64& rng) {
  std::vector<Value> v;
  for (size_t i = 0; i < n; ++i) v.push_back(RandomValue(t, rng));
  return v;
}

// Short strings such as names and dates, 4..12 bytes.
std::vector<Value> ShortStrings(size_t n, std::mt19937_64& rng) {
  static const char* kWords[] = {"Ada", "Lovelace", "Alan", "Turing", "2024-05-01", "x.y", "a b c", "Grace H."};
  std::vector<Value> v;
  for (size_t i = 0; i < n; ++i) {
    std::string s = kWords[rng() % 8];
    if (rng() % 2) s += std::string(" ") + kWords[rng() % 8];
    v.push_back(Value::String(s.substr(0, 12)));
  }
  return v;
}

void Run(const Options& o) {
  Bench bench(o);
  const Type I = Type::Int(), B = Type::Bool(), S = Type::String(), F = Type::Float(), BV = *Type::BitVec(64);
  const PrimitiveRegistry& reg = BuiltinRegistry();
  for (size_t n : o.examples) {
    std::mt19937_64 rng(42);
    // Int
    std::vector<Value> xs, ys;
    for (size_t i = 0; i < n; ++i) {
      xs.push_back(Value::Int(static_cast<int64_t>(rng() % 2000001) - 1000000));
      ys.push_back(Value::Int(static_cast<int64_t>(rng() % 2001) - 1000));
    }
    ValueColumn ix = ValueColumn::FromValues(I, xs), iy = ValueColumn::FromValues(I, ys);
    {
      std::vector<int64_t> a(n), b(n), c(n);
      for (size_t i = 0; i < n; ++i) a[i] = xs[i].as_int(), b[i] = ys[i].as_int();
      bench.Raw("Int", "+", n, [&] {
        for (size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
        g_sink = g_sink + static_cast<uint64_t>(c[n - 1]);
      });
    }
    bench.Kernel("Int", "+", {I, I}, {ix, iy}, n);
    bench.Kernel("Int", "*", {I, I}, {ix, iy}, n);
    bench.Kernel("Int", "div", {I, I}, {ix, iy}, n);
    bench.Kernel("Int", "<", {I, I}, {ix, iy}, n);
    bench.Programs("Int",
                   {*reg.Resolve("+", std::vector<Type>{I, I}), *reg.Resolve("-", std::vector<Type>{I, I}),
                    *reg.Resolve("*", std::vector<Type>{I, I}), *reg.Resolve("ite", std::vector<Type>{B, I, I}),
                    *reg.Resolve("<", std::vector<Type>{I, I}), *reg.Resolve("mod", std::vector<Type>{I, I})},
                   {{"x", I}, {"y", I}}, {ix, iy}, I, n);

    // BitVec 64
    std::vector<Value> bx = RandomValues(BV, n, rng), by = RandomValues(BV, n, rng);
    ValueColumn cx = ValueColumn::FromValues(BV, bx), cy = ValueColumn::FromValues(BV, by);
    {
      std::vector<uint64_t> a(n), b(n), c(n);
      for (size_t i = 0; i < n; ++i) a[i] = bx[i].as_bits(), b[i] = by[i].as_bits();
      bench.Raw("BV64", "bvadd", n, [&] {
        for (size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
        g_sink = g_sink + c[n - 1];
      });
    }
    for (const char* op : {"bvadd", "bvand", "bvshl", "bvlshr", "bvudiv", "bvmul"})
      bench.Kernel("BV64", op, {BV, BV}, {cx, cy}, n);
    bench.Kernel("BV64", "bvslt", {BV, BV}, {cx, cy}, n);
    std::vector<const Primitive*> bvops;
    for (const char* op : {"bvadd", "bvand", "bvor", "bvxor", "bvshl", "bvlshr", "bvsub"}) {
      bvops.push_back(*reg.Resolve(op, std::vector<Type>{BV, BV}));
    }
    bvops.push_back(*reg.Resolve("bvnot", std::vector<Type>{BV}));
    bench.Programs("BV64", bvops, {{"x", BV}, {"y", BV}}, {cx, cy}, BV, n);

    // Strings
    std::vector<Value> sa = ShortStrings(n, rng), sb = ShortStrings(n, rng);
    ValueColumn s1 = ValueColumn::FromValues(S, sa), s2 = ValueColumn::FromValues(S, sb);
    std::vector<Value> small;
    for (size_t i = 0; i < n; ++i) small.push_back(Value::Int(static_cast<int64_t>(rng() % 6)));
    ValueColumn k = ValueColumn::FromValues(I, small);
    ValueColumn space = ValueColumn::Broadcast(Value::String(" "), n);
    {
      std::vector<std::string> a, b, c(n);
      for (size_t i = 0; i < n; ++i) a.push_back(sa[i].as_string()), b.push_back(sb[i].as_string());
      bench.Raw("String", "str.++", n, [&] {
        for (size_t i = 0; i < n; ++i) {
          c[i].assign(a[i]);
          c[i].append(b[i]);
        }
        g_sink = g_sink + c[n - 1].size();
      });
    }
    bench.Kernel("String", "str.++", {S, S}, {s1, s2}, n);
    bench.Kernel("String", "str.substr", {S, I, I}, {s1, k, k}, n);
    bench.Kernel("String", "str.at", {S, I}, {s1, k}, n);
    bench.Kernel("String", "str.len", {S}, {s1}, n);
    bench.Kernel("String", "str.indexof", {S, S, I}, {s1, space, k}, n);
    bench.Kernel("String", "str.replace", {S, S, S}, {s1, space, s2}, n);
    bench.Kernel("String", "str.contains", {S, S}, {s1, space}, n);
    std::vector<const Primitive*> sops;
    for (auto [name, types] : std::vector<std::pair<const char*, std::vector<Type>>>{{"str.++", {S, S}},
                                                                                     {"str.substr", {S, I, I}},
                                                                                     {"str.at", {S, I}},
                                                                                     {"str.len", {S}},
                                                                                     {"str.indexof", {S, S, I}},
                                                                                     {"str.replace", {S, S, S}},
                                                                                     {"+", {I, I}},
                                                                                     {"-", {I, I}},
                                                                                     {"ite", {B, S, S}},
                                                                                     {"str.contains", {S, S}}}) {
      sops.push_back(*reg.Resolve(name, types));
    }
    bench.Programs("String", sops, {{"s", S}, {"t", S}}, {s1, s2}, S, n);

    // Float
    std::vector<Value> fa = RandomValues(F, n, rng), fb = RandomValues(F, n, rng);
    ValueColumn f1 = ValueColumn::FromValues(F, fa), f2 = ValueColumn::FromValues(F, fb);
    bench.Kernel("Float", "+", {F, F}, {f1, f2}, n);
    bench.Kernel("Float", "fma", {F, F, F}, {f1, f2, f1}, n);
    bench.Kernel("Float", "sqrt", {F}, {f1}, n);
    std::vector<const Primitive*> fops;
    for (const char* op : {"+", "-", "*", "/"}) fops.push_back(*reg.Resolve(op, std::vector<Type>{F, F}));
    fops.push_back(*reg.Resolve("fma", std::vector<Type>{F, F, F}));
    bench.Programs("Float", fops, {{"x", F}}, {f1}, F, n);

    // Lists of 10 Ints per example: a higher-order primitive runs its lambda on every element of every
    // example in one batch. Element-ops count list elements.
    const Type L = Type::List(I);
    std::vector<Value> lists;
    std::vector<std::vector<int64_t>> raw(n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> items;
      for (int k = 0; k < 10; ++k) {
        raw[i].push_back(static_cast<int64_t>(rng() % 100));
        items.push_back(Value::Int(raw[i].back()));
      }
      lists.push_back(Value::List(I, std::move(items)));
    }
    const ValueColumn lc = ValueColumn::FromValues(L, lists);
    std::vector<std::vector<int64_t>> mapped(n);
    bench.Raw("List", "map (+ x 1)", n, [&] {
      for (size_t i = 0; i < n; ++i) {
        mapped[i].clear();
        for (int64_t x : raw[i]) mapped[i].push_back(x + 1);
      }
      g_sink = g_sink + static_cast<uint64_t>(mapped[n - 1].back());
    }, n * 10);
    bench.Lambda("List", "map (+ x 1)", "(lambda (map (lambda (+ $0 1)) $0))", L, lc, n * 10);
    bench.Raw("List", "fold +", n, [&] {
      int64_t total = 0;
      for (size_t i = 0; i < n; ++i) {
        int64_t acc = 0;
        for (int64_t x : raw[i]) acc += x;
        total += acc;
      }
      g_sink = g_sink + static_cast<uint64_t>(total);
    }, n * 10);
    bench.Lambda("List", "fold +", "(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))", I, lc, n * 10);
    bench.Lambda("List", "filter (gt? x 50)", "(lambda (filter (lambda (gt? $0 (* (+ 1 (+ 1 1)) (* (+ 1 1) (+ (+ 1 1) (+ 1 1)))))) $0))", L, lc, n * 10);
  }
  bench.Print();
}

}  // namespace
}  // namespace progsearch

int main(int argc, char** argv) {
  progsearch::Options o;
  CLI::App app{"Interpreter throughput per domain (element-operations per second, one core)"};
  app.add_option("--examples", o.examples, "Column lengths to measure")->capture_default_str();
  app.add_option("--seconds", o.seconds, "Seconds per timed run")->capture_default_str();
  app.add_option("--repeats", o.repeats, "Timed runs per figure (the median is reported)")->capture_default_str();
  app.add_flag("--markdown", o.markdown, "Print a Markdown table");
  CLI11_PARSE(app, argc, argv);
  progsearch::Run(o);
  return 0;
}
