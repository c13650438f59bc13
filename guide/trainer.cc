#include "guide/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "Eigen/Core"
#include "core/deadline.h"
#include "core/str_cat.h"
#include "guide/signature.h"

namespace progsearch::guide {
namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;

// One parameter array with its gradient and Adam's moments.
struct Param {
  Matrix value, grad, m, v;
  void Init(Eigen::Index rows, Eigen::Index cols) {
    value = grad = m = v = Matrix::Zero(rows, cols);
  }
  void Step(double lr, int t) {
    constexpr float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    m = b1 * m + (1 - b1) * grad;
    v = b2 * v + (1 - b2) * grad.cwiseProduct(grad);
    const float c1 = 1 - std::pow(b1, float(t)), c2 = 1 - std::pow(b2, float(t));
    value.array() -= float(lr) * (m.array() / c1) / ((v.array() / c2).sqrt() + eps);
  }
};

class Network {
 public:
  Network(int features, const TrainOptions& o, std::mt19937_64& rng)
      : features_(features), dim_(o.embedding_dim), hidden_(o.hidden) {
    embedding_.Init(features * kCategories, dim_);
    w1_.Init(hidden_, features * dim_);
    b1_.Init(1, hidden_);
    w2_.Init(hidden_, hidden_);
    b2_.Init(1, hidden_);
    w3_.Init(1, hidden_);
    b3_.Init(1, 1);
    Uniform(embedding_.value, 1.0f, rng);
    Uniform(w1_.value, std::sqrt(6.0f / (features * dim_ + hidden_)), rng);
    Uniform(w2_.value, std::sqrt(6.0f / (2 * hidden_)), rng);
    Uniform(w3_.value, std::sqrt(6.0f / (hidden_ + 1)), rng);
  }

  // Mean log loss of the rows; with `learn`, one Adam step on them.
  double Batch(const TrainingSet& data, const uint32_t* rows, int n, bool learn, double lr, int* correct) {
    Matrix x(n, features_ * dim_);
    for (int i = 0; i < n; ++i) {
      const uint8_t* codes = data.codes.data() + size_t(rows[i]) * data.features;
      for (int f = 0; f < features_; ++f) {
        x.block(i, f * dim_, 1, dim_) = embedding_.value.row(f * kCategories + codes[f]);
      }
    }
    Matrix z1 = x * w1_.value.transpose();
    z1.rowwise() += b1_.value.row(0);
    const Matrix a1 = z1.cwiseMax(0.0f);
    Matrix z2 = a1 * w2_.value.transpose();
    z2.rowwise() += b2_.value.row(0);
    const Matrix a2 = z2.cwiseMax(0.0f);
    Vector z = a2 * w3_.value.row(0).transpose();
    z.array() += b3_.value(0, 0);
    Vector dz(n);
    double loss = 0;
    for (int i = 0; i < n; ++i) {
      const float y = data.labels[rows[i]];
      // Stable log loss: log(1 + e^z) - y z.
      loss += std::max(z(i), 0.0f) - z(i) * y + std::log1p(std::exp(-std::abs(z(i))));
      const float p = 1 / (1 + std::exp(-z(i)));
      dz(i) = (p - y) / n;
      if (correct) *correct += (p >= 0.5f) == (y > 0.5f);
    }
    if (!learn) return loss / n;
    w3_.grad = (a2.transpose() * dz).transpose();
    b3_.grad(0, 0) = dz.sum();
    const Matrix dz2 = (dz * w3_.value.row(0)).cwiseProduct((z2.array() > 0).cast<float>().matrix());
    w2_.grad = dz2.transpose() * a1;
    b2_.grad = dz2.colwise().sum();
    const Matrix dz1 = (dz2 * w2_.value).cwiseProduct((z1.array() > 0).cast<float>().matrix());
    w1_.grad = dz1.transpose() * x;
    b1_.grad = dz1.colwise().sum();
    const Matrix dx = dz1 * w1_.value;
    embedding_.grad.setZero();
    for (int i = 0; i < n; ++i) {
      const uint8_t* codes = data.codes.data() + size_t(rows[i]) * data.features;
      for (int f = 0; f < features_; ++f) {
        embedding_.grad.row(f * kCategories + codes[f]) += dx.block(i, f * dim_, 1, dim_);
      }
    }
    ++step_;
    for (Param* p : {&embedding_, &w1_, &b1_, &w2_, &b2_, &w3_, &b3_}) p->Step(lr, step_);
    return loss / n;
  }

