#include "apps/eval_command.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "apps/cli_common.h"
#include "core/str_cat.h"
#include "dsl/interpreter.h"
#include "formats/json_task.h"
#include "formats/program_reader.h"
#include "formats/sygus.h"

namespace progsearch::cli {
namespace {

std::string Clip(std::string s, size_t width) {
  if (s.size() <= width) return s;
  return s.substr(0, width - 3) + "...";
}

}  // namespace

void AddEvalCommand(CLI::App& app, EvalOptions& options) {
  CLI::App* cmd = app.add_subcommand("eval", "Evaluate a program on a task's examples, showing output vs expected");
  cmd->add_option("file", options.file, kTaskFileHelp)->required();
  cmd->add_option("-p,--program", options.program,
                  "Program as an s-expression over the synth-fun's parameters, e.g. '(str.++ name \" \")'")
      ->required();
  cmd->add_option("--max-string-length", options.max_string_length, "Longest string any node may produce")
      ->capture_default_str()
      ->check(AboveZero());
  cmd->add_option("--timeout", options.timeout_seconds, "Seconds before evaluation stops (0 or inf: no limit)")
      ->check(AtLeastZero());
  cmd->add_flag("-q,--quiet", options.quiet, "Print only the summary line");
}

int RunEval(const EvalOptions& options) {
  auto task = ReadTaskFile(options.file);
  if (!task.ok()) return ReportError(task.status());
  if (task->synth_funs.size() != 1) {
    return ReportError(absl::InvalidArgumentError(
        StrCat(options.file, ": eval needs exactly one synth-fun, the file has ", task->synth_funs.size())));
  }
  const SynthFun& f = task->synth_funs[0];
  ProgramReader reader(*task->registry, f.params, "<program>");
  auto program = reader.ReadText(options.program);
  if (!program.ok()) return ReportError(program.status());
  if ((*program)->type() != f.result) {
    return ReportError(absl::InvalidArgumentError(StrCat("<program>: has sort ", (*program)->type().ToString(),
                                                         " but '", f.name, "' returns ", f.result.ToString())));
  }
  if (task->examples.empty()) {
    std::cout << "The task has no examples (" << task->spec.size()
              << " logical constraints); checking a program against them needs the verifier.\n";
    return kExitFailed;
  }

  EvalLimits limits;
  limits.max_string_length = options.max_string_length;
  limits.deadline = Deadline::AfterSeconds(options.timeout_seconds);
  Interpreter interpreter(limits);
  std::vector<ValueColumn> inputs = task->InputColumns();
  ValueColumn expected = task->OutputColumn();
  auto got = interpreter.Evaluate(**program, inputs, task->examples.size());
  if (!got.ok()) {
    std::cout << "evaluation failed: " << got.status().message() << "\n";
    return kExitFailed;
  }

  size_t passed = 0;
  const size_t n = task->examples.size();
  std::vector<std::array<std::string, 3>> rows;
  for (size_t i = 0; i < n; ++i) {
    std::vector<std::string> ins;
    for (const Value& v : task->examples[i].inputs) ins.push_back(v.ToString());
    const Value want = expected.Get(i), have = got->Get(i);
    passed += want == have;
    rows.push_back({Clip(absl::StrJoin(ins, " "), 48), Clip(want.ToString(), 30), Clip(have.ToString(), 30)});
  }
  if (!options.quiet) {
    size_t w0 = 6, w1 = 8, w2 = 6;
    for (const auto& r : rows) {
      w0 = std::max(w0, r[0].size());
      w1 = std::max(w1, r[1].size());
      w2 = std::max(w2, r[2].size());
    }
    std::cout << "program: " << PrintTerm(**program) << "  (size " << (*program)->size() << ")\n";
    std::cout << absl::StrFormat("%4s  %-*s  %-*s  %-*s  %s\n", "#", w0, "inputs", w1, "expected", w2, "output", "ok");
    for (size_t i = 0; i < n; ++i) {
      const bool ok = expected.Get(i) == got->Get(i);
      std::cout << absl::StrFormat("%4d  %-*s  %-*s  %-*s  %s\n", i + 1, w0, rows[i][0], w1, rows[i][1], w2, rows[i][2],
                                   ok ? "yes" : "NO");
    }
  }
  std::cout << passed << "/" << n << " examples pass\n";
  return passed == n ? kExitOk : kExitFailed;
}

}  // namespace progsearch::cli
