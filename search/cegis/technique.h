// CEGIS techniques: one interface for the ways progsearch solves a task with a logical spec, tried in
// order. Each says whether it can take a task (from the spec's shape, cheaply) and runs it; the first
// that answers ends the run, unless it passes the task on (the term cover, a heuristic, does when it
// finds no proved program). A library user adds a technique by implementing the interface and listing
// it in a CegisRunner.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "search/cegis/cegis.h"
#include "search/cegis/rounds.h"
#include "search/cegis/spec_elimination.h"

namespace progsearch {

// The spec's shape, computed once for every technique that asks.
class CegisProblem {
 public:
  // Errors: no synth-fun, no spec, or a single synth-fun the spec never applies.
  static absl::StatusOr<CegisProblem> Analyze(const Task& task);

  const Task& task() const { return *task_; }
  // One synth-fun applied to the same arguments everywhere in the spec.
  bool single_invocation() const { return single_invocation_; }
  // Single-invocation specs: that one application. Otherwise the first application, or null for
  // several synth-funs.
  const TermPtr& call() const { return call_; }
  // Definitions of synth-funs through others (spec_elimination.h), found on first use.
  const Elimination& elimination() const;

 private:
  explicit CegisProblem(const Task& task) : task_(&task) {}
  const Task* task_;
  bool single_invocation_ = false;
  TermPtr call_;
  mutable std::optional<Elimination> elimination_;
};

class CegisRunner;

class CegisTechnique {
 public:
  enum class Outcome {
    kFinal,   // the run ends with `result` (solved, or stopped for the reason it gives)
    kPassOn,  // no answer: the next technique that can take the task runs (with what is left of the budget)
  };

  virtual ~CegisTechnique() = default;
  virtual CegisMethod method() const = 0;
  // Whether the technique applies to the problem's shape.
  virtual bool CanTake(const CegisProblem& problem, const CegisConfig& config) const = 0;
  // Runs within the budget that began at `start`. `result` holds what techniques before it spent
  // (rounds, prover time) and receives its answer; a technique that passes on leaves in `pass_note` why.
  // `runner` solves sub-problems (the definitions technique solves what elimination leaves).
  virtual absl::StatusOr<Outcome> Run(const CegisProblem& problem, const CegisConfig& config,
                                      CegisClock::time_point start, const CegisRunner& runner, CegisResult& result,
                                      std::string& pass_note) const = 0;
};

// The built-in techniques, in the order they are tried.
std::unique_ptr<CegisTechnique> MakeDefinitionsTechnique();  // several synth-funs, or one defined by the spec
std::unique_ptr<CegisTechnique> MakeTermCoverTechnique();    // single-invocation, grammar-free
std::unique_ptr<CegisTechnique> MakeOracleEnumeration();     // single-invocation
std::unique_ptr<CegisTechnique> MakeWholeSpecEnumeration();  // one synth-fun applied to several argument lists
std::vector<std::unique_ptr<CegisTechnique>> DefaultTechniques();

// Tries techniques in order; every answer is proved by Z3 before it is returned.
class CegisRunner {
 public:
  // The default techniques.
  CegisRunner();
  explicit CegisRunner(std::vector<std::unique_ptr<CegisTechnique>> techniques);

  // Errors: what CegisProblem::Analyze refuses, no technique that can take the task, and the errors of
  // the technique that ran.
  absl::StatusOr<CegisResult> Run(const Task& task, const CegisConfig& config) const;

  // Once `*interrupt` is true, the run ends at the next check (StopReason::kInterrupted): between rounds,
  // and inside the bottom-up searches and the term cover. Not owned; outlives the runs.
  void set_interrupt(const std::atomic<bool>* interrupt) { interrupt_ = interrupt; }
  const std::atomic<bool>* interrupt() const { return interrupt_; }
  // Hooks for a bottom-up search of a technique: the runner's interrupt.
  BottomUpHooks SearchHooks() const {
    BottomUpHooks hooks;
    hooks.interrupt = interrupt_;
    return hooks;
  }

 private:
  std::vector<std::unique_ptr<CegisTechnique>> techniques_;
  const std::atomic<bool>* interrupt_ = nullptr;
};

}  // namespace progsearch
