#include "apps/synth_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "apps/run_config.h"
#include "apps/wake_sleep_command.h"
#include "core/read_file.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/json_task.h"
#include "guide/argument_ranker.h"
#include "guide/guide_scorer.h"
#include "proto/progsearch.pb.h"
#include "search/cegis/cegis.h"
#include "search/synthesize.h"

namespace progsearch::cli {
namespace {

// Peak resident memory of this process (VmHWM), in bytes; 0 where /proc is not available.
uint64_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

std::string Human(double v) {
  if (v >= 1e9) return absl::StrFormat("%.2fG", v / 1e9);
  if (v >= 1e6) return absl::StrFormat("%.2fM", v / 1e6);
  if (v >= 1e3) return absl::StrFormat("%.1fk", v / 1e3);
  return absl::StrFormat("%.0f", v);
}

struct Outcome {
  proto::SynthResult result;
  int error_exit = kExitFailed;  // status "error": the exit code of that error
};

// The task ends in an error; `bad_input` unless it is progsearch's own failure (IsOwnFailure).
Outcome Fail(Outcome out, const absl::Status& status, bool bad_input) {
  out.result.set_status("error");
  out.result.set_error(std::string(status.message()));
  out.error_exit = IsOwnFailure(status) ? kExitInternal : bad_input ? kExitBadInput : kExitFailed;
  return out;
}

// `task`: the file at `path`, read (or why it could not be).
Outcome SynthOne(const std::string& path, const absl::StatusOr<Task>& task, const proto::SynthConfig& config,
                 bool show_progress) {
  Outcome out;
  out.result.set_task(path);
  if (!task.ok()) return Fail(std::move(out), task.status(), true);
  const bool tty = show_progress && isatty(STDERR_FILENO) && task->spec.empty();
  ProgressFn progress;
  if (tty) {
    progress = [](const BottomUpStats& s) {
      std::fprintf(stderr, "\r\033[K  cost %d  %s candidates  %s values  %s/s  %s  %.1fs", s.cost,
                   Human(s.candidates).c_str(), Human(s.distinct_values).c_str(),
                   Human(s.candidates / std::max(s.seconds, 1e-9)).c_str(), (Human(s.memory_bytes) + "B").c_str(),
                   s.seconds);
      std::fflush(stderr);
      return true;
    };
  }
  std::string guide_description;
  auto guide = guide::MakeGuide(*task, config.guide(), config.search().threads(), &guide_description);
  if (!guide.ok()) return Fail(std::move(out), guide.status(), true);
  std::string ranking_description;
  auto ranker = guide::MakeArgumentRanker(*task, config.guide(), &ranking_description);
  if (!ranker.ok()) return Fail(std::move(out), ranker.status(), true);
  SynthesisHooks hooks;
  hooks.progress = progress;
  hooks.scorer = guide->get();
  hooks.ranker = ranker->get();
  // SIGINT / SIGTERM end the search at its next check: the task is reported "interrupted".
  hooks.interrupt = StopOnSignals();
  auto synthesis = Synthesize(*task, config, hooks);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (!synthesis.ok()) {
    // Tasks the searches cannot take (several synth-funs, not single-invocation) are refused like bad input.
    const absl::StatusCode code = synthesis.status().code();
    return Fail(std::move(out), synthesis.status(),
                code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kUnimplemented ||
                    code == absl::StatusCode::kFailedPrecondition);
  }
  out.result.MergeFrom(synthesis->result);
  out.result.set_peak_rss_bytes(PeakRssBytes());
  out.result.set_guide(guide_description);
  out.result.set_argument_ranking(ranking_description);
  if (const guide::GuideArgumentRanker* r = ranker->get()) {
    out.result.set_ranked_arguments(r->stats().ranked);
    out.result.set_ranking_seconds(r->stats().seconds);
  }
  if (const guide::GuideScorer* g = guide->get()) {
    out.result.set_guide_values(g->stats().values);
    out.result.set_guide_delayed(g->stats().delayed);
    out.result.set_guide_seconds(g->stats().seconds);
  }
  return out;
}

// How a solution was checked, as the statistics line and the folder summary show it: "proved (term cover)",
// "examples"; empty when there is no solution.
std::string CheckedBy(const proto::SynthResult& r) {
  if (r.checked().empty()) return "";
  return r.method().empty() ? r.checked() : StrCat(r.checked(), " (", r.method(), ")");
}

void PrintStats(const proto::SynthResult& r) {
  if (r.guide_values() > 0) {
    std::cerr << absl::StrFormat("guide %s: %s values scored in %.2fs, %s delayed\n", r.guide(),
                                 Human(r.guide_values()), r.guide_seconds(), Human(r.guide_delayed()));
  }
  if (r.guided_cost() > 0) {
    std::cerr << absl::StrFormat(
        "smaller answer: the guided answer has size %d; an unguided search of %s candidates %s\n", r.guided_cost(),
        Human(r.smaller_search_candidates()),
        r.cost() < r.guided_cost() ? absl::StrFormat("found one of size %d", r.cost()) : std::string("found none smaller"));
  }
  const std::string checked = CheckedBy(r);
  std::cerr << absl::StrFormat("%s: %s%s in %.2fs, %s candidates (%s/s), %s distinct values, bank %sB, peak RSS %sB\n",
                               r.task(), r.status(), checked.empty() ? "" : StrCat(", ", checked), r.seconds(),
                               Human(r.candidates()), Human(r.candidates_per_second()), Human(r.distinct_values()),
                               Human(r.memory_bytes()), Human(r.peak_rss_bytes()));
}

// "2/3" held-out examples passed, or "-" for a task without held-out examples or a solution.
std::string HeldOut(const proto::SynthResult& r) {
  if (r.test_total() == 0 || r.status() != "solved") return "-";
  return absl::StrFormat("%d/%d", r.test_passed(), r.test_total());
}

// The summary of a folder: one row per task run, then the totals.
void PrintFolderTable(const std::vector<proto::SynthResult>& results, size_t files) {
  std::vector<double> times;
  size_t solved = 0, generalized = 0, with_test = 0;
  for (const auto& r : results) {
    if (r.status() != "solved") continue;
    ++solved;
    times.push_back(r.seconds());
    if (r.test_total() > 0) {
      ++with_test;
      generalized += r.test_passed() == r.test_total();
    }
  }
  std::sort(times.begin(), times.end());
  std::cerr << absl::StrFormat("\n%-40s %-11s %8s %6s %12s %10s %8s  %s\n", "task", "result", "seconds", "size",
                               "candidates", "cand/s", "held-out", "checked");
  for (const auto& r : results) {
    std::string name = std::filesystem::path(r.task()).filename().string();
    std::cerr << absl::StrFormat("%-40s %-11s %8.2f %6d %12s %10s %8s  %s\n", name.substr(0, 40), r.status(),
                                 r.seconds(), r.cost(), Human(r.candidates()), Human(r.candidates_per_second()),
                                 HeldOut(r), CheckedBy(r));
  }
  std::cerr << absl::StrFormat("\nsolved %zu of %zu", solved, results.size());
  if (with_test > 0) std::cerr << absl::StrFormat("; %zu of %zu with held-out examples pass them all", generalized, with_test);
  if (!times.empty()) std::cerr << absl::StrFormat("; median time of solved %.2fs", times[times.size() / 2]);
  std::cerr << "\n";
  if (results.size() < files) {
    std::cerr << absl::StrFormat("interrupted: %zu of %zu tasks not run\n", files - results.size(), files);
  }
}

int RunFolder(const SynthOptions& options, const proto::SynthConfig& config) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(options.path)) {
    if (entry.is_regular_file() && (entry.path().extension() == ".sl" || entry.path().extension() == ".json")) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return ReportError(absl::InvalidArgumentError(StrCat(options.path, ": no .sl or .json task files in this folder")));
  }
  const std::atomic<bool>* stop = StopOnSignals();
  std::vector<proto::SynthResult> results;
  size_t solved = 0;
  bool internal = false;
  // On SIGINT or SIGTERM the running task ends "interrupted", the rest are not run, and the table says so.
  for (size_t i = 0; i < files.size() && !stop->load(); ++i) {
    if (!options.json && !options.quiet) {
      std::cerr << absl::StrFormat("[%zu/%zu] %s\n", i + 1, files.size(), files[i]);
    }
    Outcome o = SynthOne(files[i], ReadTaskFile(files[i]), config, !options.quiet);
    const proto::SynthResult& r = o.result;
    solved += r.status() == "solved";
    internal |= r.status() == "error" && o.error_exit == kExitInternal;
    if (options.json) {
      if (absl::Status s = PrintJsonLine(r); !s.ok()) return ReportError(s);
    } else if (r.status() == "solved") {
      // Each answer names its task, so that stdout alone says which program solves which file.
      std::cout << "; " << r.task() << "\n" << r.solution() << "\n";
      if (r.test_total() > 0) {
        std::cout << "; held-out test examples: " << r.test_passed() << "/" << r.test_total() << " pass\n";
      }
    } else if (r.status() == "error") {
      std::cerr << "  error: " << EscapeForMessage(r.error()) << "\n";
    }
    results.push_back(r);
  }
  if (!options.json) PrintFolderTable(results, files.size());
  if (internal) return kExitInternal;
  return solved == files.size() ? kExitOk : kExitFailed;
}

