#include "dsl/random_term.h"

#include <limits>
#include <set>

namespace progsearch {

Value RandomValue(const Type& type, std::mt19937_64& rng) {
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  switch (type.kind()) {
    case TypeKind::kInt: {
      static constexpr int64_t kEdges[] = {0, 1, -1, 2, -2, 3, 10, -10, 100, INT64_MAX, INT64_MIN, 1 << 20};
      if (pick(4) == 0) return Value::Int(kEdges[pick(std::size(kEdges))]);
      return Value::Int(static_cast<int64_t>(pick(41)) - 20);
    }
    case TypeKind::kBool:
      return Value::Bool(pick(2) == 1);
    case TypeKind::kBitVec: {
      const int w = type.width();
      const uint64_t mask = WidthMask(w);
      switch (pick(6)) {
        case 0:
          return Value::BitVec(type, pick(4));
        case 1:
          return Value::BitVec(type, mask);  // -1
        case 2:
          return Value::BitVec(type, uint64_t{1} << (w - 1));  // signed minimum
        case 3:
          return Value::BitVec(type, (uint64_t{1} << (w - 1)) - 1);  // signed maximum
        case 4:
          return Value::BitVec(type, pick(static_cast<size_t>(w) + 2));  // shift amounts
        default:
          return Value::BitVec(type, rng());
      }
    }
    case TypeKind::kFloat: {
      static constexpr double kEdges[] = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e300, 1e-300};
      if (pick(4) == 0) return Value::Float(kEdges[pick(std::size(kEdges))]);
      return Value::Float(std::uniform_real_distribution<double>(-10, 10)(rng));
    }
    case TypeKind::kString: {
      // A small alphabet makes occurrences, prefixes and repeats likely; digits exercise str.to_int, and
      // characters of 2, 3 and 4 UTF-8 bytes (e acute, the euro sign, an emoji) exercise counting
      // characters rather than bytes.
      static constexpr std::string_view kAlphabet[] = {"a", "b", " ", "a", ".", "1", "-", "2",
                                                       "\u00e9", "\u20ac", "\U0001F600"};
      std::string s;
      const size_t len = pick(3) == 0 ? 0 : pick(7);
      for (size_t i = 0; i < len; ++i) s += kAlphabet[pick(std::size(kAlphabet))];
      return Value::String(std::move(s));
    }
    case TypeKind::kList: {
      std::vector<Value> items;
      const size_t len = pick(5);
      for (size_t i = 0; i < len; ++i) items.push_back(RandomValue(type.element(), rng));
      return Value::List(type.element(), std::move(items));
    }
    case TypeKind::kFunction:
    case TypeKind::kVar:
      break;
  }
  return Value();
}

RandomTermGenerator::RandomTermGenerator(std::vector<const Primitive*> ops, std::vector<Declaration> variables,
                                         double leaf_probability)
    : ops_(std::move(ops)), variables_(std::move(variables)), leaf_probability_(leaf_probability) {}

TermPtr RandomTermGenerator::Generate(const Type& type, int max_depth, std::mt19937_64& rng) const {
  std::vector<const Primitive*> fitting;
  if (max_depth > 1 && std::uniform_real_distribution<double>(0, 1)(rng) >= leaf_probability_) {
    for (const Primitive* op : ops_) {
      if (op->result == type) fitting.push_back(op);
    }
  }
  if (!fitting.empty()) {
    const Primitive* op = fitting[rng() % fitting.size()];
    std::vector<TermPtr> args;
    for (const Type& t : op->arg_types) {
      TermPtr a = Generate(t, max_depth - 1, rng);
      if (a == nullptr) return nullptr;
      args.push_back(std::move(a));
    }
    return Term::Apply(op, op->result, std::move(args));
  }
  std::vector<int> vars;
  for (size_t i = 0; i < variables_.size(); ++i) {
    if (variables_[i].type == type) vars.push_back(static_cast<int>(i));
  }
  if (!vars.empty() && rng() % 2 == 0) {
    int v = vars[rng() % vars.size()];
    return Term::Variable(v, variables_[v].name, type);
  }
  if (type.kind() == TypeKind::kFunction) return nullptr;
  return Term::Constant(RandomValue(type, rng));
}

Value SmallValue(const Type& type, std::mt19937_64& rng) {
  if (type == Type::Int()) return Value::Int(static_cast<int64_t>(rng() % 21) - 10);
  return Value::BitVec(type, rng() % (2 * static_cast<uint64_t>(type.width()) + 1));
}

std::vector<Value> EdgeValues(const Type& type) {
  if (type == Type::Int()) {
    return {Value::Int(0),  Value::Int(1),          Value::Int(-1),         Value::Int(2),
            Value::Int(-2), Value::Int(1000000007), Value::Int(-1000000007)};
  }
  const uint64_t mask = WidthMask(type.width());
  const uint64_t smin = uint64_t{1} << (type.width() - 1);
  std::vector<Value> out;
  std::set<uint64_t> seen;
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, mask, smin, smin - 1, uint64_t{2}, mask - 1}) {
    if (seen.insert(v & mask).second) out.push_back(Value::BitVec(type, v & mask));
  }
  return out;
}

}  // namespace progsearch