  void Export(proto::GuideModel& m) const {
    auto put = [](const Matrix& from, google::protobuf::RepeatedField<float>* to) {
      to->Assign(from.data(), from.data() + from.size());
    };
    put(embedding_.value, m.mutable_embedding());
    put(w1_.value, m.mutable_w1());
    put(b1_.value, m.mutable_b1());
    put(w2_.value, m.mutable_w2());
    put(b2_.value, m.mutable_b2());
    put(w3_.value, m.mutable_w3());
    m.set_b3(b3_.value(0, 0));
  }

 private:
  static void Uniform(Matrix& m, float limit, std::mt19937_64& rng) {
    std::uniform_real_distribution<float> u(-limit, limit);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = u(rng);
  }

  int features_, dim_, hidden_;
  int step_ = 0;
  Param embedding_, w1_, b1_, w2_, b2_, w3_, b3_;
};

}  // namespace

absl::StatusOr<proto::GuideModel> TrainGuide(const TrainingSet& data, const std::string& domain,
                                             const TrainOptions& options,
                                             const std::function<void(const EpochReport&)>& progress) {
  if (data.rows() == 0) return absl::InvalidArgumentError("no training examples (were the searches too small?)");
  const size_t context_features =
      TaskFeatureCount() + (data.slots ? SlotFeatureCount(data.operators.size()) : 0);
  if (data.slots && data.operators.empty()) {
    return absl::InvalidArgumentError("rows with slots but no operators: nothing to tell operators apart by");
  }
  if (data.features != context_features + ValueFeatureCount()) {
    return absl::InvalidArgumentError("training rows do not have this build's signature layout");
  }
  if (options.embedding_dim < 1 || options.embedding_dim > 64 || options.hidden < 1 || options.hidden > 128 ||
      options.epochs < 1 || options.batch < 1 || !(options.learning_rate > 0)) {
    return absl::InvalidArgumentError(
        "training options out of range: embedding 1 to 64, hidden 1 to 128, epochs and batch at least 1, a "
        "positive learning rate");
  }
  std::mt19937_64 rng(options.seed);
  Network net(static_cast<int>(data.features), options, rng);
  std::vector<uint32_t> train, held_out;
  for (uint32_t r = 0; r < data.rows(); ++r) {
    (options.held_out_every && data.task_of[r] % options.held_out_every == 0 ? held_out : train).push_back(r);
  }
  if (train.empty()) return absl::InvalidArgumentError("every example is held out: train on more tasks");
  proto::GuideTraining stats;
  int epochs = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    if (epoch > 1 && StopRequested(options.interrupt)) break;
    epochs = epoch;
    std::shuffle(train.begin(), train.end(), rng);
    double loss = 0;
    size_t batches = 0;
    for (size_t at = 0; at < train.size(); at += options.batch, ++batches) {
      const int n = static_cast<int>(std::min<size_t>(options.batch, train.size() - at));
      loss += net.Batch(data, train.data() + at, n, true, options.learning_rate, nullptr);
    }
    EpochReport report{epoch, loss / batches, 0, 0};
    if (!held_out.empty()) {
      int correct = 0;
      double held = 0;
      for (size_t at = 0; at < held_out.size(); at += 4096) {
        const int n = static_cast<int>(std::min<size_t>(4096, held_out.size() - at));
        held += net.Batch(data, held_out.data() + at, n, false, 0, &correct) * n;
      }
      report.held_out_loss = held / held_out.size();
      report.held_out_accuracy = double(correct) / held_out.size();
    }
    if (epoch == 1) stats.set_first_loss(report.train_loss);
    stats.set_final_loss(report.train_loss);
    stats.set_held_out_loss(report.held_out_loss);
    stats.set_held_out_accuracy(report.held_out_accuracy);
    if (progress) progress(report);
  }
  proto::GuideModel model;
  model.set_domain(domain);
  model.set_signature_version(kSignatureVersion);
  model.set_task_features(static_cast<uint32_t>(context_features));
  if (data.arguments) model.set_kind(proto::GuideModel::ARGUMENTS);
  for (const std::string& op : data.operators) model.add_operators(op);
  model.set_value_features(ValueFeatureCount());
  model.set_categories(kCategories);
  model.set_embedding_dim(options.embedding_dim);
  model.set_hidden(options.hidden);
  net.Export(model);
  stats.set_seed(options.seed);
  stats.set_examples(train.size());
  stats.set_positives(std::count_if(train.begin(), train.end(), [&](uint32_t r) { return data.labels[r] > 0.5f; }));
  stats.set_epochs(epochs);
  *model.mutable_training() = stats;
  return model;
}

}  // namespace progsearch::guide
