#include "progsearch/value.h"

#include "api/impl.h"
#include "core/str_cat.h"
#include "core/utf8.h"

namespace progsearch {

const char* KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kBool:
      return "Bool";
    case ValueKind::kInt:
      return "Int";
    case ValueKind::kFloat:
      return "Float";
    case ValueKind::kString:
      return "String";
    case ValueKind::kBitVec:
      return "BitVec";
  }
  return "?";
}

Type TypeOf(ValueKind kind) {
  switch (kind) {
    case ValueKind::kBool:
      return Type::Bool();
    case ValueKind::kInt:
      return Type::Int();
    case ValueKind::kFloat:
      return Type::Float();
    case ValueKind::kString:
      return Type::String();
    case ValueKind::kBitVec:
      break;
  }
  throw Error("BitVec values have a width of their own: a search space or task is not declared over them here");
}

ValueKind KindOfType(const Type& type) {
  if (type == Type::Bool()) return ValueKind::kBool;
  if (type == Type::Int()) return ValueKind::kInt;
  if (type == Type::Float()) return ValueKind::kFloat;
  if (type == Type::String()) return ValueKind::kString;
  if (type.is_bitvec()) return ValueKind::kBitVec;
  throw Error(StrCat("values of sort ", type.ToString(), " are not exchanged through the API"));
}

Value ToValue(const Scalar& s, ValueKind kind, const std::string& where) {
  // An Int where a Float is expected is taken as its double (a literal 2 for 2.0 is a common slip).
  if (kind == ValueKind::kFloat && KindOf(s) == ValueKind::kInt) {
    return Value::Float(static_cast<double>(std::get<int64_t>(s)));
  }
  if (KindOf(s) != kind) {
    throw Error(StrCat(where, ": expected a ", KindName(kind), " value, got a ", KindName(KindOf(s))));
  }
  switch (kind) {
    case ValueKind::kBool:
      return Value::Bool(std::get<bool>(s));
    case ValueKind::kInt:
      return Value::Int(std::get<int64_t>(s));
    case ValueKind::kFloat:
      return Value::Float(std::get<double>(s));
    case ValueKind::kString: {
      const std::string& text = std::get<std::string>(s);
      std::string why;
      if (!IsEngineString(text, /*allow_surrogates=*/true, nullptr, &why)) throw Error(StrCat(where, ": ", why));
      return Value::String(text);
    }
    case ValueKind::kBitVec: {
      const BitVec& bv = std::get<BitVec>(s);
      absl::StatusOr<Type> type = Type::BitVec(bv.width);
      if (!type.ok()) throw Error(StrCat(where, ": a bit-vector's width is 1 to 64, not ", bv.width));
      if (bv.width < 64 && (bv.bits >> bv.width) != 0) {
        throw Error(StrCat(where, ": ", bv.bits, " does not fit in ", bv.width, " bits"));
      }
      return Value::BitVec(*type, bv.bits);
    }
  }
  return Value::Float(0);
}

Value ToValue(const Scalar& s, const Type& type, const std::string& where) {
  const Value v = ToValue(s, KindOfType(type), where);
  if (v.type() != type) {
    throw Error(StrCat(where, ": expected a ", type.ToString(), ", got a ", v.type().ToString()));
  }
  return v;
}

Scalar ToScalar(const Value& v) {
  if (v.is_error()) throw Error(StrCat("the cell error ", v.ToString(), " has no value to return"));
  switch (KindOfType(v.type())) {
    case ValueKind::kBool:
      return v.as_bool();
    case ValueKind::kInt:
      return v.as_int();
    case ValueKind::kFloat:
      return v.as_float();
    case ValueKind::kString:
      return v.as_string();
    case ValueKind::kBitVec:
      return BitVec{v.as_bits(), v.type().width()};
  }
  return 0.0;
}

ValueColumn ToColumn(const std::vector<Scalar>& column, const Type& type, const std::string& where) {
  std::vector<Value> values;
  values.reserve(column.size());
  for (size_t i = 0; i < column.size(); ++i) values.push_back(ToValue(column[i], type, StrCat(where, " row ", i)));
  return ValueColumn::FromValues(type, values);
}

ValueColumn ToColumn(const std::vector<Scalar>& column, ValueKind kind, const std::string& where) {
  return ToColumn(column, TypeOf(kind), where);
}

std::vector<Scalar> ToScalars(const ValueColumn& column) {
  std::vector<Scalar> out;
  out.reserve(column.size());
  for (size_t i = 0; i < column.size(); ++i) out.push_back(ToScalar(column.Get(i)));
  return out;
}

void ThrowIfError(const absl::Status& status) {
  if (!status.ok()) throw Error(std::string(status.message()));
}

}  // namespace progsearch
