#include "apps/cli_common.h"

#include <csignal>

namespace progsearch::cli {
namespace {

std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);  // so the handler may store to it
extern "C" void RequestStop(int) { stop_requested.store(true); }

}  // namespace

const std::atomic<bool>* StopOnSignals() {
  static const bool installed = [] {
    std::signal(SIGINT, RequestStop);
    std::signal(SIGTERM, RequestStop);
    return true;
  }();
  (void)installed;
  return &stop_requested;
}

}  // namespace progsearch::cli
