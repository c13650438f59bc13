#include "apps/train_guide_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "guide/model.h"

namespace progsearch::cli {

void AddTrainGuideCommand(CLI::App& app, TrainGuideOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "train-guide",
      "Train the neural guide of bottom-up search on searches over random tasks (BUSTLE's recipe); writes a model");
  guide::DataOptions& d = options.data;
  guide::TrainOptions& t = options.train;
  cmd->add_option("--domain", d.domain,
                  "Kind of task: strings (SLIA), spreadsheet (the spreadsheet functions over columns of names, "
                  "dates, prices, ...) or bv (64-bit bit-vectors)")
      ->capture_default_str()
      ->check(CLI::IsMember({"strings", "spreadsheet", "bv"}));
  cmd->add_option("-o,--out", options.out, "Model file to write (e.g. models/strings.guide)")->required();
  cmd->add_option("--tasks", d.tasks, "Random tasks to search")->capture_default_str()->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--seed", d.seed, "Seed of the tasks, the sampling and the training")->capture_default_str();
  cmd->add_option("--examples", d.examples_per_task, "Examples per random task")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--candidates", d.candidates_per_task, "Programs each search evaluates")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{100}, uint64_t{1} << 32));
  cmd->add_option("--targets", d.targets_per_task, "Programs per search taken as targets")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--min-target-cost", d.min_target_cost, "Smallest target program")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  cmd->add_option("--negatives", d.negatives_per_positive, "Negative values per positive")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_flag("--arguments", d.arguments,
                "Train the argument model instead (which values each operator's holes take; synth --argument-model), "
                "e.g. models/spreadsheet.args.guide");
  cmd->add_flag("--with-operator", d.with_operator,
                "A value model that also reads the operator that built each value");
  cmd->add_option("--epochs", t.epochs, "Passes over the data")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--batch", t.batch, "Examples per Adam step")->capture_default_str()->check(CLI::Range(1, 65536));
  cmd->add_option("--learning-rate", t.learning_rate, "Adam's step size")
      ->capture_default_str()
      ->check(AboveZero());
  cmd->add_option("--hidden", t.hidden, "Units of each hidden layer")->capture_default_str()->check(CLI::Range(1, 128));
  cmd->add_option("--embedding", t.embedding_dim, "Embedding size of each feature")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_flag("-q,--quiet", options.quiet, "No progress on stderr");
}

int RunTrainGuide(const TrainGuideOptions& options) {
  // The model is written at the end of a long run: its path is checked first.
  if (absl::Status s = CheckOutputPaths({{"-o", options.out}}); !s.ok()) return ReportError(s);
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  // A line redrawn in place on a terminal; in a file, a line every 10% of the tasks.
  const bool tty = isatty(STDERR_FILENO);
  // SIGINT / SIGTERM: while searching, nothing is trained yet and nothing is written; while training, the
  // running epoch ends and the model of the epochs done is written.
  const std::atomic<bool>* stop = StopOnSignals();
  guide::DataOptions data_options = options.data;
  data_options.interrupt = stop;
  const uint32_t tenth = std::max(1u, options.data.tasks / 10);
  auto data = guide::GenerateTrainingData(data_options, [&](uint32_t done) {
    if (options.quiet) return;
    if (tty && (done % 50 == 0 || done == options.data.tasks)) {
      std::cerr << absl::StrFormat("\r\033[Ksearching random tasks: %u/%u (%.1fs)", done, options.data.tasks, seconds());
    } else if (!tty && (done % tenth == 0 || done == options.data.tasks)) {
      std::cerr << absl::StrFormat("searching random tasks: %u/%u (%.1fs)\n", done, options.data.tasks, seconds());
    }
  });
  if (!options.quiet && tty) std::cerr << "\n";
  if (!data.ok()) return ReportError(data.status());
  if (stop->load()) {
    std::cerr << absl::StrFormat("train-guide: interrupted after %u of %u random tasks, before training: no model "
                                 "written\n",
                                 data->tasks, options.data.tasks);
    return kExitFailed;
  }
  if (!options.quiet) {
    size_t positives = 0;
    for (float y : data->labels) positives += y > 0.5f;
    std::cerr << absl::StrFormat("%zu examples, %zu positive\n", data->rows(), positives);
  }
  guide::TrainOptions train = options.train;
  train.seed = options.data.seed;
  train.interrupt = stop;
  auto model = guide::TrainGuide(*data, options.data.domain, train, [&](const guide::EpochReport& r) {
    if (!options.quiet) {
      std::cerr << absl::StrFormat("epoch %d: train loss %.4f, held-out loss %.4f, accuracy %.3f (%.1fs)\n", r.epoch,
                                   r.train_loss, r.held_out_loss, r.held_out_accuracy, seconds());
    }
  });
  if (!model.ok()) return ReportError(model.status());
  if (stop->load()) {
    std::cerr << absl::StrFormat("train-guide: interrupted after epoch %d of %d; writing that model\n",
                                 model->training().epochs(), train.epochs);
  }
  model->mutable_training()->set_command(options.command_line);
  model->mutable_training()->set_tasks(data->tasks);
  if (absl::Status s = guide::WriteModel(*model, options.out); !s.ok()) return ReportError(s);
  if (!options.quiet) std::cerr << absl::StrFormat("wrote %s (%.1fs)\n", options.out, seconds());
  return kExitOk;
}

}  // namespace progsearch::cli
