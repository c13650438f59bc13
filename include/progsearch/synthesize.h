// progsearch public API: synthesis of programs from examples or a SyGuS file, as `progsearch synth` does
// it: bottom-up enumeration deduplicated by the functional hash for examples, CEGIS with Z3 proofs for
// logical specs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "progsearch/export.h"
#include "progsearch/program.h"
#include "progsearch/value.h"

namespace progsearch {

// Where a bottom-up search stands, for a progress display.
struct SynthesisProgress {
  uint64_t candidates = 0;       // programs evaluated
  uint64_t distinct_values = 0;  // programs kept: one per behaviour on the examples
  int cost = 0;                  // the program size being enumerated
  double seconds = 0;
};

struct SynthesisOptions {
  double timeout_seconds = 10;  // 0 or infinity: none
  int threads = 0;              // 0: every core; the answer does not depend on it
  uint64_t max_candidates = 0;  // 0: none
  // The neural guide of bottom-up search (docs/guide.md): "auto" (on where a bundled model serves the
  // task's domain), "off", "cpu" or "gpu"; `guide_model` names a model file instead of the bundled one.
  std::string guide = "auto";
  std::string guide_model;
  // After a guided answer, an unguided search for a smaller program may spend this many times the guided
  // search's candidates, and at least smaller_answer_min_candidates, within timeout_seconds and
  // max_candidates (which count it); 0: none.
  double smaller_answer_budget = 1;
  uint64_t smaller_answer_min_candidates = 2000000;
  // Called about twice a second on the calling thread while the task is searched (the search itself runs
  // on a thread of its own); return false to end the search: status "interrupted". For tasks with a
  // logical spec only `seconds` moves.
  std::function<bool(const SynthesisProgress&)> progress;
};

struct SynthesisResult {
  bool solved = false;
  std::string status;              // "solved", "timeout", "exhausted", "candidates", "memory", "interrupted"
  std::string solution;            // SyGuS define-funs
  std::vector<Program> programs;   // one per function to synthesize, when solved
  std::string checked;             // "examples" (bottom-up) or "proved" (CEGIS, by Z3)
  std::string method;              // the CEGIS technique, for spec tasks
  double seconds = 0;
  uint64_t candidates = 0;
  uint32_t test_passed = 0, test_total = 0;  // held-out examples, where the task has them
  int size = 0;         // nodes of the answer (summed over the functions), when solved
  // When a guided answer was followed by the search for a smaller one: the guided answer's size (`size`
  // is the final answer's, smaller or the same); 0 otherwise.
  int guided_size = 0;
  std::string guide;               // what guided the search: "off: ...", or where it scored and its model
};

// A SyGuS-IF file (.sl) or a JSON task file (.json or a first non-blank '{', docs/tasks-json.md). Throws
// Error for a file that cannot be read (a folder among them) or a task the searches cannot take
// (contradictory examples among them), with the file's line and column where they apply.
PROGSEARCH_API SynthesisResult SynthesizeFile(const std::string& path, const SynthesisOptions& options = {});
// The same for SyGuS-IF text.
PROGSEARCH_API SynthesisResult SynthesizeSygus(const std::string& text, const SynthesisOptions& options = {});

// One input/output example.
struct IOExample {
  std::vector<Scalar> inputs;
  Scalar output;
};

// A task given by its examples: inputs (String, Int or Bool), the output's kind, training examples,
// held-out test examples (reported, never searched on), and a domain: "strings" (SMT-LIB string
// operators) or "spreadsheet" (BUSTLE's spreadsheet functions). Constants: String or Int values the
// grammar offers besides the usual ones and those the examples suggest.
struct ExampleTask {
  std::vector<std::pair<std::string, ValueKind>> inputs;
  ValueKind output = ValueKind::kString;
  std::vector<IOExample> train, test;
  std::string domain = "strings";
  std::vector<Scalar> constants;
};
PROGSEARCH_API SynthesisResult SynthesizeExamples(const ExampleTask& task, const SynthesisOptions& options = {});

}  // namespace progsearch
