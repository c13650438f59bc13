// Trains a guide model on a TrainingSet: embeddings per categorical feature, two ReLU layers, one logit,
// log loss, Adam. Eigen does the linear algebra (the set-up installs it from Debian; libtorch would work
// too but weighs hundreds of megabytes for a model this small): one thread, so a seed gives the same
// model on every machine.
#pragma once

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "guide/training_data.h"
#include "proto/guide.pb.h"

namespace progsearch::guide {

struct TrainOptions {
  int embedding_dim = 2;
  int hidden = 64;
  int epochs = 8;
  int batch = 256;
  double learning_rate = 1e-3;
  uint64_t seed = 1;
  uint32_t held_out_every = 10;  // rows of every tenth task are held out, never trained on
  // Once true, training stops after the running epoch (at least one runs): the model of the epochs done.
  const std::atomic<bool>* interrupt = nullptr;
};

struct EpochReport {
  int epoch = 0;
  double train_loss = 0;  // mean over the epoch's batches
  double held_out_loss = 0;
  double held_out_accuracy = 0;
};

// The model, with `training` filled in (losses, counts; the caller adds the command line).
// InvalidArgument for an empty set or impossible options.
absl::StatusOr<proto::GuideModel> TrainGuide(const TrainingSet& data, const std::string& domain,
                                             const TrainOptions& options,
                                             const std::function<void(const EpochReport&)>& progress = nullptr);

}  // namespace progsearch::guide