void AddGuideOptions(CLI::App& cmd, std::function<proto::GuideConfig*()> guide) {
  cmd.add_option_function<std::string>(
         "--guide",
         [guide](const std::string& v) {
           proto::GuideConfig::Mode mode;
           if (guide::ParseGuideMode(v, &mode)) guide()->set_mode(mode);
         },
         "Neural guide of the bottom-up search: auto (default: on where a model serves the task's domain, on the "
         "GPU for large batches when one is present), off, cpu, gpu")
      ->check(CLI::IsMember({"auto", "off", "cpu", "gpu"}));
  cmd.add_option_function<std::string>(
         "--guide-model", [guide](const std::string& v) { guide()->set_model(v); },
         "Guide model file (default: the bundled model of the task's domain, models/DOMAIN.guide)")
      ->type_name("FILE");
  cmd.add_option_function<std::vector<double>>(
         "--guide-thresholds",
         [guide](const std::vector<double>& v) { guide()->mutable_thresholds()->Assign(v.begin(), v.end()); },
         "Ascending probabilities: a value below k of them waits k more cost levels (default 0.1,0.2,0.3,0.4,0.6)")
      ->delimiter(',')
      ->type_name("P,...");
  cmd.add_option_function<std::string>(
         "--argument-ranking",
         [guide](const std::string& v) {
           guide()->set_argument_ranking(v == "off" ? proto::GuideConfig::RANK_OFF
                                         : v == "on" ? proto::GuideConfig::RANK_ON
                                                     : proto::GuideConfig::RANK_AUTO);
         },
         "Within each cost level, evaluate first the combinations whose arguments the argument model likes for "
         "their operator: auto (default: where a model serves the task's domain), off, on (refused without a "
         "model)")
      ->check(CLI::IsMember({"auto", "off", "on"}));
  cmd.add_option_function<std::string>(
         "--argument-model", [guide](const std::string& v) { guide()->set_argument_model(v); },
         "Argument model file (default: the bundled models/DOMAIN.args.guide; train-guide --arguments makes one)")
      ->type_name("FILE");
  cmd.add_option_function<std::vector<double>>(
         "--argument-thresholds",
         [guide](const std::vector<double>& v) {
           guide()->mutable_argument_thresholds()->Assign(v.begin(), v.end());
         },
         "Ascending probabilities: an argument below k of them is in tier k; a level runs its combinations by "
         "the sum of their arguments' tiers (default 0.1,0.3,0.6)")
      ->delimiter(',')
      ->type_name("P,...");
  cmd.add_option_function<uint32_t>(
         "--argument-delay-step", [guide](uint32_t v) { guide()->set_argument_delay_step(v); },
         "A combination whose arguments' tiers sum to S waits S / this many cost levels (default 0: none; "
         "ranking then only orders each level)")
      ->type_name("N");
  cmd.add_flag_callback(
      "--string-heuristics", [guide] { guide()->set_string_heuristics(true); },
      "BUSTLE's heuristics: String values found in every expected output keep their cost whatever the model says");
  cmd.add_flag_callback(
      "--keep-leaves", [guide] { guide()->set_keep_leaves(true); },
      "The grammar's leaves (inputs, constants) keep their cost whatever the model says");
  cmd.add_option_function<double>(
         "--smaller-answer-budget", [guide](double v) { guide()->set_smaller_answer_budget(v); },
         "After a guided answer, an unguided search for a smaller program may spend this many times the guided "
         "search's candidates, at least --smaller-answer-min (within --timeout and --max-candidates, which count "
         "it; 0: no such search; default 1)")
      ->check(CLI::Range(0.0, 1e6))
      ->type_name("F");
  cmd.add_option_function<uint64_t>(
         "--smaller-answer-min", [guide](uint64_t v) { guide()->set_smaller_answer_min_candidates(v); },
         "The fewest candidates the search for a smaller answer may spend (default 2000000)")
      ->type_name("N");
  cmd.add_option_function<uint32_t>(
      "--gpu-min-batch", [guide](uint32_t v) { guide()->set_gpu_min_batch(v); },
      "With --guide auto, smaller batches are scored on the CPU (default 1024)");
}

}  // namespace

