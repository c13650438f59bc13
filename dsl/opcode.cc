#include "dsl/opcode.h"

namespace progsearch {
namespace {

#define PROGSEARCH_OP_NAME(id, name) name,
constexpr std::string_view kCoreNames[] = {PROGSEARCH_CORE_OPS(PROGSEARCH_OP_NAME)};
constexpr std::string_view kIntNames[] = {PROGSEARCH_INT_OPS(PROGSEARCH_OP_NAME)};
constexpr std::string_view kStringNames[] = {PROGSEARCH_STRING_OPS(PROGSEARCH_OP_NAME)};
constexpr std::string_view kBitVecNames[] = {PROGSEARCH_BITVEC_OPS(PROGSEARCH_OP_NAME)};
constexpr std::string_view kFloatNames[] = {PROGSEARCH_FLOAT_OPS(PROGSEARCH_OP_NAME)};
constexpr std::string_view kSheetNames[] = {PROGSEARCH_SHEET_OPS(PROGSEARCH_OP_NAME)};
#undef PROGSEARCH_OP_NAME

}  // namespace

std::string_view OpName(CoreOp op) { return kCoreNames[static_cast<int>(op)]; }
std::string_view OpName(IntOp op) { return kIntNames[static_cast<int>(op)]; }
std::string_view OpName(StringOp op) { return kStringNames[static_cast<int>(op)]; }
std::string_view OpName(BitVecOp op) { return kBitVecNames[static_cast<int>(op)]; }
std::string_view OpName(FloatOp op) { return kFloatNames[static_cast<int>(op)]; }
std::string_view OpName(SheetOp op) { return kSheetNames[static_cast<int>(op)]; }

std::string_view OpName(const Opcode& op) {
  return std::visit(
      [](auto o) -> std::string_view {
        if constexpr (std::is_same_v<decltype(o), std::monostate>) {
          return "";
        } else {
          return OpName(o);
        }
      },
      op);
}

bool IsElementary(FloatOp op) {
  switch (op) {
    case FloatOp::kExp:
    case FloatOp::kExp2:
    case FloatOp::kLog:
    case FloatOp::kLog2:
    case FloatOp::kSin:
    case FloatOp::kCos:
    case FloatOp::kTan:
    case FloatOp::kTanh:
    case FloatOp::kErf:
      return true;
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
    case FloatOp::kLt:
    case FloatOp::kLe:
    case FloatOp::kGt:
    case FloatOp::kGe:
      return false;
  }
  return false;
}

}  // namespace progsearch
