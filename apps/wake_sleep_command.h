// `progsearch wake-sleep TASKS.json`: DreamCoder's loop on list tasks. Each wake searches every task
// with the current library; each sleep compresses the solutions into new abstractions. Prints JSON.
#pragma once

#include <string>

#include "CLI/CLI.hpp"
#include "formats/json_task.h"
#include "search/lambda/wake_sleep.h"

namespace progsearch::cli {

struct WakeSleepCommandOptions {
  std::string tasks;
  std::string library_in;   // start from this library
  std::string library_out;  // save the learned library here
  std::string out;          // JSON result; empty: standard output
  lambda::WakeSleepOptions run;
  int threads = 0;
  int limit_tasks = 0;  // 0: every task
  bool print_library = false;
  bool quiet = false;
};

void AddWakeSleepCommand(CLI::App& app, WakeSleepCommandOptions& options);
// 0 when done, 2 on bad input.
int RunWakeSleepCommand(const WakeSleepCommandOptions& options);

// `synth --library FILE TASKS.json`: every list task searched once with the library, `threads` tasks at
// once (0: every core); a line per task and a summary. 0 when all are solved, 1 otherwise, 2 on bad input.
int RunListTasks(const std::string& tasks_path, const std::string& library_path, double seconds, int max_cost,
                 int threads, bool quiet);

// `synth TASK.json` on a JSON task of domain "lists": the lambda search, with `library_path`'s
// abstractions when not empty; prints the program and how many held-out examples it fits. 0 solved,
// 1 not, 2 bad input.
int RunJsonListTask(const std::string& path, const ExampleTaskSpec& spec, const std::string& library_path,
                    double seconds, int max_cost, bool quiet);

}  // namespace progsearch::cli
