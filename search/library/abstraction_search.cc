#include "search/library/abstraction_search.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "search/parallel_for.h"

namespace progsearch::library {

namespace {

constexpr int64_t kMaxOccurrences = int64_t{1} << 62;
constexpr int32_t kNoTask = -2;
constexpr int32_t kManyTasks = -1;

// Calls `visit` on each child of `node` (none for a leaf).
template <typename Visit>
void ForEachChild(const ExprNode& node, Visit visit) {
  if (node.kind == ExprKind::kApp) {
    visit(node.a);
    visit(node.b);
  } else if (node.kind == ExprKind::kLam) {
    visit(node.a);
  }
}

// Per node, the one task whose programs contain it, kManyTasks when several do (kNoTask: unreachable).
std::vector<int32_t> TaskOfNodes(const ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks) {
  std::vector<int32_t> task_of(pool.size(), kNoTask);
  std::vector<NodeId> stack;
  for (size_t t = 0; t < tasks.size(); ++t) {
    const auto task = static_cast<int32_t>(t);
    stack.assign(tasks[t].begin(), tasks[t].end());
    while (!stack.empty()) {
      const NodeId n = stack.back();
      stack.pop_back();
      // A node is visited once per state it passes through (no task, one task, many), so at most twice.
      if (task_of[n] == task || task_of[n] == kManyTasks) continue;
      task_of[n] = task_of[n] == kNoTask ? task : kManyTasks;
      ForEachChild(pool.node(n), [&](NodeId child) { stack.push_back(child); });
    }
  }
  return task_of;
}

// Bits of the variables a pattern's lambdas bind at `depth`: an argument may not use them.
uint64_t BoundBelow(int depth) { return depth >= 64 ? ~uint64_t{0} : (uint64_t{1} << depth) - 1; }

// Between two abstractions of equal utility, whether `a`'s body wins: read in preorder, at the first
// step where they differ, the one with the node higher in ExprKind's order (an application before a
// lambda, an argument, a variable or a leaf; a leaf by its symbol's number). A rule on the abstractions
// themselves, not on the order the search met them, so the answer does not depend on that order; it
// prefers bodies that keep structure where the other takes a leaf, which on bridge is what later
// iterations build on (4.54x, against 4.44x when the first one found won).
bool WinsTie(const std::vector<PatternStep>& a, const std::vector<PatternStep>& b) {
  auto key = [](const PatternStep& s) { return std::make_pair(static_cast<int>(s.kind), s.value); };
  return std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end(),
                                      [&](const PatternStep& x, const PatternStep& y) { return key(x) < key(y); });
}

}  // namespace

CorpusNodes ReachableNodes(const ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks) {
  CorpusNodes out;
  out.occurrences.assign(pool.size(), 0);
  std::vector<uint8_t> seen(pool.size(), 0);
  std::vector<NodeId> stack;
  for (const auto& task : tasks) {
    for (NodeId root : task) {
      out.occurrences[root] = std::min(kMaxOccurrences, out.occurrences[root] + 1);
      stack.push_back(root);
    }
  }
  while (!stack.empty()) {
    const NodeId n = stack.back();
    stack.pop_back();
    if (seen[n]) continue;
    seen[n] = 1;
    out.order.push_back(n);
    ForEachChild(pool.node(n), [&](NodeId child) { stack.push_back(child); });
  }
  std::sort(out.order.begin(), out.order.end());
  // Parents have larger ids than children: hand each node's count down, largest id first.
  for (auto it = out.order.rbegin(); it != out.order.rend(); ++it) {
    const int64_t w = out.occurrences[*it];
    ForEachChild(pool.node(*it),
                 [&](NodeId child) { out.occurrences[child] = std::min(kMaxOccurrences, out.occurrences[child] + w); });
  }
  return out;
}

// A partial abstraction and the corpus nodes it matches. Per location, the sub-trees under its open
// holes (in the order of `hole_depths`, the next hole last) and under its arguments.
struct AbstractionSearch::Pattern {
  std::vector<PatternStep> steps;
  std::vector<int> hole_depths;
  int arity = 0;
  std::vector<int> ivar_depth;
  int64_t body_cost = 0;
  std::vector<NodeId> locations;
  std::vector<NodeId> holes;     // locations.size() x hole_depths.size()
  std::vector<NodeId> args;      // locations.size() x arity, shifted out of the body's lambdas
  std::vector<NodeId> args_raw;  // the same sub-trees as they stand in the corpus
  double bound = 0;              // the utility no refinement of this pattern can exceed
  int64_t uses = 0;              // occurrences of its locations in the corpus
};