proto::SynthConfig DefaultSynthConfig() {
  proto::SynthConfig config;
  config.mutable_search()->set_timeout_seconds(10);
  config.mutable_search()->set_threads(0);  // every core: the answer does not depend on it
  return config;
}

void AddSynthCommand(CLI::App& app, SynthOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "synth",
      "Synthesize a program from a task's examples (bottom-up enumeration) or logical spec (CEGIS, proved by Z3)");
  cmd->add_option("path", options.path, StrCat(kTaskFileHelp, "; or a folder of .sl and .json files"));
  auto search = [&options] { return options.flags.mutable_search(); };
  const proto::SynthConfig defaults = DefaultSynthConfig();
  Field<double>(
      *cmd, "--timeout", [search](double v) { search()->set_timeout_seconds(v); }, "Seconds per task (0 or inf: no limit)",
      defaults.search().timeout_seconds())
      ->check(AtLeastZero());
  Field<int>(
      *cmd, "--threads", [search](int v) { search()->set_threads(v); },
      "Threads evaluating each batch of candidates (0: every core; the answer does not depend on it)",
      defaults.search().threads())
      ->check(AtLeastZero());
  cmd->add_option_function<uint64_t>(
      "--max-candidates", [search](uint64_t v) { search()->set_max_candidates(v); },
      "Programs to evaluate at most (0: no limit)");
  cmd->add_option_function<double>(
         "--max-memory",
         [search](double mib) { search()->set_max_memory_bytes(static_cast<uint64_t>(mib * 1024 * 1024)); },
         "MiB the value bank may use (0: half of the RAM)")
      ->check(AtLeastZero());
  Field<int>(
      *cmd, "--max-cost", [search](int v) { search()->set_max_cost(v); }, "Largest program size to try",
      defaults.search().max_cost())
      ->check(CLI::Range(1, 1000));
  cmd->add_option_function<uint64_t>(
      "--max-string-length", [search](uint64_t v) { search()->set_max_string_length(v); },
      "Longest intermediate string (0: twice the longest in the examples, at least 32)");
  Field<uint32_t>(
      *cmd, "--ranking-payoff", [search](uint32_t v) { search()->set_ranking_payoff(v); },
      "With argument ranking, rank a combination block only when its combinations outnumber its listed values "
      "this many times (0: rank every block of two or more holes)",
      defaults.search().ranking_payoff());
  cmd->add_flag_callback(
      "--no-exact", [search] { search()->set_exact_dedup(false); },
      "Trust the 64-bit hash alone when deduplicating values");
  AddGuideOptions(*cmd, [&options] { return options.flags.mutable_guide(); });
  AddConfigOptions(*cmd, options.config_file, options.print_config, "SynthConfig");
  cmd->add_option("--library", options.library,
                  "A library learned by wake-sleep: the path is then a file of DreamCoder list tasks, each searched "
                  "with the library's abstractions as primitives");
  cmd->add_flag("--json", options.json, "One JSON result per task on stdout (proto SynthResult)");
  cmd->add_flag("-q,--quiet", options.quiet, "No progress or statistics on stderr");
}

