// progsearch public API: which symbols the shared library exports (the API's, nothing else).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define PROGSEARCH_API __attribute__((visibility("default")))
#else
#define PROGSEARCH_API
#endif
