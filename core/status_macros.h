// RETURN_IF_ERROR / ASSIGN_OR_RETURN: Debian's abseil ships no status_macros.h, so we define them once here.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PROGSEARCH_CONCAT_INNER(a, b) a##b
#define PROGSEARCH_CONCAT(a, b) PROGSEARCH_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                                \
  do {                                                       \
    ::absl::Status progsearch_status_ = (expr);              \
    if (!progsearch_status_.ok()) return progsearch_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, MakeX());` binds the value or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  PROGSEARCH_ASSIGN_OR_RETURN_IMPL(PROGSEARCH_CONCAT(progsearch_statusor_, __LINE__), lhs, expr)

#define PROGSEARCH_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();    \
  lhs = std::move(statusor).value()
