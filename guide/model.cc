#include "guide/model.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include "core/atomic_file.h"
#include "core/framed_bytes.h"
#include "core/self_location.h"
#include "core/status_macros.h"
#include "core/str_cat.h"
#include "core/read_file.h"
#include "guide/signature.h"

#ifndef PROGSEARCH_MODEL_INSTALL_DIR
#define PROGSEARCH_MODEL_INSTALL_DIR ""
#endif
#ifndef PROGSEARCH_MODEL_SOURCE_DIR
#define PROGSEARCH_MODEL_SOURCE_DIR ""
#endif

namespace progsearch::guide {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic("PSGUIDE1", 8);

absl::Status CheckSize(const char* field, int actual, uint64_t expected) {
  if (static_cast<uint64_t>(actual) == expected) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat("model field ", field, " holds ", actual, " numbers, its dimensions give ",
                                           expected));
}

}  // namespace

std::string DomainOf(std::span<const Type> params, const Type& result) {
  if (result == Type::String() || std::find(params.begin(), params.end(), Type::String()) != params.end()) {
    return "strings";
  }
  if (result.is_bitvec()) return "bv";
  if (result == Type::Int()) {
    for (const Type& t : params) {
      if (t != Type::Int()) return "";
    }
    return "lia";
  }
  return "";
}

absl::Status ValidateModel(const proto::GuideModel& m) {
  if (m.signature_version() != static_cast<uint32_t>(kSignatureVersion)) {
    return absl::InvalidArgumentError(StrCat("the model was trained on property signatures of version ",
                                             m.signature_version(), ", this build computes version ",
                                             kSignatureVersion, ": train it again (docs/guide.md)"));
  }
  const bool arguments = m.kind() == proto::GuideModel::ARGUMENTS;
  // Strictly ascending: SlotCodes looks operators up by binary search.
  if (!std::is_sorted(m.operators().begin(), m.operators().end(), std::less_equal<>())) {
    return absl::InvalidArgumentError("the model's operators are not sorted without repeats");
  }
  // Argument models, and value models that read the operator that built a value, have slot features.
  const bool slots = arguments || m.operators_size() > 0;
  const int task_features = TaskFeatureCount() + (slots ? SlotFeatureCount(m.operators_size()) : 0);
  if (m.task_features() != static_cast<uint32_t>(task_features) ||
      m.value_features() != static_cast<uint32_t>(ValueFeatureCount()) ||
      m.categories() != static_cast<uint32_t>(kCategories)) {
    return absl::InvalidArgumentError(StrCat("the model expects ", m.task_features(), " task and ", m.value_features(),
                                             " value features of ", m.categories(), " categories; this build has ",
                                             task_features, " and ", ValueFeatureCount(), " of ", kCategories));
  }
  if (m.embedding_dim() < 1 || m.embedding_dim() > 64 || m.hidden() < 1 || m.hidden() > 128) {
    return absl::InvalidArgumentError(StrCat("model dimensions out of range: embedding_dim ", m.embedding_dim(),
                                             " (1 to 64), hidden ", m.hidden(), " (1 to 128)"));
  }
  const uint64_t features = uint64_t{m.task_features()} + m.value_features();
  const uint64_t inputs = features * m.embedding_dim(), hidden = m.hidden();
  RETURN_IF_ERROR(CheckSize("embedding", m.embedding_size(), features * m.categories() * m.embedding_dim()));
  RETURN_IF_ERROR(CheckSize("w1", m.w1_size(), hidden * inputs));
  RETURN_IF_ERROR(CheckSize("b1", m.b1_size(), hidden));
  RETURN_IF_ERROR(CheckSize("w2", m.w2_size(), hidden * hidden));
  RETURN_IF_ERROR(CheckSize("b2", m.b2_size(), hidden));
  return CheckSize("w3", m.w3_size(), hidden);
}

absl::StatusOr<proto::GuideModel> ReadModel(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) return bytes.status();
  const std::optional<std::string_view> payload = UnframeBytes(kMagic, *bytes);
  proto::GuideModel model;
  if (!payload || !model.ParseFromArray(payload->data(), static_cast<int>(payload->size()))) {
    return absl::DataLossError(StrCat(path, ": not a guide model, or a damaged one (its frame or checksum does not "
                                            "hold); models are written by `progsearch train-guide`"));
  }
  if (absl::Status valid = ValidateModel(model); !valid.ok()) {
    return absl::InvalidArgumentError(StrCat(path, ": ", valid.message()));
  }
  return model;
}

absl::Status WriteModel(const proto::GuideModel& model, const std::string& path) {
  RETURN_IF_ERROR(ValidateModel(model));
  return WriteFileAtomically(path, FrameBytes(kMagic, model.SerializeAsString()));
}

std::string FindBundledModel(const std::string& domain) {
  if (domain.empty()) return "";
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("PROGSEARCH_MODEL_DIR"); env && *env) dirs.emplace_back(env);
  // Beside the module (the Python package keeps them in progsearch/models), then an install's share/.
  const std::string exe = SelfExecutable();
  const std::string exe_dir = exe.empty() ? "" : fs::path(exe).parent_path().string();
  for (const std::string& dir : {ModuleDirOf(reinterpret_cast<const void*>(&FindBundledModel)), exe_dir}) {
    if (dir.empty()) continue;
    dirs.push_back(fs::path(dir) / "models");
    dirs.push_back(fs::path(dir) / "../share/progsearch/models");
  }
  if (*PROGSEARCH_MODEL_INSTALL_DIR) dirs.emplace_back(PROGSEARCH_MODEL_INSTALL_DIR);
  if (*PROGSEARCH_MODEL_SOURCE_DIR) dirs.emplace_back(PROGSEARCH_MODEL_SOURCE_DIR);
  for (const fs::path& dir : dirs) {
    std::error_code error;
    const fs::path file = dir / (domain + ".guide");
    if (fs::is_regular_file(file, error)) return file.string();
  }
  return "";
}

}  // namespace progsearch::guide
