// `progsearch report OUTDIR... [--csv FILE]...`: merges batch records (every shard's) into a summary
// per config, a JSON file and an SVG cactus plot; several folders, or another solver's CSV, side by side.
#pragma once

#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace progsearch::cli {

struct ReportOptions {
  std::vector<std::string> outdirs;  // batch output folders
  std::vector<std::string> csvs;     // other results: task,config,solved,seconds
  std::string json;                  // write the summary as JSON here
  std::string svg;                   // write the cactus plot here
};

void AddReportCommand(CLI::App& app, ReportOptions& options);
// 0, or 2 when a folder holds no records or a CSV file is malformed.
int RunReport(const ReportOptions& options);

}  // namespace progsearch::cli
