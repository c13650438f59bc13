// Constants a user would type, guessed from a task's examples (as BUSTLE does).
#pragma once

#include <string>
#include <vector>

#include "dsl/task.h"

namespace progsearch {

// String constants found in the examples: punctuation that occurs in them, and text that several
// outputs share but their inputs do not contain (it cannot come from the inputs, so it must be typed).
std::vector<std::string> ExtractStringConstants(const std::vector<Example>& examples);

}  // namespace progsearch
