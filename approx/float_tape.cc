#include "approx/float_tape.h"

#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <tuple>
#include <variant>

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

bool TapeEvaluates(FloatOp op, TapeOperators allowed) {
  switch (op) {
    case FloatOp::kAdd:
    case FloatOp::kSub:
    case FloatOp::kNeg:
    case FloatOp::kMul:
    case FloatOp::kDiv:
    case FloatOp::kFma:
    case FloatOp::kSqrt:
    case FloatOp::kAbs:
    case FloatOp::kMin:
    case FloatOp::kMax:
      return true;
    case FloatOp::kExp:
    case FloatOp::kExp2:
    case FloatOp::kLog:
    case FloatOp::kLog2:
    case FloatOp::kSin:
    case FloatOp::kCos:
    case FloatOp::kTan:
    case FloatOp::kTanh:
    case FloatOp::kErf:
      return allowed == TapeOperators::kWithElementary;
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      return false;
  }
  return false;
}

std::optional<FloatTape> FloatTape::Compile(const Term& program, TapeOperators allowed) {
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
      node.kind = Kind::kParameter;
      node.a = it->second;
      key = {nullptr, static_cast<uint64_t>(it->second), 1, 0, 0};
    } else if (t.kind() == TermKind::kVariable && t.index() == 0) {
      node.kind = Kind::kVariable;
      key = {nullptr, 0, 2, 0, 0};
    } else if (t.kind() == TermKind::kApply) {
      const FloatOp* op = std::get_if<FloatOp>(&t.op()->opcode);
      if (op == nullptr || !TapeEvaluates(*op, allowed) || t.args().size() > 3) {
        ok = false;
        return -1;
      }
      node.op = *op;
      int* operand[3] = {&node.a, &node.b, &node.c};
      for (size_t i = 0; i < t.args().size(); ++i) *operand[i] = visit(*t.args()[i]);
      key = {t.op(), t.args().size(), node.a, node.b, node.c};
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

template <typename T>
T FloatTape::Apply(const Node& node, T a, T b, T c) {
  switch (node.op) {
    case FloatOp::kAdd:
      return a + b;
    case FloatOp::kSub:
      return a - b;
    case FloatOp::kNeg:
      return -a;
    case FloatOp::kMul:
      return a * b;
    case FloatOp::kDiv:
      return a / b;
    case FloatOp::kFma:
      return std::fma(a, b, c);
    case FloatOp::kSqrt:
      return std::sqrt(a);
    case FloatOp::kAbs:
      return std::fabs(a);
    case FloatOp::kMin:
      return std::fmin(a, b);
    case FloatOp::kMax:
      return std::fmax(a, b);
    case FloatOp::kExp:
    case FloatOp::kExp2:
    case FloatOp::kLog:
    case FloatOp::kLog2:
    case FloatOp::kSin:
    case FloatOp::kCos:
    case FloatOp::kTan:
    case FloatOp::kTanh:
    case FloatOp::kErf:
      // In double whatever T is: the reference is libm's double function.
      return static_cast<T>(EvaluateElementary(node.op, static_cast<double>(a)));
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      break;  // Compile never puts a comparison on a tape
  }
  return std::numeric_limits<T>::quiet_NaN();
}

template <typename T>
T FloatTape::Run(T x, const T* parameters, T* values) const {
  const size_t n = nodes_.size();
  for (size_t i = 0; i < n; ++i) {
    const Node& node = nodes_[i];
    switch (node.kind) {
      case Kind::kVariable:
        values[i] = x;
        break;
      case Kind::kParameter:
        values[i] = parameters[node.a];
        break;
      case Kind::kOperation:
        values[i] =
            Apply<T>(node, values[node.a], node.b >= 0 ? values[node.b] : T(0), node.c >= 0 ? values[node.c] : T(0));
        break;
    }
  }
  return values[n - 1];
}
template float FloatTape::Run<float>(float, const float*, float*) const;
template double FloatTape::Run<double>(double, const double*, double*) const;

namespace {

// Forward-mode derivatives of one operation: di = d(result) from the operands' derivatives da, db, dc
// (k entries each), with operand values a, b and result v. The arithmetic of each line is fixed: the
// constant fits of seeded runs depend on it bit for bit.
void Differentiate(FloatOp op, double a, double b, double v, const double* da, const double* db, const double* dc,
                   double* di, size_t k) {
  constexpr double kLn2 = 0.69314718055994530942;
  constexpr double kTwoOverSqrtPi = 1.12837916709551257390;
  // Operators of one argument scale its derivative.
  auto chain = [&](double factor) {
    for (size_t j = 0; j < k; ++j) di[j] = factor * da[j];
  };
  switch (op) {
    case FloatOp::kAdd:
      for (size_t j = 0; j < k; ++j) di[j] = da[j] + db[j];
      return;
    case FloatOp::kSub:
      for (size_t j = 0; j < k; ++j) di[j] = da[j] - db[j];
      return;
    case FloatOp::kNeg:
      for (size_t j = 0; j < k; ++j) di[j] = -da[j];
      return;
    case FloatOp::kMul:
      for (size_t j = 0; j < k; ++j) di[j] = da[j] * b + a * db[j];
      return;
    case FloatOp::kDiv:
      for (size_t j = 0; j < k; ++j) di[j] = (da[j] - v * db[j]) / b;
      return;
    case FloatOp::kFma:
      for (size_t j = 0; j < k; ++j) di[j] = da[j] * b + a * db[j] + dc[j];
      return;
    case FloatOp::kSqrt:
      for (size_t j = 0; j < k; ++j) di[j] = da[j] / (2 * v);
      return;
    case FloatOp::kAbs:
      return chain(a < 0 ? -1.0 : 1.0);
    // fmin / fmax pass on the derivative of the operand they return (the first one on ties).
    case FloatOp::kMin:
    case FloatOp::kMax: {
      const bool first = std::isnan(b) || (op == FloatOp::kMin ? a <= b : a >= b);
      for (size_t j = 0; j < k; ++j) di[j] = first ? da[j] : db[j];
      return;
    }
    case FloatOp::kExp:
      return chain(v);
    case FloatOp::kExp2:
      return chain(v * kLn2);
    case FloatOp::kLog:
      return chain(1 / a);
    case FloatOp::kLog2:
      return chain(1 / (a * kLn2));
    case FloatOp::kSin:
      return chain(std::cos(a));
    case FloatOp::kCos:
      return chain(-std::sin(a));
    case FloatOp::kTan:
      return chain(1 + v * v);
    case FloatOp::kTanh:
      return chain(1 - v * v);
    case FloatOp::kErf:
      return chain(kTwoOverSqrtPi * std::exp(-a * a));
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      return;  // never on a tape
  }
}

}  // namespace

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
    switch (node.kind) {
      case Kind::kVariable:
        value[i] = x;
        continue;
      case Kind::kParameter:
        value[i] = parameters[node.a];
        if (k) di[node.a] = 1;
        continue;
      case Kind::kOperation:
        break;
    }
    const double a = value[node.a];
    const double b = node.b >= 0 ? value[node.b] : 0;
    const double c = node.c >= 0 ? value[node.c] : 0;
    value[i] = Apply<double>(node, a, b, c);
    if (k == 0) continue;
    Differentiate(node.op, a, b, value[i], d + node.a * k, node.b >= 0 ? d + node.b * k : nullptr,
                  node.c >= 0 ? d + node.c * k : nullptr, di, k);
  }
  for (size_t j = 0; j < k; ++j) gradient[j] = d[(n - 1) * k + j];
  return value[n - 1];
}

float FloatTape::EvaluateFloat(float x, const std::vector<double>& parameters, std::vector<float>& scratch) const {
  // Parameters first, then the node values.
  scratch.resize(parameters.size() + nodes_.size());
  for (size_t j = 0; j < parameters.size(); ++j) scratch[j] = static_cast<float>(parameters[j]);
  return Run<float>(x, scratch.data(), scratch.data() + parameters.size());
}

}  // namespace progsearch