AbstractionSearch::AbstractionSearch(ExprPool& pool, const std::vector<std::vector<NodeId>>& tasks,
                                     const SearchSettings& settings)
    : pool_(pool),
      tasks_(tasks),
      max_arity_(settings.max_arity),
      penalty_(settings.structure_penalty),
      allow_single_task_(settings.allow_single_task) {
  nodes_ = ReachableNodes(pool_, tasks_);
  PrepareShifts();
  if (!allow_single_task_) task_of_ = TaskOfNodes(pool_, tasks_);
  location_of_.assign(pool_.size(), -1);
  std::vector<int64_t> cost;
  FoundAbstraction none;
  baseline_cost_ = RewrittenCost(none, cost, nullptr);
}

int64_t AbstractionSearch::RewrittenCost(const FoundAbstraction& a, std::vector<int64_t>& cost,
                                         std::vector<uint8_t>* use) const {
  const CostModel& c = pool_.costs();
  cost.resize(location_of_.size());
  if (use != nullptr) use->assign(location_of_.size(), 0);
  for (size_t i = 0; i < a.locations.size(); ++i) location_of_[a.locations[i]] = static_cast<int32_t>(i);
  for (NodeId n : nodes_.order) {
    const ExprNode& node = pool_.node(n);
    int64_t own = node.cost;
    if (node.kind == ExprKind::kApp) own = c.app + cost[node.a] + cost[node.b];
    if (node.kind == ExprKind::kLam) own = c.lam + cost[node.a];
    if (const int32_t at = location_of_[n]; at >= 0) {
      int64_t with_use = c.prim + a.arity * c.app;
      for (int k = 0; k < a.arity; ++k) with_use += cost[a.args[static_cast<size_t>(at) * a.arity + k]];
      if (with_use < own) {
        own = with_use;
        if (use != nullptr) (*use)[n] = 1;
      }
    }
    cost[n] = own;
  }
  for (NodeId n : a.locations) location_of_[n] = -1;
  return SumOfCheapest(tasks_, [&](NodeId root) { return cost[root]; });
}

void AbstractionSearch::Score(const Pattern& p) {
  FoundAbstraction a;
  a.arity = p.arity;
  a.locations = p.locations;
  a.args = p.args_raw;
  std::vector<int64_t> cost;
  const double utility =
      static_cast<double>(baseline_cost_ - RewrittenCost(a, cost, nullptr)) - penalty_ * static_cast<double>(p.body_cost);
  if (utility <= 0 || (best_ && utility < best_->utility)) return;
  if (best_ && utility == best_->utility && !WinsTie(p.steps, best_->steps)) return;
  a.steps = p.steps;
  a.ivar_depth = p.ivar_depth;
  a.body_cost = p.body_cost;
  a.utility = utility;
  best_ = std::move(a);
}

void AbstractionSearch::PrepareShifts() {
  // Expand passes a sub-tree at lambda depth d as an argument only when its free variables are all $d or
  // above, so the shifts down by 1 .. (its lowest free variable) are all it can ask for.
  for (NodeId n : nodes_.order) {
    const uint64_t free_vars = pool_.node(n).free_vars;
    if (free_vars == 0) continue;
    const int lowest = std::countr_zero(free_vars);
    for (int d = 1; d <= lowest; ++d) pool_.Shift(n, -d);
  }
}

double AbstractionSearch::Bar() const { return best_ ? best_->utility : -std::numeric_limits<double>::infinity(); }

