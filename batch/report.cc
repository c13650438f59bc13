#include "batch/report.h"

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/json_string.h"
#include "core/str_cat.h"
#include "core/read_file.h"

namespace progsearch::batch {
namespace {

// synth --json prints proto SynthResult, whose uint64 `candidates` JSON writes as a string.
bool CandidatesOf(const std::string& output, uint64_t* candidates) {
  static const std::regex kCandidates(R"re("candidates"\s*:\s*"?([0-9]+))re");
  bool found = false;
  for (std::sregex_iterator it(output.begin(), output.end(), kCandidates), end; it != end; ++it) {
    *candidates += std::stoull((*it)[1].str());
    found = true;
  }
  return found;
}

}  // namespace

std::vector<ConfigSummary> Summarize(const std::vector<ResultSource>& sources) {
  std::vector<ConfigSummary> out;
  for (const ResultSource& source : sources) {
    std::map<std::string, ConfigSummary> by_config;
    for (const proto::BatchRecord& r : source.records) {
      ConfigSummary& s = by_config[r.config()];
      s.source = source.label;
      s.config = r.config();
      ++s.jobs;
      s.timed_out += r.timed_out();
      s.failed += !r.timed_out() && (r.exit_code() == 2 || r.exit_code() == 3 || r.exit_code() > 128);
      if (r.solved()) {
        ++s.solved;
        s.solved_times.push_back(r.seconds());
        s.solved_seconds += r.seconds();
      }
      uint64_t candidates = 0;
      if (CandidatesOf(r.output(), &candidates)) {
        s.candidates += candidates;
        ++s.with_candidates;
      }
    }
    for (auto& [name, s] : by_config) {
      std::sort(s.solved_times.begin(), s.solved_times.end());
      const size_t n = s.solved_times.size();
      if (n > 0) s.median_seconds = n % 2 ? s.solved_times[n / 2] : (s.solved_times[n / 2 - 1] + s.solved_times[n / 2]) / 2;
      out.push_back(std::move(s));
    }
  }
  return out;
}

absl::StatusOr<std::vector<proto::BatchRecord>> ReadResultsCsv(const std::string& path) {
  auto text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  std::vector<std::string> lines = absl::StrSplit(*text, '\n');
  auto bad = [&](size_t line, const std::string& why) {
    return absl::InvalidArgumentError(StrCat(path, ":", line, ": ", why));
  };
  if (lines.empty() || absl::StripAsciiWhitespace(lines[0]).empty()) return bad(1, "empty file, expected a header");
  std::map<std::string, size_t> column;
  const std::vector<std::string> header = absl::StrSplit(absl::StripAsciiWhitespace(lines[0]), ',');
  for (size_t i = 0; i < header.size(); ++i) column[std::string(absl::StripAsciiWhitespace(header[i]))] = i;
  for (const char* name : {"task", "config", "solved", "seconds"}) {
    if (!column.count(name)) return bad(1, StrCat("the header has no column '", name, "' (need task, config, solved, seconds)"));
  }
  std::vector<proto::BatchRecord> records;
  for (size_t l = 1; l < lines.size(); ++l) {
    const absl::string_view line = absl::StripAsciiWhitespace(lines[l]);
    if (line.empty()) continue;
    std::vector<std::string> cells = absl::StrSplit(line, ',');
    if (cells.size() != header.size()) {
      return bad(l + 1, StrCat(cells.size(), " cells, the header has ", header.size()));
    }
    auto cell = [&](const char* name) { return std::string(absl::StripAsciiWhitespace(cells[column[name]])); };
    proto::BatchRecord r;
    r.set_task(cell("task"));
    r.set_config(cell("config"));
    r.set_job_id(StrCat(r.config(), "/", r.task(), "/1"));
    const std::string solved = cell("solved");
    if (solved == "1" || solved == "true" || solved == "yes") {
      r.set_solved(true);
    } else if (solved != "0" && solved != "false" && solved != "no") {
      return bad(l + 1, StrCat("solved is '", solved, "', not 1/0, true/false or yes/no"));
    }
    std::istringstream seconds(cell("seconds"));
    double s = 0;
    if (!(seconds >> s) || !seconds.eof() || s < 0) return bad(l + 1, StrCat("seconds is '", cell("seconds"), "'"));
    r.set_seconds(s);
    records.push_back(std::move(r));
  }
  return records;
}

std::string SummaryTable(const std::vector<ConfigSummary>& summaries) {
  std::string out =
      "| source | config | jobs | solved | timed out | failed | median s (solved) | total s (solved) | candidates |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const ConfigSummary& s : summaries) {
    out += absl::StrFormat("| %s | %s | %d | %d (%.1f%%) | %d | %d | %.3f | %.2f | %s |\n", s.source, s.config, s.jobs,
                           s.solved, s.jobs > 0 ? 100.0 * s.solved / s.jobs : 0.0, s.timed_out, s.failed,
                           s.median_seconds, s.solved_seconds,
                           s.with_candidates > 0 ? std::to_string(s.candidates) : std::string("-"));
  }
  return out;
}

std::string SummaryJson(const std::vector<ConfigSummary>& summaries) {
  std::string out = "[";
  const char* sep = "\n  ";
  for (const ConfigSummary& s : summaries) {
    out += absl::StrFormat(
        "%s{\"source\": %s, \"config\": %s, \"jobs\": %d, \"solved\": %d, \"timed_out\": %d, \"failed\": %d, "
        "\"median_seconds\": %.6f, \"solved_seconds\": %.6f, \"candidates\": %d, \"jobs_reporting_candidates\": %d}",
        sep, JsonString(s.source), JsonString(s.config), s.jobs, s.solved, s.timed_out, s.failed, s.median_seconds,
        s.solved_seconds, s.candidates, s.with_candidates);
    sep = ",\n  ";
  }
  return out + "\n]\n";
}

}  // namespace progsearch::batch
