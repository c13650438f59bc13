#include "dsl/primitive_registry.h"

#include <algorithm>

#include "absl/status/status.h"
#include "core/type_unify.h"
#include "absl/strings/str_join.h"
#include "core/str_cat.h"
#include "dsl/domains/domains.h"

namespace progsearch {
namespace {

std::string TypeList(std::span<const Type> types) {
  std::vector<std::string> names;
  for (const Type& t : types) names.push_back(t.ToString());
  return StrCat("(", absl::StrJoin(names, " "), ")");
}

}  // namespace

void PrimitiveRegistry::AddFamilyOf(const std::string& name, Opcode op, SignatureFn signature, Kernel kernel, int cost,
                                    Printer printer, std::string description) {
  families_[name].push_back(
      Family{op, std::move(signature), kernel, nullptr, cost, std::move(printer), std::move(description),
             nullptr, 0, std::nullopt});
}

void PrimitiveRegistry::AddFamily(Opcode op, SignatureFn signature, Kernel kernel, int cost, Printer printer) {
  AddFamilyOf(std::string(OpName(op)), op, std::move(signature), kernel, cost, std::move(printer), "");
}

void PrimitiveRegistry::AddFamily(const std::string& name, SignatureFn signature, Kernel kernel, int cost,
                                  Printer printer) {
  AddFamilyOf(name, std::monostate(), std::move(signature), kernel, cost, std::move(printer), "");
}

namespace {

SignatureFn FixedSignature(std::vector<Type> args, Type result) {
  return [args = std::move(args), result = std::move(result)](std::span<const Type> got) -> std::optional<Type> {
    if (!std::equal(got.begin(), got.end(), args.begin(), args.end())) return std::nullopt;
    return result;
  };
}

}  // namespace

void PrimitiveRegistry::Add(Opcode op, std::vector<Type> args, Type result, Kernel kernel, int cost) {
  std::string description = StrCat(TypeList(args), " -> ", result.ToString());
  AddFamilyOf(std::string(OpName(op)), op, FixedSignature(std::move(args), std::move(result)), kernel, cost, nullptr,
              std::move(description));
}

void PrimitiveRegistry::Add(const std::string& name, std::vector<Type> args, Type result, Kernel kernel, int cost) {
  std::string description = StrCat(TypeList(args), " -> ", result.ToString());
  AddFamilyOf(name, std::monostate(), FixedSignature(std::move(args), std::move(result)), kernel, cost, nullptr,
              std::move(description));
}

void PrimitiveRegistry::AddClosure(const std::string& name, std::vector<Type> args, Type result, ClosureKernel closure,
                                   int cost) {
  std::string description = StrCat(TypeList(args), " -> ", result.ToString());
  families_[name].push_back(Family{std::monostate(), FixedSignature(std::move(args), std::move(result)), nullptr,
                                   std::move(closure), cost, nullptr, std::move(description), nullptr, 0, std::nullopt});
}

bool PrimitiveRegistry::SetCForm(const std::string& name, CSpelling form) {
  auto fam = families_.find(name);
  if (fam == families_.end()) return false;
  std::lock_guard<std::mutex> lock(mu_);
  for (Family& f : fam->second) f.c_form = form;
  for (Primitive& p : storage_) {
    if (p.name == name) p.c_form = form;
  }
  return true;
}

void PrimitiveRegistry::SetSeesErrors(Opcode op) {
  auto fam = families_.find(std::string(OpName(op)));
  if (fam == families_.end()) return;
  for (Family& f : fam->second) {
    if (f.opcode == op) f.sees_errors = true;
  }
}

void PrimitiveRegistry::AddPolymorphic(const std::string& name, const Type& scheme, Kernel kernel, int cost) {
  SignatureFn signature = [args = scheme.args(), result = scheme.result()](std::span<const Type> got) {
    return ApplyScheme(args, result, got);
  };
  families_[name].push_back(Family{std::monostate(), std::move(signature), kernel, nullptr, cost, nullptr,
                                   scheme.ToString(), nullptr, 0, scheme});
}

void PrimitiveRegistry::AddPolymorphic(const std::string& name, const Type& scheme, HigherOrderKernel higher_order,
                                       int cost, uint32_t deferred_args) {
  AddPolymorphic(name, scheme, Kernel{nullptr}, cost);
  families_[name].back().higher_order = higher_order;
  families_[name].back().deferred_args = deferred_args;
}

std::optional<Type> PrimitiveRegistry::SchemeOf(std::string_view name) const {
  std::string key(name);
  if (auto a = aliases_.find(key); a != aliases_.end()) key = a->second;
  if (auto fam = families_.find(key); fam != families_.end()) {
    for (const Family& f : fam->second) {
      if (f.scheme) return f.scheme;
    }
    return std::nullopt;
  }
  return parent_ != nullptr ? parent_->SchemeOf(key) : std::nullopt;
}

void PrimitiveRegistry::AddAlias(const std::string& alias, const std::string& name) { aliases_[alias] = name; }

absl::StatusOr<const Primitive*> PrimitiveRegistry::AddFixed(Primitive p) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fixed_.contains(p.name) || families_.contains(p.name)) {
    return absl::AlreadyExistsError(StrCat("function '", p.name, "' is already defined"));
  }
  Primitive& stored = storage_.emplace_back(std::move(p));
  fixed_[stored.name] = &stored;
  return &stored;
}