void AbstractionSearch::Expand(const Pattern& p, double bar, std::vector<Pattern>& children) const {
  const CostModel& c = pool_.costs();
  const size_t h_count = p.hole_depths.size();
  const int depth = p.hole_depths.back();
  // Children by what fills the hole: a concrete node kind (with its symbol or index), or an argument.
  // Keys: (0, kind, value) concrete; (1, k) reuse argument k; (2, 0) a new argument.
  std::map<std::tuple<int, int, int32_t>, std::vector<uint32_t>> groups;
  std::vector<NodeId> shifted(p.locations.size(), -1);
  for (uint32_t i = 0; i < p.locations.size(); ++i) {
    const NodeId n = p.holes[i * h_count + h_count - 1];
    const ExprNode& node = pool_.node(n);
    switch (node.kind) {
      case ExprKind::kApp:
        groups[{0, static_cast<int>(node.kind), 0}].push_back(i);
        break;
      case ExprKind::kLam:  // keyed by its tag
        groups[{0, static_cast<int>(node.kind), node.b}].push_back(i);
        break;
      case ExprKind::kPrim:
        groups[{0, static_cast<int>(node.kind), node.a}].push_back(i);
        break;
      case ExprKind::kVar:
        // A variable bound outside the abstraction can only be passed in as an argument.
        if (node.a < depth) groups[{0, static_cast<int>(node.kind), node.a}].push_back(i);
        break;
      case ExprKind::kIVar:
        break;
    }
    if ((node.free_vars & BoundBelow(depth)) != 0) continue;
    shifted[i] = pool_.KnownShift(n, -depth);
    for (int k = 0; k < p.arity; ++k) {
      if (p.args[static_cast<size_t>(i) * p.arity + k] == shifted[i]) groups[{1, k, 0}].push_back(i);
    }
    if (p.arity < max_arity_) groups[{2, 0, 0}].push_back(i);
  }
  for (const auto& [key, members] : groups) {
    const auto [group, kind_or_k, value] = key;
    // An abstraction used once never pays for its body (Stitch's multi-use rule).
    int64_t uses = 0;
    for (uint32_t i : members) uses += nodes_.occurrences[p.locations[i]];
    if (uses < 2) continue;
    if (!allow_single_task_ && InOneTask(p, members)) continue;
    Pattern child;
    child.steps = p.steps;
    child.hole_depths.assign(p.hole_depths.begin(), p.hole_depths.end() - 1);
    child.arity = p.arity;
    child.ivar_depth = p.ivar_depth;
    child.body_cost = p.body_cost;
    const auto kind = static_cast<ExprKind>(kind_or_k);
    int opened = 0;
    if (group == 0) {
      child.steps.push_back({kind, value});
      if (kind == ExprKind::kApp) {
        child.hole_depths.push_back(depth);  // the argument, after the function
        child.hole_depths.push_back(depth);
        child.body_cost += c.app;
        opened = 2;
      } else if (kind == ExprKind::kLam) {
        child.hole_depths.push_back(depth + 1);
        child.body_cost += c.lam;
        opened = 1;
      } else {
        child.body_cost += pool_.node(p.holes[members[0] * h_count + h_count - 1]).cost;
      }
    } else {
      const int k = group == 1 ? kind_or_k : p.arity;
      child.steps.push_back({ExprKind::kIVar, k});
      if (group == 2) {
        ++child.arity;
        child.ivar_depth.push_back(depth);
      }
    }
    const size_t new_h = child.hole_depths.size();
    child.locations.reserve(members.size());
    child.holes.reserve(members.size() * new_h);
    child.args.reserve(members.size() * child.arity);
    child.args_raw.reserve(members.size() * child.arity);
    double bound = -penalty_ * static_cast<double>(child.body_cost);
    for (uint32_t i : members) {
      const NodeId loc = p.locations[i];
      const NodeId n = p.holes[i * h_count + h_count - 1];
      child.locations.push_back(loc);
      child.holes.insert(child.holes.end(), p.holes.begin() + i * h_count, p.holes.begin() + i * h_count + h_count - 1);
      const ExprNode& node = pool_.node(n);
      if (opened == 2) {
        child.holes.push_back(node.b);
        child.holes.push_back(node.a);
      } else if (opened == 1) {
        child.holes.push_back(node.a);
      }
      const size_t row = static_cast<size_t>(i) * p.arity;
      child.args.insert(child.args.end(), p.args.begin() + row, p.args.begin() + row + p.arity);
      child.args_raw.insert(child.args_raw.end(), p.args_raw.begin() + row, p.args_raw.begin() + row + p.arity);
      if (group == 2) {
        child.args.push_back(shifted[i]);
        child.args_raw.push_back(n);
      }
      // At best every location is used, the arguments passed as they are.
      int64_t saving = pool_.node(loc).cost - c.prim - child.arity * c.app;
      for (int k = 0; k < child.arity; ++k) saving -= pool_.node(child.args_raw[child.args_raw.size() - child.arity + k]).cost;
      if (saving > 0) bound += static_cast<double>(saving) * static_cast<double>(nodes_.occurrences[loc]);
    }
    child.bound = bound;
    child.uses = uses;
    if (child.bound < bar) continue;  // equal may still tie the best
    if (child.bound <= 0) continue;
    if (Dominated(child)) continue;
    children.push_back(std::move(child));
  }
}

