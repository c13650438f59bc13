#include "approx/cmaes.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/self_location.h"
#include "core/str_cat.h"

namespace progsearch {
namespace {

using Evolve = int (*)(ProgsearchCmaesCall*);
constexpr const char* kModuleName = "libprogsearch_cmaes.so";

std::vector<std::string> Candidates() {
  std::vector<std::string> paths;
  if (const char* given = std::getenv("PROGSEARCH_CMAES_MODULE"); given != nullptr && *given != '\0') {
    paths.emplace_back(given);
  }
  if (const std::string found = ModuleDirOf(reinterpret_cast<const void*>(&RunCmaes)); !found.empty()) {
    const std::filesystem::path dir(found);
    paths.push_back((dir / kModuleName).string());
    // An installed executable's bin/ beside the installed lib/.
    paths.push_back((dir.parent_path() / PROGSEARCH_CMAES_LIBDIR / kModuleName).string());
  }
  paths.emplace_back(PROGSEARCH_CMAES_BUILD_PATH);
  paths.emplace_back(PROGSEARCH_CMAES_INSTALL_PATH);
  return paths;
}

// The module's entry point, or the reasons it could not be found (loaded once per process).
struct Module {
  Evolve evolve = nullptr;
  std::string failure;

  Module() {
    for (const std::string& path : Candidates()) {
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) {
        const char* why = dlerror();
        failure += "\n  " + (why != nullptr ? std::string(why) : path);
        continue;
      }
      evolve = reinterpret_cast<Evolve>(dlsym(handle, "progsearch_cmaes_evolve"));
      if (evolve != nullptr) return;
      failure += "\n  " + path + ": no progsearch_cmaes_evolve";
    }
  }
};

}  // namespace

absl::StatusOr<int> RunCmaes(ProgsearchCmaesCall& call) {
  static const Module module;
  if (module.evolve == nullptr) {
    return absl::FailedPreconditionError(StrCat("the global fit's CMA-ES module (", kModuleName,
                                                ") could not be loaded; set PROGSEARCH_CMAES_MODULE to its path. Tried:",
                                                module.failure));
  }
  const int code = module.evolve(&call);
  if (code > 1) return absl::InternalError(StrCat("CMA-ES failed: ", call.error));
  return code;
}

}  // namespace progsearch
