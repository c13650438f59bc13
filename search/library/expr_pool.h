// Untyped lambda-calculus programs as compression sees them: hash-consed, curried trees in a pool.
//
// Compression (Stitch's method) works on the shape of programs, not their types, so a corpus from any
// DSL (DreamCoder's list or LOGO programs, CAD programs) is read into this one form: primitives are
// symbols, variables are de Bruijn indices, `(f a b)` is the curried App(App(f, a), b). Identical
// sub-trees are one node, so a pattern matched at a node is matched at every place that node occurs, and
// two sub-trees are equal exactly when their ids are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace progsearch::library {

using NodeId = int32_t;

enum class ExprKind : uint8_t {
  kPrim,  // a symbol: a primitive, a constant, an inline abstraction #(...), or an earlier fn_i
  kVar,   // a de Bruijn variable $i ($0: the innermost enclosing lambda)
  kIVar,  // an abstraction's argument #i (only in abstraction bodies)
  kLam,   // a lambda with one body
  kApp,   // an application of `fn` to one argument
};

// The cost of a program, Stitch's model by default: each primitive or variable 100, each application or
// lambda 1, so a program's cost is dominated by its leaves and compression shortens it.
struct CostModel {
  int64_t prim = 100;
  int64_t var = 100;
  int64_t ivar = 100;
  int64_t app = 1;
  int64_t lam = 1;
};

struct ExprNode {
  ExprKind kind;
  // kPrim: symbol id; kVar, kIVar: the index; kLam: the body; kApp: the function.
  int32_t a = 0;
  // kApp: the argument; kLam: Stitch's tag plus one (lam_N), 0 for an untagged lambda.
  int32_t b = 0;
  int64_t cost = 0;
  // Bit i set when $i occurs free (indices from 63 up share bit 63).
  uint64_t free_vars = 0;
};

class ExprPool {
 public:
  explicit ExprPool(CostModel costs = {}) : costs_(costs) {}

  const CostModel& costs() const { return costs_; }
  const ExprNode& node(NodeId id) const { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }
  // A node's children come before it: ids are a topological order, children first.

  NodeId Prim(std::string_view symbol);
  NodeId Var(int index);
  NodeId IVar(int index);
  NodeId Lam(NodeId body, int32_t tag = 0);
  NodeId App(NodeId fn, NodeId arg);

  int32_t Intern(std::string_view symbol);
  const std::string& symbol(int32_t id) const { return symbols_[id]; }

  // `id` with every free variable $i (i >= cutoff) renumbered $(i + delta); the caller guarantees no
  // index goes below `cutoff` (compression only lowers indices of arguments with no variable bound
  // inside the abstraction).
  NodeId Shift(NodeId id, int delta, int cutoff = 0);
  // Shift's answer when it needs no new node (`id` itself, or a shift made before), else -1. Never grows
  // the pool, so threads may call it while nothing else writes the pool.
  NodeId KnownShift(NodeId id, int delta, int cutoff = 0) const;

  // Reads one program in DreamCoder's or Stitch's syntax: `(f a b)`, `(lambda body)` (also `lam`, and
  // Stitch's tagged `lam_N`), `$i`, `#i`, inline abstractions `#(lambda ...)` (one primitive each, named
  // by their canonical text), anything else a primitive. Stitch's tagged variables `$i_N` are leaves that
  // cost as variables. Errors name the offending column of `text`.
  absl::StatusOr<NodeId> Parse(std::string_view text);

  // `id` in DreamCoder's syntax with Stitch's `lam`: applications uncurried, `(f a b)`.
  std::string Print(NodeId id) const;
  // As Print, with `lambda` for DreamCoder.
  std::string PrintDreamCoder(NodeId id) const;

 private:
  NodeId Add(ExprNode node);
  std::string PrintWith(NodeId id, std::string_view lambda) const;
  void PrintTo(NodeId id, std::string_view lambda, std::string& out) const;

  CostModel costs_;
  std::vector<ExprNode> nodes_;
  absl::flat_hash_map<std::tuple<uint8_t, int32_t, int32_t>, NodeId> index_;
  std::vector<std::string> symbols_;
  absl::flat_hash_map<std::string, int32_t> symbol_ids_;
  absl::flat_hash_map<std::tuple<NodeId, int, int>, NodeId> shifted_;
};

}  // namespace progsearch::library
