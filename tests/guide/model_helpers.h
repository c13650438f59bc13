// Models for tests: random weights of the right shape, and the plain floating-point forward pass the
// exact inference must approximate.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "guide/signature.h"
#include "proto/guide.pb.h"

namespace progsearch::guide::testing {

// A value model; with `operators` (sorted), a model of `kind` reading those operators.
inline proto::GuideModel RandomModel(uint64_t seed, int hidden = 16, int dim = 2,
                                     const std::vector<std::string>& operators = {},
                                     proto::GuideModel::Kind kind = proto::GuideModel::ARGUMENTS) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(-0.5f, 0.5f);
  proto::GuideModel m;
  m.set_domain("strings");
  m.set_signature_version(kSignatureVersion);
  const int task_features = TaskFeatureCount() + (operators.empty() ? 0 : SlotFeatureCount(operators.size()));
  m.set_task_features(task_features);
  if (!operators.empty()) m.set_kind(kind);
  for (const std::string& op : operators) m.add_operators(op);
  m.set_value_features(ValueFeatureCount());
  m.set_categories(kCategories);
  m.set_embedding_dim(dim);
  m.set_hidden(hidden);
  const int features = task_features + ValueFeatureCount();
  for (int i = 0; i < features * kCategories * dim; ++i) m.add_embedding(u(rng));
  for (int i = 0; i < hidden * features * dim; ++i) m.add_w1(u(rng) * 0.2f);
  for (int i = 0; i < hidden; ++i) m.add_b1(u(rng));
  for (int i = 0; i < hidden * hidden; ++i) m.add_w2(u(rng));
  for (int i = 0; i < hidden; ++i) m.add_b2(u(rng));
  for (int i = 0; i < hidden; ++i) m.add_w3(u(rng));
  m.set_b3(u(rng));
  return m;
}

// The model's logit for one row of codes (task features, then value features), in double.
inline double ReferenceLogit(const proto::GuideModel& m, const std::vector<uint8_t>& codes) {
  const int h = m.hidden(), dim = m.embedding_dim(), inputs = static_cast<int>(codes.size()) * dim;
  std::vector<double> x(inputs), a1(h), a2(h);
  for (size_t f = 0; f < codes.size(); ++f) {
    for (int d = 0; d < dim; ++d) x[f * dim + d] = m.embedding((f * kCategories + codes[f]) * dim + d);
  }
  for (int j = 0; j < h; ++j) {
    double s = m.b1(j);
    for (int i = 0; i < inputs; ++i) s += double(m.w1(j * inputs + i)) * x[i];
    a1[j] = std::max(0.0, s);
  }
  for (int j = 0; j < h; ++j) {
    double s = m.b2(j);
    for (int k = 0; k < h; ++k) s += double(m.w2(j * h + k)) * a1[k];
    a2[j] = std::max(0.0, s);
  }
  double z = m.b3();
  for (int j = 0; j < h; ++j) z += double(m.w3(j)) * a2[j];
  return z;
}

}  // namespace progsearch::guide::testing