// Settings no task could run with are refused before the first task.
absl::Status ValidateSynthConfig(const proto::SynthConfig& config) {
  if (config.cegis().has_search() || config.cegis().has_timeout_seconds()) {
    return absl::InvalidArgumentError(
        "cegis.search and cegis.timeout_seconds are set by synth from search (its settings for each round, "
        "search.timeout_seconds for the whole task): set those in search instead");
  }
  RETURN_IF_ERROR(ValidateBottomUpConfig(config.search(), "search."));
  return ValidateCegisConfig(config.cegis());
}

int RunSynth(const SynthOptions& options) {
  auto config = AssembleConfig(DefaultSynthConfig(), options.config_file, options.flags);
  if (!config.ok()) return ReportError(config.status());
  if (absl::Status s = ValidateSynthConfig(*config); !s.ok()) return ReportError(s);
  if (options.print_config) {
    std::cout << ConfigText(*config);
    return kExitOk;
  }
  if (options.path.empty()) return ReportError(absl::InvalidArgumentError("synth needs a task file or folder"));
  // The file is read once. A JSON task of domain "lists" has no grammar: the lambda search solves it.
  const absl::StatusOr<std::string> text = ReadFileToString(options.path);
  if (text.ok() && LooksLikeJson(options.path, *text)) {
    if (auto spec = ParseExampleTaskSpec(*text, options.path); spec.ok() && spec->domain == "lists") {
      return RunJsonListTask(options.path, *spec, options.library, config->search().timeout_seconds(),
                             config->search().max_cost(), options.quiet);
    }
  }
  if (!options.library.empty()) {
    return RunListTasks(options.path, options.library, config->search().timeout_seconds(), config->search().max_cost(),
                        config->search().threads(), options.quiet);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(options.path, ec)) return RunFolder(options, *config);
  const absl::StatusOr<Task> task = text.ok() ? ParseTaskText(*text, options.path) : text.status();
  Outcome o = SynthOne(options.path, task, *config, !options.quiet);
  const proto::SynthResult& r = o.result;
  if (r.status() == "error") {
    if (options.json) (void)PrintJsonLine(r);  // the error below is what matters
    std::cerr << "progsearch: " << (o.error_exit == kExitInternal ? "internal error: " : "error: ")
              << EscapeForMessage(r.error()) << "\n";
    return o.error_exit;
  }
  if (options.json) {
    if (absl::Status s = PrintJsonLine(r); !s.ok()) return ReportError(s);
  } else if (r.status() == "solved") {
    std::cout << r.solution() << "\n";
    if (r.test_total() > 0) {
      std::cout << "; held-out test examples: " << r.test_passed() << "/" << r.test_total() << " pass\n";
    }
  } else {
    std::cout << "; no solution: " << r.status() << "\n";
  }
  if (!options.quiet) PrintStats(r);
  return r.status() == "solved" ? kExitOk : kExitFailed;
}

}  // namespace progsearch::cli