bool AbstractionSearch::InOneTask(const Pattern& p, const std::vector<uint32_t>& members) const {
  const int32_t task = task_of_[p.locations[members[0]]];
  if (task < 0) return false;
  for (uint32_t i : members) {
    if (task_of_[p.locations[i]] != task) return false;
  }
  return true;
}

bool AbstractionSearch::Dominated(const Pattern& p) const {
  const size_t rows = p.locations.size();
  const size_t arity = static_cast<size_t>(p.arity);
  auto same_in_every_row = [&](size_t j, size_t k) {
    for (size_t r = 1; r < rows; ++r) {
      if (p.args[r * arity + j] != p.args[r * arity + k]) return false;
    }
    return true;
  };
  for (size_t k = 0; k < arity; ++k) {
    // Argument capture: the same sub-tree in every row, and closed, so the body may hold it instead.
    bool constant = pool_.node(p.args[k]).free_vars == 0;
    for (size_t r = 1; r < rows && constant; ++r) constant = p.args[r * arity + k] == p.args[k];
    if (constant) return true;
    for (size_t j = 0; j < k; ++j) {
      if (p.args[j] == p.args[k] && same_in_every_row(j, k)) return true;
    }
  }
  return false;
}

void AbstractionSearch::SeedWithRepeatedSubtrees() {
  // Repeated closed sub-trees are abstractions of arity 0; the best of them, scored exactly, give the
  // search a bar to clear from its start, so that branches below it are cut from the first expansion.
  constexpr size_t kSeeds = 8;
  const CostModel& c = pool_.costs();
  std::vector<std::pair<double, NodeId>> estimates;
  for (NodeId n : nodes_.order) {
    const ExprNode& node = pool_.node(n);
    if (node.free_vars != 0 || nodes_.occurrences[n] < 2) continue;
    if (!allow_single_task_ && task_of_[n] >= 0) continue;
    if (node.kind != ExprKind::kApp && node.kind != ExprKind::kLam) continue;
    const double estimate = static_cast<double>(nodes_.occurrences[n]) * static_cast<double>(node.cost - c.prim) -
                            penalty_ * static_cast<double>(node.cost);
    if (estimate > 0) estimates.emplace_back(estimate, n);
  }
  const size_t keep = std::min(kSeeds, estimates.size());
  std::partial_sort(estimates.begin(), estimates.begin() + keep, estimates.end(), std::greater<>());
  for (size_t i = 0; i < keep; ++i) {
    const NodeId n = estimates[i].second;
    Pattern p;
    p.steps = StepsOf(n);
    p.body_cost = pool_.node(n).cost;
    p.locations = {n};
    Score(p);
  }
}

std::vector<PatternStep> AbstractionSearch::StepsOf(NodeId n) const {
  std::vector<PatternStep> steps;
  std::vector<NodeId> stack = {n};
  while (!stack.empty()) {
    const ExprNode& node = pool_.node(stack.back());
    stack.pop_back();
    switch (node.kind) {
      case ExprKind::kApp:
        steps.push_back({ExprKind::kApp, 0});
        stack.push_back(node.b);
        stack.push_back(node.a);
        break;
      case ExprKind::kLam:
        steps.push_back({ExprKind::kLam, node.b});
        stack.push_back(node.a);
        break;
      default:
        steps.push_back({node.kind, node.a});
        break;
    }
  }
  return steps;
}

