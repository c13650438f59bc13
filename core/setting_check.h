// Checks of settings, which come from configuration files as well as from command-line flags (whose
// parser checks ranges too): a value out of range is bad input, named with its setting, before it can
// reach a search.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "core/str_cat.h"

namespace progsearch {

// A setting's value as messages print it: %g for floating point.
template <typename T>
std::string SettingValue(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    return absl::StrFormat("%g", value);
  } else {
    return std::to_string(value);
  }
}

// InvalidArgument "SETTING is VALUE; it must be from LOW to HIGH" unless low <= value <= high (and,
// for floating point, not NaN).
template <typename T>
absl::Status RequireRange(std::string_view setting, T value, T low, T high) {
  if (value >= low && value <= high) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat(setting, " is ", SettingValue(value), "; it must be from ",
                                           SettingValue(low), " to ", SettingValue(high)));
}

// InvalidArgument unless `value` is finite and above zero.
inline absl::Status RequirePositive(std::string_view setting, double value) {
  if (std::isfinite(value) && value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat(setting, " is ", SettingValue(value), "; it must be a positive number"));
}

// InvalidArgument unless `value` is finite and at least zero.
inline absl::Status RequireNonNegative(std::string_view setting, double value) {
  if (std::isfinite(value) && value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat(setting, " is ", SettingValue(value), "; it must be a number from 0 up"));
}

// InvalidArgument unless `value` is a time limit: a number from 0 up, infinity included (0 and infinity
// both mean none; Deadline::AfterSeconds reads them so).
inline absl::Status RequireTimeLimit(std::string_view setting, double value) {
  if (value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      StrCat(setting, " is ", SettingValue(value), "; it must be a number of seconds from 0 up (0 or inf: no limit)"));
}

// InvalidArgument unless `value` is above 0, infinity included (a budget that may be unbounded: `note`
// says what bounds it then).
inline absl::Status RequireAboveZero(std::string_view setting, double value, std::string_view note) {
  if (value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat(setting, " is ", SettingValue(value), "; it must be above 0 (", note, ")"));
}

}  // namespace progsearch
