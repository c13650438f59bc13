#include "search/library/compression.h"

#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "search/library/abstraction_search.h"

namespace progsearch::library {
namespace {

// The body from its preorder steps.
NodeId BuildBody(ExprPool& pool, const std::vector<PatternStep>& steps, size_t& at) {
  const PatternStep step = steps[at++];
  switch (step.kind) {
    case ExprKind::kApp: {
      const NodeId fn = BuildBody(pool, steps, at);
      return pool.App(fn, BuildBody(pool, steps, at));
    }
    case ExprKind::kLam:
      return pool.Lam(BuildBody(pool, steps, at), step.value);
    case ExprKind::kPrim:
      return pool.Prim(pool.symbol(step.value));
    case ExprKind::kVar:
      return pool.Var(step.value);
    case ExprKind::kIVar:
      return pool.IVar(step.value);
  }
  return 0;
}

// Numbers the arguments as Stitch does: in the order they are met walking the body with each
// application's argument before its function. The abstraction is the same; what changes is the order of
// a use's arguments, so the earlier arguments of a primitive come last and later abstractions can take
// a use applied to only some of them (a curried use), which is how Stitch's next abstractions are found.
void NumberArgumentsAsStitch(ExprPool& pool, FoundAbstraction& a) {
  size_t at = 0;
  const NodeId body = BuildBody(pool, a.steps, at);
  std::vector<int> renumbered(a.arity, -1);
  int next = 0;
  std::vector<NodeId> stack = {body};
  while (!stack.empty()) {
    const ExprNode n = pool.node(stack.back());
    stack.pop_back();
    if (n.kind == ExprKind::kIVar && renumbered[n.a] < 0) renumbered[n.a] = next++;
    if (n.kind == ExprKind::kLam) stack.push_back(n.a);
    if (n.kind == ExprKind::kApp) {
      stack.push_back(n.a);  // the function after
      stack.push_back(n.b);  // the argument
    }
  }
  for (PatternStep& step : a.steps) {
    if (step.kind == ExprKind::kIVar) step.value = renumbered[step.value];
  }
  std::vector<int> depth(a.arity);
  for (int k = 0; k < a.arity; ++k) depth[renumbered[k]] = a.ivar_depth[k];
  a.ivar_depth = depth;
  std::vector<NodeId> args(a.args.size());
  for (size_t row = 0; row < a.locations.size(); ++row) {
    for (int k = 0; k < a.arity; ++k) args[row * a.arity + renumbered[k]] = a.args[row * a.arity + k];
  }
  a.args = std::move(args);
}

// The body as DreamCoder writes an invented primitive's: argument #k is the lambda $(depth + arity-1-k),
// and the earlier abstractions it uses are inlined as their own #(...) forms.
NodeId ToDreamCoder(ExprPool& pool, NodeId id, int arity, int depth,
                    const absl::flat_hash_map<std::string, std::string>& inlined) {
  const ExprNode n = pool.node(id);
  switch (n.kind) {
    case ExprKind::kIVar:
      return pool.Var(depth + arity - 1 - n.a);
    case ExprKind::kPrim:
      if (auto it = inlined.find(pool.symbol(n.a)); it != inlined.end()) return pool.Prim(it->second);
      return id;
    case ExprKind::kLam:
      return pool.Lam(ToDreamCoder(pool, n.a, arity, depth + 1, inlined), n.b);
    case ExprKind::kApp: {
      const NodeId fn = ToDreamCoder(pool, n.a, arity, depth, inlined);
      return pool.App(fn, ToDreamCoder(pool, n.b, arity, depth, inlined));
    }
    case ExprKind::kVar:
      return id;
  }
  return id;
}

std::string DreamCoderForm(ExprPool& pool, NodeId body, int arity,
                           const absl::flat_hash_map<std::string, std::string>& inlined) {
  NodeId f = ToDreamCoder(pool, body, arity, 0, inlined);
  for (int k = 0; k < arity; ++k) f = pool.Lam(f);
  return absl::StrCat("#", pool.PrintDreamCoder(f));
}

// Rewrites every program with `a` where the search's pass chose a use of it; the use of location L is
// (name arg0 arg1 ...), each argument rewritten too and shifted out of the body's lambdas.
std::vector<std::vector<NodeId>> Rewrite(ExprPool& pool, const AbstractionSearch& search, const FoundAbstraction& a,
                                         const std::string& name, const std::vector<std::vector<NodeId>>& tasks) {
  std::vector<int64_t> cost;
  std::vector<uint8_t> use;
  search.RewrittenCost(a, cost, &use);
  absl::flat_hash_map<NodeId, size_t> location_index;
  for (size_t i = 0; i < a.locations.size(); ++i) location_index.emplace(a.locations[i], i);
  const NodeId fn = pool.Prim(name);
  absl::flat_hash_map<NodeId, NodeId> rewritten;
  for (NodeId n : search.nodes().order) {
    const ExprNode node = pool.node(n);
    NodeId out = n;
    if (use[n]) {
      out = fn;
      const size_t row = location_index.at(n) * a.arity;
      for (int k = 0; k < a.arity; ++k) {
        out = pool.App(out, pool.Shift(rewritten.at(a.args[row + k]), -a.ivar_depth[k]));
      }
    } else if (node.kind == ExprKind::kApp) {
      const NodeId f = rewritten.at(node.a);
      out = pool.App(f, rewritten.at(node.b));
    } else if (node.kind == ExprKind::kLam) {
      out = pool.Lam(rewritten.at(node.a), node.b);
    }
    rewritten.emplace(n, out);
  }
  std::vector<std::vector<NodeId>> result;
  for (const auto& task : tasks) {
    auto& programs = result.emplace_back();
    for (NodeId root : task) programs.push_back(rewritten.at(root));
  }
  return result;
}

// `body` with argument #i replaced by args[i], shifted over the `depth` lambdas it sits under.
NodeId Substitute(ExprPool& pool, NodeId body, const std::vector<NodeId>& args, int depth) {
  const ExprNode n = pool.node(body);
  switch (n.kind) {
    case ExprKind::kIVar:
      return pool.Shift(args[n.a], depth);
    case ExprKind::kLam:
      return pool.Lam(Substitute(pool, n.a, args, depth + 1), n.b);
    case ExprKind::kApp: {
      const NodeId fn = Substitute(pool, n.a, args, depth);
      return pool.App(fn, Substitute(pool, n.b, args, depth));
    }
    default:
      return body;
  }
}

}  // namespace

NodeId InlineAbstractions(ExprPool& pool, NodeId id, const std::vector<Abstraction>& abstractions) {
  const ExprNode n = pool.node(id);
  if (n.kind == ExprKind::kLam) return pool.Lam(InlineAbstractions(pool, n.a, abstractions), n.b);
  if (n.kind != ExprKind::kApp && n.kind != ExprKind::kPrim) return id;
  std::vector<NodeId> spine;  // arguments, last first
  NodeId head = id;
  while (pool.node(head).kind == ExprKind::kApp) {
    spine.push_back(pool.node(head).b);
    head = pool.node(head).a;
  }
  for (NodeId& arg : spine) arg = InlineAbstractions(pool, arg, abstractions);
  const Abstraction* used = nullptr;
  if (pool.node(head).kind == ExprKind::kPrim) {
    for (const Abstraction& a : abstractions) {
      if (pool.symbol(pool.node(head).a) == a.name && spine.size() >= static_cast<size_t>(a.arity)) used = &a;
    }
  }
  if (used != nullptr) {
    const std::vector<NodeId> args(spine.rbegin(), spine.rbegin() + used->arity);
    spine.resize(spine.size() - used->arity);
    head = Substitute(pool, used->body, args, 0);
  }
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) head = pool.App(head, *it);
  // A body may be a curried use of an earlier abstraction that the remaining arguments complete.
  return used != nullptr ? InlineAbstractions(pool, head, abstractions) : head;
}

