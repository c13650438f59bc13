// What `progsearch report` makes of batch records: a summary per config (per source, when several
// output folders, or results imported from CSV, are compared side by side).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/batch.pb.h"

namespace progsearch::batch {

// The records of one output folder, or rows of a CSV file, under a label.
struct ResultSource {
  std::string label;
  std::vector<proto::BatchRecord> records;
};

struct ConfigSummary {
  std::string source;
  std::string config;
  int jobs = 0;
  int solved = 0;
  int timed_out = 0;
  int failed = 0;                    // exit codes 2 and 3 (and signals other than the time limit)
  std::vector<double> solved_times;  // ascending: the cactus plot's curve
  double solved_seconds = 0;         // their sum
  double median_seconds = 0;         // of the solved jobs
  uint64_t candidates = 0;           // summed over the jobs whose output reports it (synth --json)
  int with_candidates = 0;           // jobs that reported it
};

// One summary per (source, config), in the sources' order and then by config name.
std::vector<ConfigSummary> Summarize(const std::vector<ResultSource>& sources);

// Another solver's results as records: a CSV file with a header naming at least the columns task,
// config, solved (1/0, true/false, yes/no) and seconds. Errors name the file and line.
absl::StatusOr<std::vector<proto::BatchRecord>> ReadResultsCsv(const std::string& path);

// The summaries as a Markdown table, and as JSON (an array of objects).
std::string SummaryTable(const std::vector<ConfigSummary>& summaries);
std::string SummaryJson(const std::vector<ConfigSummary>& summaries);

}  // namespace progsearch::batch
