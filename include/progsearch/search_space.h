// progsearch public API: what programs are built from. Variables, built-in operators of the engine's
// domains, constants, and operators of your own computed by C++ callables.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/program.h"
#include "progsearch/value.h"

namespace progsearch {

class PROGSEARCH_API SearchSpace {
 public:
  // Programs of `variables` (name and kind each) returning `result`. Names are SMT-LIB symbols
  // (letters, digits and ~!@$%^&*_-+=<>.?/, not starting with a digit).
  SearchSpace(std::vector<std::pair<std::string, ValueKind>> variables, ValueKind result);
  // Float arithmetic over Float variables: + - * / (and fma, sqrt, ... with AddBuiltin).
  static SearchSpace Arithmetic(std::vector<std::string> variables);
  // A built-in domain's operators at the kinds of the variables and the result:
  //   "float":   + - * / fma sqrt fabs fmin fmax on Float
  //   "lia":     + - * div mod abs on Int, ite, and the comparisons = < <= with and or not on Bool
  //   "strings": str.++ str.len str.at str.substr str.indexof str.replace str.prefixof str.suffixof
  //              str.contains str.to_int str.from_int, + - on Int, ite and = on String and Int
  // Throws Error for an unknown domain.
  static SearchSpace Domain(const std::string& domain, std::vector<std::pair<std::string, ValueKind>> variables,
                            ValueKind result);

  // A built-in operator at argument kinds, e.g. AddBuiltin("*", {kFloat, kFloat}) or
  // AddBuiltin("str.len", {kString}). Throws Error for an unknown name or kinds it does not take.
  SearchSpace& AddBuiltin(const std::string& name, std::vector<ValueKind> args);

  // An operator of your own on Float values, computed per element: `fn` gets `arity` doubles and
  // returns one. It may run on several threads at once; a throw makes the program that used it fail
  // to evaluate (such a program never enters a population). `cost`: its weight in the size bound of
  // bottom-up enumeration (Evolve's max_size counts nodes, each 1).
  SearchSpace& AddFloatOperator(const std::string& name, int arity, std::function<double(const double*)> fn,
                                int cost = 1);
  // An operator of your own on Float values, computed per column: `fn` gets `arity` arrays of `rows`
  // doubles and fills `out` (`rows` doubles). The fast path for vectorized code (numpy, Eigen).
  using FloatColumnFn = std::function<void(const std::vector<const double*>& args, size_t rows, double* out)>;
  SearchSpace& AddFloatColumnOperator(const std::string& name, int arity, FloatColumnFn fn, int cost = 1);
  // An operator of your own on whole columns of any kinds, boxed: `fn` gets the argument columns
  // and fills `out` (already sized to the rows). Kinds are any of ValueKind. Same threading and error
  // rules as AddFloatOperator.
  using ColumnFn = std::function<void(const std::vector<const std::vector<Scalar>*>& args, std::vector<Scalar>& out)>;
  SearchSpace& AddColumnOperator(const std::string& name, std::vector<ValueKind> args, ValueKind result, ColumnFn fn,
                                 int cost = 1);

  // How Program::ToC spells a call of your operator `name` (one added above): `format` with {0}, {1}, ...
  // standing for the arguments' C expressions, e.g. SetCForm("relu", "fmax({0}, 0.0)"), or a callable
  // given those expressions. The spelling is parenthesized. Throws Error for a name that is not one of
  // your operators, a placeholder past its arity, or a stray brace.
  SearchSpace& SetCForm(const std::string& name, const std::string& format);
  using CFormFn = std::function<std::string(const std::vector<std::string>& args)>;
  SearchSpace& SetCForm(const std::string& name, CFormFn fn);

  // Reads a program over this space's variables and operators (ToString's form). Throws Error with
  // the location of a mistake.
  Program Parse(const std::string& text) const;

  const std::vector<std::pair<std::string, ValueKind>>& variables() const;
  ValueKind result_kind() const;
  // Every operator added, as "name: (Float Float) -> Float".
  std::vector<std::string> Describe() const;

  // A SearchSpace is a handle: copies share their variables and operators. The internal
  // representation, for the engine's own code:
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace progsearch
