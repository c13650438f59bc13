#include "batch/job_list.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

namespace progsearch::batch {
namespace {

namespace fs = std::filesystem;

// A folder with three task files and a job file of two configs and two seeds: 12 jobs.
struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("progsearch-batch-" + std::to_string(::getpid()));
  Fixture() {
    fs::create_directories(dir / "tasks");
    for (const char* name : {"b.sl", "a.json", "c.sl"}) std::ofstream(dir / "tasks" / name) << "x";
    std::ofstream(dir / "tasks" / "notes.txt") << "not a task";
  }
  ~Fixture() { fs::remove_all(dir); }
  std::string Write(const std::string& text) const {
    const fs::path path = dir / "jobs.txtpb";
    std::ofstream(path) << text;
    return path.string();
  }
};

constexpr const char* kSpec = R"(tasks: "tasks"
configs { name: "plain" command: "synth" }
configs { name: "seeded" command: "discover" args: "--seed" args: "{seed}" args: "--task={task}" }
repeats: 2
)";

std::vector<BatchJob> MustExpand(const Fixture& f, const std::string& text) {
  auto spec = ReadBatchSpec(f.Write(text));
  INFO(spec.status());
  REQUIRE(spec.ok());
  auto jobs = ExpandJobs(*spec, f.dir.string());
  INFO(jobs.status());
  REQUIRE(jobs.ok());
  return *jobs;
}

TEST_CASE("batch: jobs come config by config, task by task (name order), seed by seed") {
  Fixture f;
  const std::vector<BatchJob> jobs = MustExpand(f, kSpec);
  REQUIRE(jobs.size() == 12);
  CHECK(jobs[0].id == "plain/tasks/a.json/1");
  CHECK(jobs[1].id == "plain/tasks/a.json/2");
  CHECK(jobs[2].id == "plain/tasks/b.sl/1");
  CHECK(jobs[6].id == "seeded/tasks/a.json/1");
  // Without {task} the task's path is appended; {seed} and {task} are replaced where they stand.
  CHECK(jobs[0].argv == std::vector<std::string>{"synth", (f.dir / "tasks" / "a.json").string()});
  CHECK(jobs[7].argv ==
        std::vector<std::string>{"discover", "--seed", "2", "--task=" + (f.dir / "tasks" / "a.json").string()});
}

TEST_CASE("batch: a config with tasks of its own runs those instead of the file's") {
  Fixture f;
  const std::vector<BatchJob> jobs = MustExpand(f, R"(tasks: "tasks"
configs { name: "all" command: "synth" }
configs { name: "one" command: "discover" tasks: "tasks/c.sl" }
)");
  REQUIRE(jobs.size() == 4);
  CHECK(jobs[2].id == "all/tasks/c.sl/1");
  CHECK(jobs[3].id == "one/tasks/c.sl/1");
}

TEST_CASE("batch: a bad job file is refused with the reason") {
  Fixture f;
  auto reason = [&](const std::string& text) {
    auto spec = ReadBatchSpec(f.Write(text));
    REQUIRE_FALSE(spec.ok());
    return std::string(spec.status().message());
  };
  CHECK_THAT(reason("tasks: \"tasks\" configs { name: \"a\" command: \"eval\" }"), Catch::Contains("'eval' is not one"));
  CHECK_THAT(reason("tasks: \"tasks\" configs { name: \"a\" command: \"synth\" } configs { name: \"a\" command: \"synth\" }"),
             Catch::Contains("used twice"));
  CHECK_THAT(reason("tasks: \"tasks\" configs { name: \"a b\" command: \"synth\" }"), Catch::Contains("letters, digits"));
  CHECK_THAT(reason("configs { name: \"a\" command: \"synth\" }"), Catch::Contains("no tasks for config 'a'"));
  CHECK_THAT(reason("tasks: \"tasks\"\nconfigs { nme: \"a\" }"), Catch::Contains("jobs.txtpb:2"));
  auto spec = ReadBatchSpec(f.Write("tasks: \"nowhere\" configs { name: \"a\" command: \"synth\" }"));
  REQUIRE(spec.ok());
  CHECK_FALSE(ExpandJobs(*spec, f.dir.string()).ok());
}

TEST_CASE("batch: shards partition the jobs, by hand and from a Slurm job array") {
  Fixture f;
  const std::vector<BatchJob> jobs = MustExpand(f, kSpec);
  for (int n = 1; n <= 5; ++n) {
    for (int min : {0, 1, 7}) {
      std::map<std::string, int> runs;  // job id -> shards that run it
      for (int i = 0; i < n; ++i) {
        auto flag = ParseShard(std::to_string(i) + "/" + std::to_string(n));
        REQUIRE(flag.ok());
        const std::map<std::string, std::string> env = {{"SLURM_ARRAY_TASK_ID", std::to_string(min + i)},
                                                        {"SLURM_ARRAY_TASK_COUNT", std::to_string(n)},
                                                        {"SLURM_ARRAY_TASK_MIN", std::to_string(min)}};
        auto slurm = ShardFromSlurm([&](const char* name) {
          auto it = env.find(name);
          return it == env.end() ? nullptr : it->second.c_str();
        });
        REQUIRE(slurm.ok());
        REQUIRE(slurm->has_value());
        CHECK((*slurm)->index == flag->index);
        CHECK((*slurm)->count == flag->count);
        for (size_t k = 0; k < jobs.size(); ++k) {
          if (flag->Has(k)) ++runs[jobs[k].id];
        }
      }
      CHECK(runs.size() == jobs.size());  // none lost
      for (const auto& [id, count] : runs) CHECK(count == 1);  // none run twice
    }
  }
}

TEST_CASE("batch: shard flags and Slurm variables are checked") {
  CHECK_FALSE(ParseShard("3/3").ok());
  CHECK_FALSE(ParseShard("1").ok());
  CHECK_FALSE(ParseShard("a/2").ok());
  CHECK_FALSE(ParseShard("-1/2").ok());
  auto none = ShardFromSlurm([](const char*) -> const char* { return nullptr; });
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  // An array 10-18:4 has tasks 10, 14 and 18.
  std::map<std::string, std::string> env = {{"SLURM_ARRAY_TASK_ID", "14"},
                                            {"SLURM_ARRAY_TASK_COUNT", "3"},
                                            {"SLURM_ARRAY_TASK_MIN", "10"},
                                            {"SLURM_ARRAY_TASK_STEP", "4"}};
  auto get = [&](const char* name) {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  auto stepped = ShardFromSlurm(get);
  REQUIRE(stepped.ok());
  CHECK((*stepped)->index == 1);
  env["SLURM_ARRAY_TASK_ID"] = "15";
  CHECK_FALSE(ShardFromSlurm(get).ok());
  env.erase("SLURM_ARRAY_TASK_COUNT");
  CHECK_FALSE(ShardFromSlurm(get).ok());
}

}  // namespace
}  // namespace progsearch::batch
