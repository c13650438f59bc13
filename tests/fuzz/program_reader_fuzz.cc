// libFuzzer target: the program reader and the interpreter must never crash. A program that reads
// is evaluated under limits, and its printed form must read back to a term that prints the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dsl/interpreter.h"
#include "dsl/primitive_registry.h"
#include "formats/program_reader.h"

namespace {

using namespace progsearch;

const std::vector<Declaration>& Variables() {
  static const std::vector<Declaration> vars = {{"x", Type::Int()},
                                                {"s", Type::String()},
                                                {"b", *Type::BitVec(8)},
                                                {"w", *Type::BitVec(64)},
                                                {"f", Type::Float()}};
  return vars;
}

const std::vector<ValueColumn>& Inputs() {
  static const std::vector<ValueColumn> inputs = [] {
    std::vector<ValueColumn> c;
    std::vector<Value> xs = {Value::Int(0), Value::Int(-3), Value::Int(INT64_MAX)};
    std::vector<Value> ss = {Value::String(""), Value::String("a b.c"), Value::String("123")};
    const Type b8 = *Type::BitVec(8), b64 = *Type::BitVec(64);
    std::vector<Value> bs = {Value::BitVec(b8, 0), Value::BitVec(b8, 0x80), Value::BitVec(b8, 0xff)};
    std::vector<Value> ws = {Value::BitVec(b64, 1), Value::BitVec(b64, ~0ull), Value::BitVec(b64, 1ull << 63)};
    std::vector<Value> fs = {Value::Float(0.0), Value::Float(-1.5), Value::Float(1e300)};
    c.push_back(ValueColumn::FromValues(Type::Int(), xs));
    c.push_back(ValueColumn::FromValues(Type::String(), ss));
    c.push_back(ValueColumn::FromValues(b8, bs));
    c.push_back(ValueColumn::FromValues(b64, ws));
    c.push_back(ValueColumn::FromValues(Type::Float(), fs));
    return c;
  }();
  return inputs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ProgramReader reader(BuiltinRegistry(), Variables(), "<fuzz>");
  auto term = reader.ReadText(text);
  if (!term.ok()) return 0;
  EvalLimits limits;
  limits.max_string_length = 4096;
  limits.deadline = Deadline::In(std::chrono::milliseconds(200));
  (void)Interpreter(limits).Evaluate(**term, Inputs(), 3);
  auto back = reader.ReadText(PrintTerm(**term));
  if (!back.ok()) std::abort();
  auto again = reader.ReadText(PrintTerm(**back));
  if (!again.ok() || PrintTerm(**again) != PrintTerm(**back)) std::abort();
  return 0;
}