int64_t CorpusCost(const ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks) {
  return SumOfCheapest(tasks, [&](NodeId root) { return pool.node(root).cost; });
}

CompressionResult Compress(Corpus& corpus, const CompressionOptions& options, const CompressionProgress& progress) {
  ExprPool& pool = corpus.pool;
  CompressionResult result;
  result.rewritten = corpus.tasks;
  result.original_cost = result.final_cost = CorpusCost(pool, result.rewritten);
  absl::flat_hash_map<std::string, std::string> inlined;
  for (int iteration = 0; iteration < options.iterations; ++iteration) {
    if (options.deadline.stopped()) {
      result.stop_reason = "interrupted";
      break;
    }
    AbstractionSearch search(pool, result.rewritten,
                             {options.max_arity, options.structure_penalty, options.allow_single_task});
    std::optional<FoundAbstraction> found = search.Run(options.deadline);
    if (search.timed_out()) {
      const char* why = options.deadline.stopped() ? "interrupted" : "the time budget ran out";
      result.stop_reason =
          found ? absl::StrCat(why, ": the last abstraction is the best found in time, not proven best") : std::string(why);
    } else if (!found) {
      result.stop_reason = "no abstraction shortens the corpus further";
    }
    if (!found) break;
    NumberArgumentsAsStitch(pool, *found);
    Abstraction learned;
    learned.name = absl::StrCat(options.prefix, options.first_index + iteration);
    learned.arity = found->arity;
    size_t at = 0;
    learned.body = BuildBody(pool, found->steps, at);
    learned.body_text = pool.Print(learned.body);
    learned.dreamcoder = DreamCoderForm(pool, learned.body, learned.arity, inlined);
    learned.utility = found->utility;
    learned.patterns_expanded = search.patterns_expanded();
    result.rewritten = Rewrite(pool, search, *found, learned.name, result.rewritten);
    const CorpusNodes after = ReachableNodes(pool, result.rewritten);
    learned.uses = after.occurrences[pool.Prim(learned.name)];
    learned.cost_after = CorpusCost(pool, result.rewritten);
    learned.compression_ratio = static_cast<double>(result.final_cost) / static_cast<double>(learned.cost_after);
    learned.cumulative_compression_ratio =
        static_cast<double>(result.original_cost) / static_cast<double>(learned.cost_after);
    result.final_cost = learned.cost_after;
    inlined.emplace(learned.name, learned.dreamcoder);
    if (progress) progress(learned, iteration);
    result.abstractions.push_back(std::move(learned));
    if (search.timed_out()) break;
  }
  if (result.stop_reason.empty()) result.stop_reason = "the iteration budget was reached";
  result.compression_ratio = static_cast<double>(result.original_cost) / static_cast<double>(result.final_cost);
  return result;
}

}  // namespace progsearch::library
