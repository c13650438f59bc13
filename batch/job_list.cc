#include "batch/job_list.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

#include "core/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/read_file.h"
#include "proto/text_format.h"

namespace progsearch::batch {
namespace {

namespace fs = std::filesystem;

bool PlainName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// SyGuS and JSON tasks; text-format configs (discover --config {task}, one target each).
bool IsTaskFile(const fs::path& p) {
  return p.extension() == ".sl" || p.extension() == ".json" || p.extension() == ".txtpb";
}

// The task files a spec entry stands for, each with the name the job ids use.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> TaskFiles(const std::string& entry,
                                                                           const std::string& base_dir) {
  const fs::path path = fs::path(entry).is_absolute() ? fs::path(entry) : fs::path(base_dir) / entry;
  std::error_code error;
  if (fs::is_regular_file(path, error)) return std::vector<std::pair<std::string, std::string>>{{entry, path.string()}};
  if (!fs::is_directory(path, error)) return absl::NotFoundError(StrCat("task '", entry, "': no such file or folder (", path.string(), ")"));
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(path, error)) {
    if (item.is_regular_file() && IsTaskFile(item.path())) files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return absl::NotFoundError(StrCat("task folder '", entry, "' holds no .sl, .json or .txtpb file"));
  std::vector<std::pair<std::string, std::string>> out;
  for (const fs::path& file : files) out.emplace_back((fs::path(entry) / file.filename()).string(), file.string());
  return out;
}

absl::StatusOr<int> ParseInt(std::string_view text, std::string_view what) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return absl::InvalidArgumentError(StrCat(what, ": '", text, "' is not a whole number"));
  }
  return value;
}

}  // namespace

absl::StatusOr<proto::BatchSpec> ReadBatchSpec(const std::string& path) {
  auto text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  proto::BatchSpec spec;
  if (auto status = MergeTextFormat(*text, path, spec); !status.ok()) return status;
  auto bad = [&](std::string_view why) { return absl::InvalidArgumentError(StrCat(path, ": ", why)); };
  for (const proto::BatchConfig& config : spec.configs()) {
    if (spec.tasks().empty() && config.tasks().empty()) {
      return bad(StrCat("no tasks for config '", config.name(), "' (add `tasks: \"FILE_OR_FOLDER\"`)"));
    }
  }
  if (spec.configs().empty()) return bad("no configs (add `configs { name: \"...\" command: \"synth\" }`)");
  if (spec.repeats() < 0) return bad("repeats must be 0 or more");
  if (spec.job_seconds() < 0) return bad("job_seconds must be 0 or more");
  std::set<std::string> names;
  for (const proto::BatchConfig& config : spec.configs()) {
    if (!PlainName(config.name())) {
      return bad(StrCat("config name '", config.name(), "': use letters, digits, '-', '_' and '.'"));
    }
    if (!names.insert(config.name()).second) return bad(StrCat("config name '", config.name(), "' is used twice"));
    if (config.command() != "synth" && config.command() != "discover" && config.command() != "compress") {
      return bad(StrCat("config '", config.name(), "': command '", config.command(),
                              "' is not one batch runs (synth, discover, compress)"));
    }
    if (config.checkpoint() && config.command() != "discover") {
      return bad(StrCat("config '", config.name(), "': checkpoint is for discover jobs only"));
    }
  }
  return spec;
}

proto::BatchSpec SpecForTaskFolder(const std::string& folder) {
  proto::BatchSpec spec;
  spec.add_tasks(folder);
  proto::BatchConfig* config = spec.add_configs();
  config->set_name("synth");
  config->set_command("synth");
  return spec;
}

absl::StatusOr<std::vector<BatchJob>> ExpandJobs(const proto::BatchSpec& spec, const std::string& base_dir) {
  auto tasks_of = [&](const google::protobuf::RepeatedPtrField<std::string>& entries)
      -> absl::StatusOr<std::vector<std::pair<std::string, std::string>>> {  // (name, path)
    std::vector<std::pair<std::string, std::string>> tasks;
    for (const std::string& entry : entries) {
      auto files = TaskFiles(entry, base_dir);
      if (!files.ok()) return files.status();
      tasks.insert(tasks.end(), files->begin(), files->end());
    }
    return tasks;
  };
  auto shared_tasks = tasks_of(spec.tasks());
  if (!shared_tasks.ok()) return shared_tasks.status();
  const int repeats = std::max(1, spec.repeats());
  std::vector<BatchJob> jobs;
  for (const proto::BatchConfig& config : spec.configs()) {
    auto own_tasks = tasks_of(config.tasks());
    if (!own_tasks.ok()) return own_tasks.status();
    for (const auto& [name, path] : config.tasks().empty() ? *shared_tasks : *own_tasks) {
      for (int seed = 1; seed <= repeats; ++seed) {
        BatchJob job;
        job.id = StrCat(config.name(), "/", name, "/", seed);
        job.config = config.name();
        job.task = name;
        job.seed = seed;
        job.checkpoint = config.checkpoint();
        job.argv.push_back(config.command());
        bool has_task = false;
        for (const std::string& arg : config.args()) {
          has_task |= arg.find("{task}") != std::string::npos;
          job.argv.push_back(absl::StrReplaceAll(arg, {{"{task}", path}, {"{seed}", std::to_string(seed)}}));
        }
        if (!has_task) job.argv.push_back(path);
        jobs.push_back(std::move(job));
      }
    }
  }
  return jobs;
}

absl::StatusOr<Shard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return absl::InvalidArgumentError(StrCat("--shard '", text, "': expected I/N"));
  auto index = ParseInt(text.substr(0, slash), "--shard");
  if (!index.ok()) return index.status();
  auto count = ParseInt(text.substr(slash + 1), "--shard");
  if (!count.ok()) return count.status();
  if (*count < 1 || *index < 0 || *index >= *count) {
    return absl::InvalidArgumentError(StrCat("--shard '", text, "': need 0 <= I < N"));
  }
  return Shard{*index, *count};
}

absl::StatusOr<std::optional<Shard>> ShardFromSlurm(const std::function<const char*(const char*)>& getenv) {
  const char* id_text = getenv("SLURM_ARRAY_TASK_ID");
  if (id_text == nullptr) return std::optional<Shard>();
  auto number = [&](const char* name, int fallback) -> absl::StatusOr<int> {
    const char* text = getenv(name);
    if (text == nullptr) return fallback;
    return ParseInt(text, name);
  };
  auto id = ParseInt(id_text, "SLURM_ARRAY_TASK_ID");
  auto count_value = number("SLURM_ARRAY_TASK_COUNT", -1);
  auto min = number("SLURM_ARRAY_TASK_MIN", 0);
  auto step = number("SLURM_ARRAY_TASK_STEP", 1);
  for (const auto* status : {&id.status(), &count_value.status(), &min.status(), &step.status()}) {
    if (!status->ok()) return *status;
  }
  if (*count_value < 1) return absl::InvalidArgumentError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
  if (*step < 1 || *id < *min || (*id - *min) % *step != 0 || (*id - *min) / *step >= *count_value) {
    return absl::InvalidArgumentError(StrCat("SLURM_ARRAY_TASK_ID ", *id, " is not one of the array's ",
                                                   *count_value, " tasks from ", *min, " in steps of ", *step));
  }
  return std::optional<Shard>(Shard{(*id - *min) / *step, *count_value});
}

}  // namespace progsearch::batch
