#include "approx/approximation.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "approx/constant_tuning.h"
#include "approx/error_measure.h"
#include "approx/polynomial_baselines.h"
#include "core/str_cat.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "tbb/global_control.h"

namespace progsearch {

namespace {

// A short run: `max_ops` operations at most, `cycles` cycles of a population of `population`, errors on
// `grid` points.
ApproximationConfig SmallConfig(int max_ops, uint64_t cycles, int population, size_t grid) {
  ApproximationConfig config;
  config.mutable_search()->set_max_ops(max_ops);
  config.set_max_cycles(cycles);
  config.mutable_search()->set_population(population);
  config.mutable_search()->set_grid(grid);
  return config;
}

}  // namespace

TEST_CASE("math targets: names, expressions and MPFR ground truth", "[search][approximation]") {
  auto exp = ParseMathTarget("exp", 0, 1);
  REQUIRE(exp.ok());
  CHECK(exp->Reference(1.0) == 2.718281828459045);  // e, correctly rounded
  CHECK(exp->Reference(0.0) == 1.0);
  auto sigmoid = ParseMathTarget("sigmoid", -1, 1);
  REQUIRE(sigmoid.ok());
  CHECK(sigmoid->Reference(0.0) == 0.5);
  auto expr = ParseMathTarget("(* x (sin x))", 0, 3);
  REQUIRE(expr.ok());
  CHECK(std::fabs(expr->Reference(2.0) - 2 * std::sin(2.0)) < 1e-15);
  // log2 of a power of two is exact.
  CHECK(ParseMathTarget("log2", 1, 8)->Reference(8.0) == 3.0);
  // exp2 in float: correctly rounded.
  CHECK(ParseMathTarget("exp2", 0, 1)->ReferenceFloat(0.5f) == 1.41421354f);

  CHECK_FALSE(ParseMathTarget("exq", 0, 1).ok());
  CHECK_FALSE(ParseMathTarget("(str.len x)", 0, 1).ok());
  CHECK_FALSE(ParseMathTarget("exp", 1, 0).ok());
  auto not_float = ParseMathTarget("(< x 1.0)", 0, 1);
  REQUIRE_FALSE(not_float.ok());
  CHECK(std::string(not_float.status().message()).find("Float") != std::string::npos);
}

TEST_CASE("maximum relative error on a refined grid", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<p>");
  // 1 + x is worst at x = 1: |2 - e| / e.
  auto linear = reader.ReadText("(+ 1.0 x)");
  REQUIRE(linear.ok());
  CHECK(MaxRelativeError(**linear, *target, 101) == Approx((std::exp(1.0) - 2) / std::exp(1.0)).epsilon(1e-12));
  // libm's exp is within an ulp or so of the truth.
  auto exact = reader.ReadText("(exp x)");
  REQUIRE(exact.ok());
  CHECK(MaxRelativeError(**exact, *target, 1001) < 4e-16);
  // 1 + x + x^2/2 peaks inside the interval's last stretch; refinement finds at least the grid's maximum.
  auto taylor = reader.ReadText("(fma (fma 0.5 x 1.0) x 1.0)");
  REQUIRE(taylor.ok());
  const double coarse = MaxRelativeError(**taylor, *target, 11);
  CHECK(coarse > 0.07);
  CHECK(coarse < 0.09);
}

TEST_CASE("discovery returns a front that improves with operations", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  ApproximationConfig config = SmallConfig(8, 20000, 100, 257);
  auto a = *DiscoverApproximation(*target, config);
  auto b = *DiscoverApproximation(*target, config);
  REQUIRE(a.front.size() >= 3);
  CHECK(a.stop_reason == StopReason::kCycles);
  for (size_t i = 1; i < a.front.size(); ++i) {
    CHECK(a.front[i].ops > a.front[i - 1].ops);
    CHECK(a.front[i].max_rel_error < a.front[i - 1].max_rel_error);
    CHECK(OperationCount(*a.front[i].program) == a.front[i].ops);
  }
  CHECK(a.front.back().max_rel_error < 0.05);
  // Seeded with the minimax polynomials, the front is never worse than them at their operation counts.
  for (const FrontPoint& p : a.front) {
    if (p.ops % 2 || p.ops < 2) continue;
    auto c = MinimaxPolynomial(*target, p.ops / 2);
    REQUIRE(c);
    CHECK(p.max_rel_error <= MaxRelativeError(*HornerProgram(*c), *target, config.search().grid()) * (1 + 1e-9));
  }
  // Same seed, same cycles: the same front.
  REQUIRE(a.front.size() == b.front.size());
  for (size_t i = 0; i < a.front.size(); ++i) CHECK(PrintTerm(*a.front[i].program) == PrintTerm(*b.front[i].program));
}

TEST_CASE("constant tuning fits a line to exp and keeps the shape", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<p>");
  auto line = reader.ReadText("(fma x 0.5 0.5)");
  REQUIRE(line.ok());
  CHECK(FloatConstants(**line) == std::vector<double>{0.5, 0.5});
  CHECK(PrintTerm(*WithFloatConstants(*line, {2.0, 3.0})) == "(fma x 2.0 3.0)");
  const std::function<double(const Term&)> error = [&](const Term& p) { return MaxRelativeError(p, *target, 65); };
  const double before = error(**line);
  TuningResult tuned = TuneConstants(*line, error, 200);
  CHECK(tuned.error < before / 3);
  CHECK(tuned.error == Approx(error(*tuned.program)));
  CHECK(tuned.evaluations <= 201);
  CHECK(OperationCount(*tuned.program) == 2);  // fma: a multiply and an add
  // The best line for relative error on [0, 1] is off by about 10.6%; Nelder-Mead gets near it.
  CHECK(tuned.error < 0.15);
  // Nothing to tune: the program comes back as it was.
  auto bare = reader.ReadText("(* x x)");
  REQUIRE(bare.ok());
  CHECK(TuneConstants(*bare, error, 50).program == *bare);
}

TEST_CASE("Remez minimax baselines match Sollya's figures", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  // Sollya: remez(1, 5, [0;1], 1/exp(x)) has max relative error 6.7e-7 (the figure).
  auto c5 = MinimaxPolynomial(*target, 5);
  REQUIRE(c5);
  TermPtr p5 = HornerProgram(*c5);
  CHECK(OperationCount(*p5) == 10);  // five fma steps, counted as multiply + add
  const double e5 = MaxRelativeError(*p5, *target, 4097);
  CHECK(e5 == Approx(6.7e-7).epsilon(0.05));
  // Minimax beats Taylor of the same degree, and more degrees help.
  auto t5 = TaylorPolynomial(*target, 5);
  REQUIRE(t5);
  CHECK(MaxRelativeError(*HornerProgram(*t5), *target, 4097) > 10 * e5);
  auto c3 = MinimaxPolynomial(*target, 3);
  REQUIRE(c3);
  CHECK(MaxRelativeError(*HornerProgram(*c3), *target, 4097) > 10 * e5);
  CHECK_FALSE(TaylorPolynomial(*ParseMathTarget("erf", 0, 1), 3));
}

TEST_CASE("minimax rationals: ten operations, ten times better than the polynomial", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  TermPtr r32 = MinimaxRational(*target, 3, 2);
  REQUIRE(r32 != nullptr);
  CHECK(OperationCount(*r32) == 10);
  const double error = MaxRelativeError(*r32, *target, 4097);
  CHECK(error < 7e-8);
  CHECK(error > 5e-8);  // the (3, 2) minimax error: no fit can go much below
  // Bad shapes are refused, not returned broken.
  CHECK(MinimaxRational(*target, 2, 0) == nullptr);
}

namespace {

std::string Describe(const ApproximationResult& r) {
  std::string out =
      StrCat(r.stats.cycles, " cycles ", r.stats.fitness_evaluations, " evaluations ", r.stats.cache.hits, " hits\n");
  for (const FrontPoint& p : r.front) out += StrCat(p.ops, " ", p.max_rel_error, " ", PrintTerm(*p.program), "\n");
  return out;
}

}  // namespace

TEST_CASE("a resumed discover run continues exactly as the uninterrupted one", "[threads][search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  const std::string path = (std::filesystem::temp_directory_path() / "progsearch_resume_test.ckpt").string();
  std::remove(path.c_str());
  ApproximationConfig config = SmallConfig(8, 800, 60, 257);
  config.set_seconds(600);
  config.mutable_search()->set_batch(8);
  config.mutable_search()->set_tuning_iterations(10);
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  auto straight = DiscoverApproximation(*target, config);
  REQUIRE(straight.ok());

  config.set_max_cycles(400);
  config.set_checkpoint_path(path);
  auto first = DiscoverApproximation(*target, config);
  REQUIRE(first.ok());
  CHECK(first->checkpoints >= 1);
  REQUIRE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

  config.set_max_cycles(800);
  config.clear_checkpoint_path();
  config.set_resume_path(path);
  auto resumed = DiscoverApproximation(*target, config);
  REQUIRE(resumed.ok());
  CHECK(Describe(*resumed) == Describe(*straight));
  CHECK(resumed->stop_reason == StopReason::kCycles);

  // Other settings are refused with both settings shown; so is a file that is not a checkpoint.
  config.mutable_search()->set_seed(2);
  auto other = DiscoverApproximation(*target, config);
  REQUIRE_FALSE(other.ok());
  CHECK(std::string(other.status().message()).find("other settings: seed=1 (this run: seed=2)") != std::string::npos);
  std::ofstream(path) << "not a checkpoint";
  config.mutable_search()->set_seed(1);
  CHECK_FALSE(DiscoverApproximation(*target, config).ok());
  std::remove(path.c_str());
}

TEST_CASE("float32 mode scores programs in ULPs of float arithmetic", "[threads][search][approximation]") {
  auto target = ParseMathTarget("exp2", 0, 1);
  REQUIRE(target.ok());
  ApproximationConfig config = SmallConfig(10, 400, 60, 1025);
  config.mutable_search()->set_arithmetic(proto::ApproximationSearch::FLOAT32);
  auto result = DiscoverApproximation(*target, config);
  REQUIRE(result.ok());
  REQUIRE_FALSE(result->front.empty());
  // Seeded with the classical fits, ten operations come within a few ULPs of the exact value on the
  // sample; the correctly rounded float itself is up to half an ULP away, so no program scores below
  // about 0.5 (each sample point's float result is a float, the exact value is not).
  CHECK(result->front.back().ulps < 3);
  CHECK(result->front.back().ulps > 0.45);
  for (size_t i = 1; i < result->front.size(); ++i) CHECK(result->front[i].ulps < result->front[i - 1].ulps);
}

TEST_CASE("approximation settings no run can use are refused, naming the setting", "[search][approximation]") {
  auto target = ParseMathTarget("exp", 0, 1);
  REQUIRE(target.ok());
  ApproximationConfig config = SmallConfig(8, 10, 20, 65);
  CHECK(ValidateApproximationConfig(config).ok());
  auto refused = [&](const std::string& expected) {
    absl::Status s = ValidateApproximationConfig(config);
    INFO(s.ToString());
    CHECK(absl::IsInvalidArgument(s));
    CHECK(std::string(s.message()).find(expected) != std::string::npos);
    // The search refuses it too, before it starts.
    CHECK(absl::IsInvalidArgument(DiscoverApproximation(*target, config).status()));
  };
  config.mutable_search()->set_probes(0);
  refused("search.probes is 0");
  config.mutable_search()->set_probes(8);
  config.mutable_search()->set_max_ops(0);
  refused("search.max_ops is 0");
  config.mutable_search()->set_max_ops(8);
  (*config.mutable_search()->mutable_weights())["fma"] = -3;
  refused("search.weights[fma] is -3");
  config.mutable_search()->mutable_weights()->clear();
  (*config.mutable_search()->mutable_weights())["sin"] = 2;
  refused("unknown operation 'sin'");
  config.mutable_search()->mutable_weights()->clear();
  config.set_seconds(0);
  refused("seconds is 0");
}

}  // namespace progsearch

