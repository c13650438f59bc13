#include "search/evolution/float_tape.h"

#include <bit>
#include <cmath>
#include <functional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "core/str_cat.h"
#include "dsl/primitive.h"

namespace progsearch {
namespace {

// Structural identity of a sub-term: what it applies to which (already numbered) operands.
using NodeKey = std::tuple<const void*, uint64_t, int, int, int>;

struct Numbering {
  absl::flat_hash_map<NodeKey, int> ids;
  const OperationWeights* weights = nullptr;  // null: only number the nodes
  int operations = 0;

  int Visit(const Term& t) {
    NodeKey key;
    if (t.kind() == TermKind::kApply) {
      int operand[3] = {-1, -1, -1};
      for (size_t i = 0; i < t.args().size() && i < 3; ++i) operand[i] = Visit(*t.args()[i]);
      // Operators with more than three operands do not occur in Float programs; the size keeps them apart.
      key = {t.op(), t.args().size(), operand[0], operand[1], operand[2]};
    } else if (t.kind() == TermKind::kConstant) {
      // Float constants by their bits (exact); others by their text, hashed.
      const uint64_t id = t.type() == Type::Float() ? std::bit_cast<uint64_t>(t.value().as_float())
                                                    : std::hash<std::string>()(t.value().ToString());
      key = {nullptr, id, 1, t.type() == Type::Float() ? 0 : 1, 0};
    } else {
      key = {nullptr, static_cast<uint64_t>(t.index()), 2, static_cast<int>(t.kind()), 0};
    }
    auto [it, inserted] = ids.try_emplace(key, static_cast<int>(ids.size()));
    if (inserted && weights != nullptr && t.kind() == TermKind::kApply) {
      auto weight = weights->find(t.op()->name);
      operations += weight != weights->end() ? weight->second : 1;
    }
    return it->second;
  }
};

}  // namespace

OperationWeights DefaultOperationWeights() { return {{"fma", 2}}; }

std::string DescribeWeights(const OperationWeights& weights) {
  std::string out;
  for (const auto& [name, weight] : weights) {
    if (weight != 1) out += StrCat(out.empty() ? "" : ", ", name, " counts ", weight);
  }
  return out.empty() ? "every operation counts 1" : out;
}

int OperationCount(const Term& program) { return OperationCost(program, DefaultOperationWeights()); }

int OperationCost(const Term& program, const OperationWeights& weights) {
  Numbering numbering;
  numbering.weights = &weights;
  numbering.Visit(program);
  return numbering.operations;
}

namespace {

// Numbers every node of `t` by structure (as Numbering) and records, for each Float constant in
// pre-order, the structural id of its parent and its argument position: constants under one shared
// sub-term get the same key, so they are tied, and all others stay free.
struct ConstantPlaces : Numbering {
  std::vector<std::pair<int, int>> places;

