#include "apps/report_command.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_format.h"
#include "apps/cli_common.h"
#include "apps/svg_panel.h"
#include "batch/record_store.h"
#include "batch/report.h"
#include "core/atomic_file.h"
#include "core/str_cat.h"

namespace progsearch::cli {
namespace {

constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

// Tasks solved against the time each took, fastest first, on a log time axis: a curve further right
// solves more, and lower solves faster.
std::string CactusPlot(const std::vector<batch::ConfigSummary>& summaries) {
  double lo = 1e300, hi = 0;
  size_t most = 1;
  for (const auto& s : summaries) {
    for (double t : s.solved_times) {
      lo = std::min(lo, std::max(t, 1e-3));
      hi = std::max(hi, std::max(t, 1e-3));
    }
    most = std::max(most, s.solved_times.size());
  }
  if (hi <= 0) lo = hi = 1;
  const double lo_y = std::floor(std::log10(lo)), hi_y = std::max(lo_y + 1, std::ceil(std::log10(hi)));
  const Panel panel{70, 40, 560, 360, 0, static_cast<double>(most), lo_y, hi_y};
  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="820" height="460" font-family="sans-serif">)" "\n";
  svg += Frame(panel, "Tasks solved against time per task", "tasks solved",
               absl::StrFormat("%gs", std::pow(10.0, lo_y)), absl::StrFormat("%gs", std::pow(10.0, hi_y)));
  for (size_t i = 0; i < summaries.size(); ++i) {
    const auto& s = summaries[i];
    std::vector<std::pair<double, double>> points;
    for (size_t k = 0; k < s.solved_times.size(); ++k) {
      points.emplace_back(static_cast<double>(k + 1), std::log10(std::max(s.solved_times[k], 1e-3)));
    }
    const char* color = kColors[i % std::size(kColors)];
    svg += Polyline(panel, points, color, i < std::size(kColors) ? "none" : "4,3");
    svg += absl::StrFormat(R"(<text x="645" y="%d" font-size="11" fill="%s">%s %s: %d/%d</text>)" "\n", 55 + 16 * static_cast<int>(i),
                           color, SvgEscape(s.source), SvgEscape(s.config), s.solved, s.jobs);
  }
  return svg + "</svg>\n";
}

// A label per folder: its name, numbered when two folders share one.
std::string LabelFor(const std::string& path, const std::vector<batch::ResultSource>& taken) {
  std::string label = std::filesystem::path(path).filename().string();
  if (label.empty()) label = std::filesystem::path(path).parent_path().filename().string();
  const std::string base = label;
  for (int n = 2; std::any_of(taken.begin(), taken.end(), [&](const auto& s) { return s.label == label; }); ++n) {
    label = StrCat(base, "-", n);
  }
  return label;
}

}  // namespace

void AddReportCommand(CLI::App& app, ReportOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "report", "Summarize batch output folders (every shard's records): a table per config, JSON, a cactus plot");
  cmd->add_option("outdirs", options.outdirs, "Output folders of progsearch batch, side by side");
  cmd->add_option("--csv", options.csvs,
                  "Another solver's results to compare: CSV with the columns task,config,solved,seconds");
  cmd->add_option("--json", options.json, "Write the summary as JSON to this file (atomically)");
  cmd->add_option("--svg", options.svg, "Write the cactus plot (tasks solved against time) to this SVG file");
}

int RunReport(const ReportOptions& options) {
  if (absl::Status s = CheckOutputPaths({{"--json", options.json}, {"--svg", options.svg}}); !s.ok()) return ReportError(s);
  std::vector<batch::ResultSource> sources;
  for (const std::string& dir : options.outdirs) {
    batch::ResultSource source;
    source.label = LabelFor(dir, sources);
    source.records = batch::RecordStore(dir).ReadAll();
    if (source.records.empty()) return ReportError(absl::NotFoundError(StrCat(dir, ": no batch records under records/")));
    sources.push_back(std::move(source));
  }
  for (const std::string& csv : options.csvs) {
    auto records = batch::ReadResultsCsv(csv);
    if (!records.ok()) return ReportError(records.status());
    sources.push_back({std::filesystem::path(csv).stem().string(), std::move(*records)});
  }
  if (sources.empty()) return ReportError(absl::InvalidArgumentError("report: give at least one output folder or --csv file"));
  const std::vector<batch::ConfigSummary> summaries = batch::Summarize(sources);
  std::cout << batch::SummaryTable(summaries);
  if (!options.json.empty()) {
    if (auto status = WriteFileAtomically(options.json, batch::SummaryJson(summaries)); !status.ok()) return ReportError(status);
  }
  if (!options.svg.empty()) {
    if (auto status = WriteFileAtomically(options.svg, CactusPlot(summaries)); !status.ok()) return ReportError(status);
  }
  return kExitOk;
}

}  // namespace progsearch::cli