namespace progsearch {

TEST_CASE("centre seeds: fits in t = x - m, read back through one shared node", "[search][approximation]") {
  auto target = ParseMathTarget("exp2", 0, 1);
  REQUIRE(target.ok());
  const OperationWeights weights = WeightsOf(ApproximationSearch());
  const std::vector<TermPtr> seeds = CentredSeeds(*target, 10, weights);
  REQUIRE_FALSE(seeds.empty());
  const ReferenceGrid grid = MakeReferenceGrid(*target, 513);
  for (const TermPtr& seed : seeds) {
    INFO(PrintTerm(*seed));
    CHECK_THAT(PrintTerm(*seed), Catch::Contains("(- x 0.5)"));
    CHECK(OperationCost(*seed, weights) <= 10);
    // A fit of the shifted target is a fit of the target: its error is that of a classical fit.
    CHECK(MaxRelativeError(*seed, *target, grid) < 0.1);
  }
  // A centred interval has nothing to centre.
  auto centred = ParseMathTarget("exp", -0.5, 0.5);
  REQUIRE(centred.ok());
  CHECK(CentredSeeds(*centred, 10, weights).empty());
}

TEST_CASE("centred search: the front is of x, measured against the target itself", "[search][approximation]") {
  auto target = ParseMathTarget("exp2", 0, 1);
  REQUIRE(target.ok());
  ApproximationConfig config = SmallConfig(9, 20000, 100, 257);
  config.mutable_search()->set_centre(true);
  auto result = DiscoverApproximation(*target, config);
  REQUIRE(result.ok());
  REQUIRE(result->front.size() >= 4);
  CHECK_FALSE(result->classical.has_value());
  const ReferenceGrid grid = MakeReferenceGrid(*target, 257);
  for (size_t i = 0; i < result->front.size(); ++i) {
    const FrontPoint& p = result->front[i];
    INFO(PrintTerm(*p.program));
    CHECK(p.ops <= 9);
    CHECK(OperationCount(*p.program) == p.ops);
    CHECK(p.max_rel_error == MaxRelativeError(*p.program, *target, grid));
    if (p.ops > 0) CHECK_THAT(PrintTerm(*p.program), Catch::Contains("(- x 0.5)"));
    if (i > 0) CHECK(p.max_rel_error < result->front[i - 1].max_rel_error);
  }
  // The family a centred interval opens: well below the minimax polynomial of 8 operations.
  const FrontPoint& last = result->front.back();
  auto poly = MinimaxPolynomial(*target, 4);
  REQUIRE(poly);
  CHECK(last.max_rel_error < MaxRelativeError(*HornerProgram(*poly), *target, grid) / 5);

  config.mutable_search()->set_arithmetic(ApproximationSearch::FLOAT32);
  auto refused = DiscoverApproximation(*target, config);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(std::string(refused.status().message()), Catch::Contains("float64"));
}

}  // namespace progsearch
