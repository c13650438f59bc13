// `progsearch train-guide --domain D -o MODEL`: makes training data from bottom-up searches on random
// tasks (guide/training_data.h) and trains the guide's model on it (guide/trainer.h).
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "guide/trainer.h"
#include "guide/training_data.h"

namespace progsearch::cli {

struct TrainGuideOptions {
  guide::DataOptions data;
  guide::TrainOptions train;
  std::string out;
  bool quiet = false;
  std::string command_line;  // recorded in the model
};

void AddTrainGuideCommand(CLI::App& app, TrainGuideOptions& options);
// Exit 0 with the model written, 2 on bad options.
int RunTrainGuide(const TrainGuideOptions& options);

}  // namespace progsearch::cli
