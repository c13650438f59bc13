// The DSL's types: Int (int64), Bool, String, BitVec(1..64), Float (double), List(T), function types, and
// type variables (t0, t1, ...) for polymorphic primitives such as map; core/type_unify.h unifies them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace progsearch {

enum class TypeKind : uint8_t { kInt, kBool, kString, kBitVec, kFloat, kList, kFunction, kVar };

// A small immutable value type. Compound types share their parameters, so copies are cheap.
class Type {
 public:
  Type() : Type(TypeKind::kInt) {}
  static Type Int() { return Type(TypeKind::kInt); }
  static Type Bool() { return Type(TypeKind::kBool); }
  static Type String() { return Type(TypeKind::kString); }
  static Type Float() { return Type(TypeKind::kFloat); }
  // Fails for widths outside 1..64: values are stored in one machine word.
  static absl::StatusOr<Type> BitVec(int width);
  static Type List(const Type& element);
  static Type Function(std::vector<Type> args, const Type& result);
  // The type variable t<id> (id >= 0). Values never have it: it appears in primitive schemes and
  // during type inference, and a substitution replaces it.
  static Type Var(int id);

  TypeKind kind() const { return kind_; }
  bool is_bitvec() const { return kind_ == TypeKind::kBitVec; }
  // Width of a BitVec; 0 for other kinds except type variables (read var_id() for those).
  int width() const { return width_; }
  // Id of a type variable; 0 for other kinds.
  int var_id() const { return kind_ == TypeKind::kVar ? width_ : 0; }
  // Element type of a List.
  const Type& element() const { return (*params_)[0]; }
  // Argument types of a function type (all parameters but the last).
  std::vector<Type> args() const;
  const Type& result() const { return params_->back(); }

  // Whether the type mentions no type variable.
  bool is_ground() const;

  // SMT-LIB spelling: Int, Bool, String, Float, (_ BitVec 8), (List Int), (-> Int Int Bool), t0.
  std::string ToString() const;

  friend bool operator==(const Type& a, const Type& b);
  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }
  template <typename H>
  friend H AbslHashValue(H h, const Type& t) {
    h = H::combine(std::move(h), t.kind_, t.width_);
    if (t.params_) {
      for (const Type& p : *t.params_) h = H::combine(std::move(h), p);
    }
    return h;
  }

 private:
  explicit Type(TypeKind kind) : kind_(kind) {}
  TypeKind kind_;
  int width_ = 0;
  std::shared_ptr<const std::vector<Type>> params_;
};

}  // namespace progsearch
