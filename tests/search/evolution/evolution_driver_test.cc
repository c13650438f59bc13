#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"
#include "proto/progsearch.pb.h"
#include "search/evolution/checkpoint_file.h"
#include "search/evolution/evolution_driver.h"
#include "search/evolution/mutator.h"
#include "search/evolution/regularized_evolution.h"

namespace progsearch {
namespace {

using Clock = std::chrono::steady_clock;

// x on [0, 1] and the programs' distance from x*x + 1 there: a small evolution to drive.
struct Setup {
  std::vector<ValueColumn> grid;
  Mutator mutator;
  RegularizedEvolution evolution;

  explicit Setup(uint64_t seed = 3)
      : grid(Grid()),
        mutator(Ops(), {{"x", Type::Float()}}, 15),
        evolution(Config(seed), mutator, Grid(), 33, Type::Float(), [this](TermPtr& program) {
          auto out = Interpreter().Evaluate(*program, grid, 33);
          if (!out.ok()) return double(INFINITY);
          double worst = 0;
          for (size_t i = 0; i < 33; ++i) {
            const double x = grid[0].floats()[i];
            worst = std::max(worst, std::fabs(out->floats()[i] - (x * x + 1)));
          }
          return std::isnan(worst) ? double(INFINITY) : worst;
        }) {
    evolution.Initialize();
  }

  static std::vector<ValueColumn> Grid() {
    std::vector<Value> xs;
    for (int i = 0; i < 33; ++i) xs.push_back(Value::Float(i / 32.0));
    return {ValueColumn::FromValues(Type::Float(), xs)};
  }
  static std::vector<const Primitive*> Ops() {
    const Type f = Type::Float();
    std::vector<const Primitive*> ops;
    for (const char* name : {"+", "*"}) ops.push_back(*BuiltinRegistry().Resolve(name, std::vector<Type>{f, f}));
    return ops;
  }
  static EvolutionConfig Config(uint64_t seed) {
    EvolutionConfig config;
    config.set_population_size(20);
    config.set_tournament_size(4);
    config.set_seed(seed);
    config.set_batch_size(4);
    return config;
  }
};

// One island alone: every collective call answers as a ring of one would.
class LoneIsland : public IslandLink {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  bool AnyStops(bool stop) override {
    ++agreements;
    return stop;
  }
  std::vector<std::string> Exchange(const std::vector<std::string>& emigrants) override {
    ++exchanges;
    sent = emigrants.size();
    return emigrants;
  }
  std::vector<std::string> Gather(const std::string& mine) override { return {mine}; }
  int agreements = 0, exchanges = 0;
  size_t sent = 0;
};

}  // namespace

TEST_CASE("the driver stops at the first condition of its budget, in order", "[search][evolution]") {
  SECTION("cycles") {
    Setup s;
    DriverBudget budget;
    budget.max_cycles = 40;
    const absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, {}, 0, Clock::now());
    REQUIRE(out.ok());
    CHECK(out->reason == StopReason::kCycles);
    CHECK(s.evolution.stats().cycles == 40);  // 10 batches of 4
  }
  SECTION("the target fitness comes before cycles") {
    Setup s;
    DriverBudget budget;
    budget.max_cycles = 1000000;
    budget.target_fitness = 1e300;  // the first population already reaches it
    const absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, {}, 0, Clock::now());
    REQUIRE(out.ok());
    CHECK(out->reason == StopReason::kTarget);
    CHECK(s.evolution.stats().cycles == 0);
  }
  SECTION("the caller's reason comes before cycles, and a set interrupt flag ends the run") {
    Setup s;
    DriverBudget budget;
    budget.max_cycles = 8;
    DriverHooks hooks;
    int asked = 0;
    hooks.stop = [&]() -> std::optional<StopReason> {
      return ++asked == 3 ? std::optional(StopReason::kFailures) : std::nullopt;
    };
    absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, hooks, 0, Clock::now());
    REQUIRE(out.ok());
    CHECK(out->reason == StopReason::kFailures);
    CHECK(s.evolution.stats().cycles == 8);
    std::atomic<bool> interrupt{true};
    budget.max_cycles = 0;
    budget.interrupt = &interrupt;
    out = RunEvolution(s.evolution, budget, {}, 0, Clock::now());
    REQUIRE(out.ok());
    CHECK(out->reason == StopReason::kInterrupted);
  }
  SECTION("search time counts the resumed runs' seconds") {
    Setup s;
    DriverBudget budget;
    budget.max_seconds = 10;
    const absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, {}, 11, Clock::now());
    REQUIRE(out.ok());
    CHECK(out->reason == StopReason::kTimeout);
    CHECK(out->seconds >= 11);
  }
}