std::optional<FoundAbstraction> AbstractionSearch::Run(const Deadline& deadline) {
  SeedWithRepeatedSubtrees();
  Pattern root;
  root.hole_depths = {0};
  for (NodeId n : nodes_.order) {
    const ExprKind kind = pool_.node(n).kind;
    if (kind != ExprKind::kApp && kind != ExprKind::kLam) continue;
    root.locations.push_back(n);
    root.holes.push_back(n);
  }
  root.bound = std::numeric_limits<double>::infinity();
  // Best first: the pattern of highest bound is refined next, so every pattern refined has a bound above
  // the best abstraction's utility (a depth-first order also refines those between the best found so
  // far and the best, which on the CAD corpora were millions). Ties go to the pattern made first.
  auto later = [](const std::pair<double, int64_t>& a, const std::pair<double, int64_t>& b) {
    return a.first < b.first || (a.first == b.first && a.second > b.second);
  };
  std::vector<std::pair<double, int64_t>> heap;  // (bound, slot)
  std::vector<Pattern> slots;
  std::vector<int64_t> free_slots;
  size_t stored_bytes = 0;
  auto bytes_of = [](const Pattern& p) {
    return sizeof(Pattern) + sizeof(NodeId) * (p.locations.size() + p.holes.size() + p.args.size() + p.args_raw.size()) +
           sizeof(PatternStep) * p.steps.size();
  };
  auto push = [&](Pattern&& p) {
    stored_bytes += bytes_of(p);
    int64_t slot;
    if (free_slots.empty()) {
      slot = static_cast<int64_t>(slots.size());
      slots.push_back(std::move(p));
    } else {
      slot = free_slots.back();
      free_slots.pop_back();
      slots[slot] = std::move(p);
    }
    heap.emplace_back(slots[slot].bound, slot);
    std::push_heap(heap.begin(), heap.end(), later);
  };
  push(std::move(root));
  auto pop = [&] {
    std::pop_heap(heap.begin(), heap.end(), later);
    const int64_t slot = heap.back().second;
    heap.pop_back();
    Pattern p = std::move(slots[slot]);
    slots[slot] = Pattern();
    free_slots.push_back(slot);
    stored_bytes -= bytes_of(p);
    return p;
  };
  // The patterns of highest bound are refined together, in parallel. A fixed batch size keeps the order
  // of refinements, and so the answer among equal utilities, the same for any number of threads.
  constexpr size_t kBatch = 32;
  std::vector<Pattern> batch;
  std::vector<std::vector<Pattern>> offspring(kBatch);
  while (!heap.empty() && !timed_out_) {
    batch.clear();
    while (!heap.empty() && batch.size() < kBatch) {
      Pattern p = pop();
      // The best first order means no pattern left can beat (or tie) the best abstraction once this one
      // cannot.
      if (best_ && p.bound < best_->utility) {
        heap.clear();
        break;
      }
      if (ShouldRefine(p, deadline)) batch.push_back(std::move(p));
      if (timed_out_) return best_;
    }
    if (stored_bytes > max_stored_bytes_) {
      // The waiting patterns fill the memory budget (a best-first frontier on the bridge corpus outgrew
      // 4 GB): finish these branches depth first instead, one after another.
      for (Pattern& p : batch) {
        if (!ExploreDepthFirst(std::move(p), deadline)) return best_;
      }
      continue;
    }
    const double bar = Bar();
    ParallelFor(0, batch.size(), [&](size_t i) {
      offspring[i].clear();
      Expand(batch[i], bar, offspring[i]);
    });
    for (size_t i = 0; i < batch.size(); ++i) {
      for (Pattern& child : offspring[i]) push(std::move(child));
    }
  }
  return best_;
}

bool AbstractionSearch::ShouldRefine(const Pattern& p, const Deadline& deadline) {
  if (best_ && p.bound < best_->utility) return false;
  if (p.hole_depths.empty()) {
    Score(p);
    return false;
  }
  if (++expanded_ % 1024 == 0 && deadline.expired()) {
    timed_out_ = true;
    return false;
  }
  return true;
}

bool AbstractionSearch::ExploreDepthFirst(Pattern start, const Deadline& deadline) {
  std::vector<Pattern> stack;
  std::vector<Pattern> children;
  Expand(start, Bar(), children);  // `start` passed ShouldRefine already
  for (;;) {
    // The child to refine first goes last.
    std::stable_sort(children.begin(), children.end(),
                     [](const Pattern& a, const Pattern& b) { return a.bound < b.bound; });
    for (Pattern& child : children) stack.push_back(std::move(child));
    children.clear();
    Pattern p;
    do {
      if (stack.empty()) return true;
      p = std::move(stack.back());
      stack.pop_back();
      if (timed_out_) return false;
    } while (!ShouldRefine(p, deadline));
    Expand(p, Bar(), children);
  }
}

}  // namespace progsearch::library