absl::StatusOr<const Primitive*> PrimitiveRegistry::AddMacro(const std::string& name,
                                                             std::vector<std::string> param_names,
                                                             std::vector<Type> param_types, Type result, TermPtr body) {
  Primitive p;
  p.name = name;
  p.arg_types = std::move(param_types);
  p.result = std::move(result);
  p.kind = PrimitiveKind::kMacro;
  p.body = std::move(body);
  p.param_names = std::move(param_names);
  return AddFixed(std::move(p));
}

absl::StatusOr<const Primitive*> PrimitiveRegistry::AddSynthFun(const std::string& name, std::vector<Type> param_types,
                                                                Type result) {
  Primitive p;
  p.name = name;
  p.arg_types = std::move(param_types);
  p.result = std::move(result);
  p.kind = PrimitiveKind::kSynthFun;
  return AddFixed(std::move(p));
}

absl::StatusOr<const Primitive*> PrimitiveRegistry::Resolve(std::string_view name, std::span<const Type> args) const {
  std::string key(name);
  if (auto a = aliases_.find(key); a != aliases_.end()) key = a->second;
  if (auto f = fixed_.find(key); f != fixed_.end()) {
    const Primitive* p = f->second;
    if (!std::equal(args.begin(), args.end(), p->arg_types.begin(), p->arg_types.end())) {
      return absl::InvalidArgumentError(
          StrCat("'", name, "' expects ", TypeList(p->arg_types), " but got ", TypeList(args)));
    }
    return p;
  }
  auto fam = families_.find(key);
  if (fam == families_.end()) {
    if (parent_ != nullptr) return parent_->Resolve(key, args);
    return absl::NotFoundError(StrCat("unknown operator '", name, "'"));
  }
  std::string instance_key = StrCat(key, TypeList(args));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = instances_.find(instance_key); it != instances_.end()) return it->second;
  }
  for (const Family& family : fam->second) {
    std::optional<Type> result = family.signature(args);
    if (!result) continue;
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = instances_.find(instance_key); it != instances_.end()) return it->second;
    Primitive& p = storage_.emplace_back();
    p.name = key;
    p.arg_types.assign(args.begin(), args.end());
    p.result = *result;
    p.cost = family.cost;
    p.opcode = family.opcode;
    p.kernel = family.kernel;
    p.higher_order = family.higher_order;
    p.deferred_args = family.deferred_args;
    p.closure = family.closure;
    p.printer = family.printer;
    p.c_form = family.c_form;
    p.sees_errors = family.sees_errors;
    instances_[instance_key] = &p;
    return &p;
  }
  std::vector<std::string> accepted;
  for (const Family& family : fam->second) {
    if (!family.description.empty()) accepted.push_back(family.description);
  }
  std::string msg = StrCat("'", name, "' cannot be applied to ", TypeList(args));
  if (!accepted.empty()) StrAppend(&msg, "; it accepts ", absl::StrJoin(accepted, " or "));
  return absl::InvalidArgumentError(msg);
}

bool PrimitiveRegistry::Knows(std::string_view name) const {
  std::string key(name);
  if (aliases_.contains(key) || fixed_.contains(key) || families_.contains(key)) return true;
  return parent_ != nullptr && parent_->Knows(key);
}

std::vector<std::string> PrimitiveRegistry::Names() const {
  std::vector<std::string> names = parent_ ? parent_->Names() : std::vector<std::string>{};
  for (const auto& [name, f] : families_) names.push_back(name);
  for (const auto& [name, f] : aliases_) names.push_back(name);
  for (const auto& [name, f] : fixed_) names.push_back(name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

const PrimitiveRegistry& BuiltinRegistry() {
  static const PrimitiveRegistry* registry = [] {
    auto* r = new PrimitiveRegistry();
    RegisterCoreOps(*r);
    RegisterLia(*r);
    RegisterStrings(*r);
    RegisterBitVec(*r);
    RegisterFloats(*r);
    RegisterSpreadsheet(*r);
    return r;
  }();
  return *registry;
}

}  // namespace progsearch
