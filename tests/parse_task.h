// The SyGuS task a test writes inline, read or the test fails with the reader's message.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "catch2/catch.hpp"
#include "dsl/task.h"
#include "formats/sygus.h"

namespace progsearch::testing {

inline Task ParseTask(std::string_view text, std::string_view filename = "test.sl") {
  absl::StatusOr<Task> task = ParseSygus(text, filename);
  INFO((task.ok() ? std::string() : task.status().ToString()));
  REQUIRE(task.ok());
  return *std::move(task);
}

}  // namespace progsearch::testing
