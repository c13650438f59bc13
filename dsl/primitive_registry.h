// The registry resolves an operator name and argument types to a concrete Primitive.
//
// Operators are registered as overload families (`+` on Int and on Float, `bvadd` at every width,
// `ite` at every type); a family is instantiated the first time it is asked for at some argument types,
// and the instance's address stays valid for the registry's lifetime, so terms hold plain pointers.
// A task's registry is a child of the built-in one: it adds define-fun macros and synth-fun placeholders
// without touching what other tasks see.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "dsl/primitive.h"

namespace progsearch {

class PrimitiveRegistry {
 public:
  explicit PrimitiveRegistry(const PrimitiveRegistry* parent = nullptr) : parent_(parent) {}
  PrimitiveRegistry(const PrimitiveRegistry&) = delete;
  PrimitiveRegistry& operator=(const PrimitiveRegistry&) = delete;

  // Adds an overload family of a built-in operator, named as dsl/opcode.h names it; families of one
  // name are tried in registration order.
  void AddFamily(Opcode op, SignatureFn signature, Kernel kernel, int cost = 1, Printer printer = nullptr);
  // Adds a fixed-signature built-in operator.
  void Add(Opcode op, std::vector<Type> args, Type result, Kernel kernel, int cost = 1);
  // The same for an operator that is not built in (its opcode is std::monostate: only the interpreter
  // evaluates it).
  void AddFamily(const std::string& name, SignatureFn signature, Kernel kernel, int cost = 1,
                 Printer printer = nullptr);
  void Add(const std::string& name, std::vector<Type> args, Type result, Kernel kernel, int cost = 1);
  // An operator computed by a callable (a library user's): the interpreter runs `closure` where it would
  // run a kernel, possibly from several threads at once.
  void AddClosure(const std::string& name, std::vector<Type> args, Type result, ClosureKernel closure, int cost = 1);
  // Declares how C spells a call of the operator `name` registered here (its every instance, made or to
  // come). Call it before the registry is used from several threads. False when this registry has no
  // operator of that name.
  bool SetCForm(const std::string& name, CSpelling form);
  // Marks the families of `op` registered so far as reading their arguments' cell errors themselves
  // (Primitive::sees_errors). Call it while registering, before the registry is used.
  void SetSeesErrors(Opcode op);
  // A polymorphic operator: `scheme` is a function type whose variables (t0, t1, ...) each instance
  // fixes by unification with the argument types, e.g. cons : (-> t0 (List t0) (List t0)). With
  // `higher_order`, arguments of function type are lambdas the kernel runs through a LambdaRunner.
  void AddPolymorphic(const std::string& name, const Type& scheme, Kernel kernel, int cost = 1);
  // `deferred_args` as in Primitive.
  void AddPolymorphic(const std::string& name, const Type& scheme, HigherOrderKernel higher_order, int cost = 1,
                      uint32_t deferred_args = 0);
  // The scheme `name` was registered with (AddPolymorphic), here or in a parent; nullopt otherwise.
  std::optional<Type> SchemeOf(std::string_view name) const;
  // `alias` resolves exactly like `name` (old SyGuS names such as str.to.int).
  void AddAlias(const std::string& alias, const std::string& name);
  // A define-fun. Fails if the name is taken in this registry.
  absl::StatusOr<const Primitive*> AddMacro(const std::string& name, std::vector<std::string> param_names,
                                            std::vector<Type> param_types, Type result, TermPtr body);
  // A synth-fun placeholder.
  absl::StatusOr<const Primitive*> AddSynthFun(const std::string& name, std::vector<Type> param_types, Type result);

  // The primitive `name` at `args`; NotFound for an unknown name, InvalidArgument (listing the
  // accepted signatures where fixed) for known names at wrong types.
  absl::StatusOr<const Primitive*> Resolve(std::string_view name, std::span<const Type> args) const;
  bool Knows(std::string_view name) const;
  // Every name this registry (and its parents) resolves, sorted.
  std::vector<std::string> Names() const;

 private:
  // Stores a macro or synth-fun under its unique name.
  absl::StatusOr<const Primitive*> AddFixed(Primitive p);

  void AddFamilyOf(const std::string& name, Opcode op, SignatureFn signature, Kernel kernel, int cost, Printer printer,
                   std::string description);

  struct Family {
    Opcode opcode;
    SignatureFn signature;
    Kernel kernel;
    ClosureKernel closure;
    int cost;
    Printer printer;
    std::string description;  // "(Int Int) -> Int" for fixed signatures
    HigherOrderKernel higher_order = nullptr;
    uint32_t deferred_args = 0;
    std::optional<Type> scheme;  // polymorphic families
    CSpelling c_form = nullptr;
    bool sees_errors = false;
  };
  const PrimitiveRegistry* parent_;
  absl::flat_hash_map<std::string, std::vector<Family>> families_;
  absl::flat_hash_map<std::string, std::string> aliases_;
  absl::flat_hash_map<std::string, const Primitive*> fixed_;  // macros and synth-funs
  mutable std::mutex mu_;
  mutable absl::flat_hash_map<std::string, const Primitive*> instances_;
  mutable std::deque<Primitive> storage_;
};

// The registry with every built-in domain (core Boolean ops, LIA, strings, bit-vectors, floats).
const PrimitiveRegistry& BuiltinRegistry();

}  // namespace progsearch