TEST_CASE("the driver reports progress, which may end the run, and checkpoints on its timer", "[search][evolution]") {
  Setup s;
  DriverBudget budget;
  budget.max_cycles = 400;
  DriverHooks hooks;
  int reports = 0, checkpoints = 0;
  uint64_t cycles_at_first_checkpoint = 1;
  hooks.progress = [&](double) { return ++reports < 5; };
  hooks.checkpoint = [&](double) {
    if (checkpoints++ == 0) cycles_at_first_checkpoint = s.evolution.stats().cycles;
    return absl::OkStatus();
  };
  hooks.checkpoint_seconds = 1e9;  // only the first and the last
  hooks.checkpoint_first = true;
  const absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, hooks, 0, Clock::now());
  REQUIRE(out.ok());
  CHECK(out->reason == StopReason::kInterrupted);  // progress said stop after its fifth report
  CHECK(reports == 5);
  CHECK(s.evolution.stats().cycles == 20);
  CHECK(cycles_at_first_checkpoint == 0);  // before any batch
  CHECK(checkpoints == 2);
  CHECK(out->checkpoints == 2);
}

TEST_CASE("a checkpoint or a fitness that fails ends the run with its error", "[search][evolution]") {
  Setup s;
  DriverBudget budget;
  budget.max_cycles = 100;
  DriverHooks hooks;
  hooks.checkpoint = [](double) { return absl::PermissionDeniedError("run.ckpt: cannot write"); };
  hooks.checkpoint_first = true;
  absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, hooks, 0, Clock::now());
  CHECK(out.status().code() == absl::StatusCode::kPermissionDenied);
  CHECK(s.evolution.stats().cycles == 0);
  DriverHooks failing;
  failing.failure = [&s] {
    return s.evolution.stats().cycles >= 8 ? absl::FailedPreconditionError("module missing") : absl::OkStatus();
  };
  out = RunEvolution(s.evolution, budget, failing, 0, Clock::now());
  CHECK(out.status().message() == "module missing");
  CHECK(s.evolution.stats().cycles == 8);
}

TEST_CASE("islands agree on stops and migrate every few batches", "[search][evolution]") {
  Setup s;
  LoneIsland island;
  DriverBudget budget;
  budget.max_cycles = 24;  // 6 batches
  DriverHooks hooks;
  hooks.islands = &island;
  hooks.migration_batches = 2;
  hooks.migrants = 3;
  ProgramReader reader(BuiltinRegistry(), {{"x", Type::Float()}}, "<island>");
  hooks.read_program = [&reader](const std::string& text) { return reader.ReadText(text); };
  const absl::StatusOr<DriverOutcome> out = RunEvolution(s.evolution, budget, hooks, 0, Clock::now());
  REQUIRE(out.ok());
  CHECK(out->reason == StopReason::kCycles);
  CHECK(island.agreements == 4);  // before batches 0, 2 and 4, and at 6 where the budget is spent
  CHECK(island.exchanges == 2);   // not before the first batch
  CHECK(island.sent == 3);
  CHECK(out->migrations == 2);
  CHECK(out->immigrants <= 6);
}

TEST_CASE("a checkpoint is read only at its version and with the run's settings", "[search][evolution]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "progsearch-checkpoint-file-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "run.ckpt").string();
  auto write = [&path](const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; };
  auto none = [](const google::protobuf::Message&) { return std::string(); };
  proto::EvolveCheckpoint saved;
  saved.set_version(3);
  saved.set_seconds(12);
  write(saved.SerializeAsString());
  proto::EvolveCheckpoint read;
  REQUIRE(ReadCheckpoint(path, "Evolve", 3, "3: why", read, none).ok());
  CHECK(read.seconds() == 12);

  const absl::Status newer = ReadCheckpoint(path, "Evolve", 4, "version 4: XXH3 seeds", read, none);
  CHECK(newer.code() == absl::StatusCode::kInvalidArgument);
  CHECK(newer.message() == path + ": Evolve checkpoint of version 3; this progsearch reads version 4 "
                                  "(version 4: XXH3 seeds); start a new run");

  const absl::Status other = ReadCheckpoint(path, "Evolve", 3, "", read, [](const google::protobuf::Message& m) {
    return static_cast<const proto::EvolveCheckpoint&>(m).seconds() == 12 ? "seed=1 (this run: seed=2)" : "";
  });
  CHECK(other.message() == path + ": the checkpoint was made with other settings: seed=1 (this run: seed=2)");

  write("not a checkpoint at all");
  CHECK(ReadCheckpoint(path, "Evolve", 3, "", read, none).message() == path + ": not a progsearch Evolve checkpoint");
  std::filesystem::remove_all(dir);
}

}  // namespace progsearch
