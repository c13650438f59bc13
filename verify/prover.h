// Prover: Z3 answers about programs, as a tri-state verdict. Equivalent(p, q) asks whether two programs
// agree on every input; Prove(task, program) whether a candidate satisfies a task's logical spec. A
// refutation carries a counterexample (one value per variable) that really tells the two sides apart;
// an unknown answer carries Z3's reason.
//
// Float programs are encoded as `float_encoding` says (verify/z3_encoder.h). The default, kFloat64, is the
// interpreter's arithmetic, so its counterexamples tell the programs apart when run; a kFloat32 or kReal
// verdict is about float32 or real arithmetic instead, and so are its counterexamples (a Real one comes
// back rounded to the nearest double). Bit-blasted Float64 queries can be slow: the limits below apply.
//
// Limits: Z3's own timeout is soft (it is checked only now and then), so every query also runs under a
// watchdog that interrupts the context at the deadline; an rlimit (Z3's deterministic work counter)
// makes answers reproducible in tests regardless of machine speed.
//
// One Z3 context per Prover: a Prover is not thread-safe. ThreadProver() gives each thread its own,
// created once and reused across queries.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/term.h"
#include "core/value.h"
#include "dsl/declaration.h"
#include "dsl/task.h"
#include "verify/z3_encoder.h"

namespace progsearch {

enum class Verdict { kProved, kRefuted, kUnknown };
const char* VerdictName(Verdict verdict);

enum class UnknownReason { kNone, kTimeout, kSolver };

struct ProofLimits {
  unsigned timeout_ms = 10000;  // wall clock, enforced by a watchdog
  uint64_t rlimit = 0;          // Z3 resource units; 0: none
};

struct ProofResult {
  Verdict verdict = Verdict::kUnknown;
  // kRefuted: one to max_counterexamples points, all different, each a value per variable in declaration
  // order (CEGIS learns faster from several points per round).
  std::vector<std::vector<Value>> counterexamples;
  // kUnknown: whether the time limit stopped Z3 (kTimeout: the watchdog, or Z3's own timer set to the
  // same limit) or Z3 gave up for another reason (kSolver: "canceled", "(resource limits reached)", ...),
  // and `reason`, the text: "timeout" or Z3's.
  UnknownReason unknown = UnknownReason::kNone;
  std::string reason;
  double seconds = 0;
};

class Prover {
 public:
  explicit Prover(ProofLimits limits = {});

  // Whether `p` and `q` (programs over `variables`, of one type) agree on every input. Errors:
  // Unimplemented for what Z3Encoder cannot encode, InvalidArgument for mismatched types.
  absl::StatusOr<ProofResult> Equivalent(const Term& p, const Term& q, const std::vector<Declaration>& variables,
                                         FloatEncoding float_encoding = FloatEncoding::kFloat64);

  // Whether every spec constraint and every example of `task` holds with `program` (over the
  // synth-fun's parameters) as the body of synth_funs[0], for all values of the declared variables.
  // The counterexample gives the declared variables' values.
  absl::StatusOr<ProofResult> Prove(const Task& task, const TermPtr& program, int max_counterexamples = 1,
                                    FloatEncoding float_encoding = FloatEncoding::kFloat64);
  // Prove for tasks with several synth-funs: `bodies` has one per synth-fun, in task order (examples
  // constrain the first).
  absl::StatusOr<ProofResult> ProveBodies(const Task& task, std::span<const TermPtr> bodies,
                                          int max_counterexamples = 1,
                                          FloatEncoding float_encoding = FloatEncoding::kFloat64);

  // Whether `formula` (Bool, over `variables`) holds for all values of them; the primitive both
  // queries above reduce to. Counterexample values are read by their sort (ValueFromZ3), so Float
  // variables of any encoding work.
  absl::StatusOr<ProofResult> Valid(const z3::expr& formula, const std::vector<z3::expr>& variables,
                                    const std::vector<Type>& types, int max_counterexamples = 1);

  z3::context& context() { return ctx_; }
  const ProofLimits& limits() const { return limits_; }
  void set_limits(const ProofLimits& limits) { limits_ = limits; }

 private:
  ProofLimits limits_;
  z3::context ctx_;
};

// The calling thread's Prover with `limits` set, created on the thread's first call and reused.
Prover& ThreadProver(const ProofLimits& limits = {});

// A solver of Z3's SMT core alone with a soft time limit, for the many small queries of CEGIS: it costs
// about 0.1 ms to create where the default solver, which sets up tactics for every logic, costs 4 ms.
z3::solver SimpleSolver(z3::context& ctx, unsigned timeout_ms);

// The context of the calling thread's Prover, for other Z3 work on that thread (the term cover, the
// CEGIS oracle): creating a context costs about 11 ms, more than most CLIA tasks take to solve. An
// interrupt from the Prover's watchdog does not outlive the query it stopped (Z3 resets it at the next
// check).
z3::context& ThreadZ3Context();

}  // namespace progsearch
