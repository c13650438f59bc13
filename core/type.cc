#include "core/type.h"

#include "absl/status/status.h"
#include "core/str_cat.h"

namespace progsearch {

absl::StatusOr<Type> Type::BitVec(int width) {
  if (width < 1 || width > 64) {
    return absl::InvalidArgumentError(StrCat("BitVec width ", width, " is outside 1..64"));
  }
  Type t(TypeKind::kBitVec);
  t.width_ = width;
  return t;
}

Type Type::List(const Type& element) {
  Type t(TypeKind::kList);
  t.params_ = std::make_shared<const std::vector<Type>>(std::vector<Type>{element});
  return t;
}

Type Type::Function(std::vector<Type> args, const Type& result) {
  Type t(TypeKind::kFunction);
  args.push_back(result);
  t.params_ = std::make_shared<const std::vector<Type>>(std::move(args));
  return t;
}

Type Type::Var(int id) {
  Type t(TypeKind::kVar);
  t.width_ = id;
  return t;
}

bool Type::is_ground() const {
  if (kind_ == TypeKind::kVar) return false;
  if (params_) {
    for (const Type& p : *params_) {
      if (!p.is_ground()) return false;
    }
  }
  return true;
}

std::vector<Type> Type::args() const {
  if (kind_ != TypeKind::kFunction) return {};
  return std::vector<Type>(params_->begin(), params_->end() - 1);
}

std::string Type::ToString() const {
  switch (kind_) {
    case TypeKind::kInt:
      return "Int";
    case TypeKind::kBool:
      return "Bool";
    case TypeKind::kString:
      return "String";
    case TypeKind::kFloat:
      return "Float";
    case TypeKind::kBitVec:
      return StrCat("(_ BitVec ", width_, ")");
    case TypeKind::kList:
      return StrCat("(List ", element().ToString(), ")");
    case TypeKind::kFunction: {
      std::string s = "(->";
      for (const Type& p : *params_) StrAppend(&s, " ", p.ToString());
      return s + ")";
    }
    case TypeKind::kVar:
      return StrCat("t", width_);
  }
  return "?";
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_ || a.width_ != b.width_) return false;
  if (a.params_ == b.params_) return true;
  if (!a.params_ || !b.params_) return false;
  return *a.params_ == *b.params_;
}

}  // namespace progsearch