  int Walk(const Term& t, int parent, int position) {
    if (t.kind() == TermKind::kConstant) places.push_back({parent, position});
    if (t.kind() != TermKind::kApply) return Visit(t);
    const int id = Visit(t);
    for (size_t i = 0; i < t.args().size(); ++i) Walk(*t.args()[i], id, static_cast<int>(i));
    return id;
  }
};

}  // namespace

std::optional<FloatTape> FloatTape::Compile(const Term& program) {
  ConstantPlaces places;
  places.Walk(program, -1, 0);
  FloatTape tape;
  absl::flat_hash_map<NodeKey, int> ids;
  absl::flat_hash_map<std::pair<int, int>, int> parameter_of_place;
  size_t next_constant = 0;
  bool ok = true;
  // Post-order walk: operands get their node numbers before the node that uses them.
  std::function<int(const Term&)> visit = [&](const Term& t) -> int {
    if (!ok) return -1;
    if (t.type() != Type::Float()) {
      ok = false;
      return -1;
    }
    Node node;
    NodeKey key;
    if (t.kind() == TermKind::kConstant) {
      const auto [it, inserted] =
          parameter_of_place.try_emplace(places.places[next_constant++], static_cast<int>(tape.parameters_.size()));
      if (inserted) tape.parameters_.push_back(t.value().as_float());
      tape.occurrence_parameter_.push_back(it->second);
      node.code = Code::kParameter;
      node.a = it->second;
      key = {nullptr, static_cast<uint64_t>(it->second), 1, 0, 0};
    } else if (t.kind() == TermKind::kVariable && t.index() == 0) {
      node.code = Code::kVariable;
      key = {nullptr, 0, 2, 0, 0};
    } else if (t.kind() == TermKind::kApply) {
      const std::string& name = t.op()->name;
      const size_t n = t.args().size();
      if (name == "+" && n == 2) {
        node.code = Code::kAdd;
      } else if (name == "-" && n == 2) {
        node.code = Code::kSub;
      } else if (name == "-" && n == 1) {
        node.code = Code::kNeg;
      } else if (name == "*" && n == 2) {
        node.code = Code::kMul;
      } else if (name == "/" && n == 2) {
        node.code = Code::kDiv;
      } else if (name == "fma" && n == 3) {
        node.code = Code::kFma;
      } else if (name == "sqrt" && n == 1) {
        node.code = Code::kSqrt;
      } else {
        ok = false;
        return -1;
      }
      int* operand[3] = {&node.a, &node.b, &node.c};
      for (size_t i = 0; i < n; ++i) *operand[i] = visit(*t.args()[i]);
      key = {t.op(), n, node.a, node.b, node.c};
    } else {
      ok = false;
      return -1;
    }
    auto [it, inserted] = ids.try_emplace(key, static_cast<int>(tape.nodes_.size()));
    if (inserted) tape.nodes_.push_back(node);
    return it->second;
  };
  const int root = visit(program);
  if (!ok) return std::nullopt;
  // The result must be the last node; a program that is only a leaf is its own tape.
  if (root != static_cast<int>(tape.nodes_.size()) - 1) return std::nullopt;
  return tape;
}

double FloatTape::Evaluate(double x, const std::vector<double>& parameters, double* gradient,
                           std::vector<double>& scratch) const {
  const size_t n = nodes_.size(), k = gradient ? parameters.size() : 0;
  // scratch: one value per node, then k derivatives per node (forward mode).
  scratch.assign(n * (1 + k), 0.0);
  double* value = scratch.data();
  double* d = scratch.data() + n;
  for (size_t i = 0; i < n; ++i) {
    const Node& node = nodes_[i];
    double* di = d + i * k;
    const double a = node.a >= 0 && node.code != Code::kParameter ? value[node.a] : 0;
    const double b = node.b >= 0 ? value[node.b] : 0;
    const double* da = node.a >= 0 && node.code != Code::kParameter ? d + node.a * k : nullptr;
    const double* db = node.b >= 0 ? d + node.b * k : nullptr;
    switch (node.code) {
      case Code::kVariable:
        value[i] = x;
        break;
      case Code::kParameter:
        value[i] = parameters[node.a];
        if (k) di[node.a] = 1;
        break;
      case Code::kAdd:
        value[i] = a + b;
        for (size_t j = 0; j < k; ++j) di[j] = da[j] + db[j];
        break;
      case Code::kSub:
        value[i] = a - b;
        for (size_t j = 0; j < k; ++j) di[j] = da[j] - db[j];
        break;
      case Code::kNeg:
        value[i] = -a;
        for (size_t j = 0; j < k; ++j) di[j] = -da[j];
        break;
      case Code::kMul:
        value[i] = a * b;
        for (size_t j = 0; j < k; ++j) di[j] = da[j] * b + a * db[j];
        break;
      case Code::kDiv:
        value[i] = a / b;
        for (size_t j = 0; j < k; ++j) di[j] = (da[j] - value[i] * db[j]) / b;
        break;
      case Code::kFma: {
        const double c = value[node.c];
        const double* dc = d + node.c * k;
        value[i] = std::fma(a, b, c);
        for (size_t j = 0; j < k; ++j) di[j] = da[j] * b + a * db[j] + dc[j];
        break;
      }
      case Code::kSqrt:
        value[i] = std::sqrt(a);
        for (size_t j = 0; j < k; ++j) di[j] = da[j] / (2 * value[i]);
        break;
    }
  }
  for (size_t j = 0; j < k; ++j) gradient[j] = d[(n - 1) * k + j];
  return value[n - 1];
}

float FloatTape::EvaluateFloat(float x, const std::vector<double>& parameters, std::vector<float>& scratch) const {
  scratch.resize(nodes_.size());
  float* value = scratch.data();
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& node = nodes_[i];
    const float a = node.a >= 0 && node.code != Code::kParameter ? value[node.a] : 0;
    const float b = node.b >= 0 ? value[node.b] : 0;
    switch (node.code) {
      case Code::kVariable:
        value[i] = x;
        break;
      case Code::kParameter:
        value[i] = static_cast<float>(parameters[node.a]);
        break;
      case Code::kAdd:
        value[i] = a + b;
        break;
      case Code::kSub:
        value[i] = a - b;
        break;
      case Code::kNeg:
        value[i] = -a;
        break;
      case Code::kMul:
        value[i] = a * b;
        break;
      case Code::kDiv:
        value[i] = a / b;
        break;
      case Code::kFma:
        value[i] = std::fma(a, b, value[node.c]);
        break;
      case Code::kSqrt:
        value[i] = std::sqrt(a);
        break;
    }
  }
  return value[nodes_.size() - 1];
}

}  // namespace progsearch
