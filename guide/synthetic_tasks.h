// Random tasks to train the guide on (BUSTLE's recipe): a domain's usual grammar over random inputs.
// Their outputs are placeholders no program makes, so a search on one runs to its budget; training then
// picks values the search built as outputs (training_data.h). Nothing here comes from a benchmark task.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "absl/status/statusor.h"
#include "dsl/task.h"

namespace progsearch::guide {

// The domains training knows: "strings" (SLIA, 1 to 3 String inputs), "spreadsheet" (the spreadsheet
// grammar over columns of the kinds people keep in sheets: guide/spreadsheet_columns.h) and "bv" (64-bit
// PBE).
bool CanSynthesizeTasks(const std::string& domain);

// A random task of `domain` ("strings" or "bv") with `examples` examples, as SyGuS text.
std::string RandomTaskText(const std::string& domain, int examples, std::mt19937_64& rng);
// A random task of any domain CanSynthesizeTasks knows.
absl::StatusOr<Task> RandomTask(const std::string& domain, int examples, std::mt19937_64& rng);

}  // namespace progsearch::guide
