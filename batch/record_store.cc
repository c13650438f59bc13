#include "batch/record_store.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/atomic_file.h"
#include "core/framed_bytes.h"
#include "core/read_file.h"
#include "google/protobuf/util/json_util.h"

namespace progsearch::batch {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic("PSBREC1\n", 8);

// Files are named by a hash of the job id: ids hold task paths, which are not file names.
std::string PathFor(const std::string& dir, const std::string& job_id, const char* extension) {
  return absl::StrFormat("%s/%016x%s", dir, XXH64(job_id.data(), job_id.size(), 0), extension);
}

}  // namespace

std::string FrameRecord(const proto::BatchRecord& record) { return FrameBytes(kMagic, record.SerializeAsString()); }

bool UnframeRecord(const std::string& bytes, proto::BatchRecord* record) {
  const std::optional<std::string_view> payload = UnframeBytes(kMagic, bytes);
  return payload && record->ParseFromArray(payload->data(), static_cast<int>(payload->size()));
}

RecordStore::RecordStore(std::string outdir)
    : dir_((fs::path(outdir) / "records").string()), checkpoints_((fs::path(outdir) / "checkpoints").string()) {}

absl::Status RecordStore::Open() const {
  std::error_code error;
  for (const std::string& dir : {dir_, checkpoints_}) {
    fs::create_directories(dir, error);
    if (error) return absl::PermissionDeniedError(StrCat("cannot create ", dir, ": ", error.message()));
    // An existing folder may be read-only: found now, not when the first job's record is written.
    if (absl::Status s = CheckWritableFolder(dir); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string RecordStore::RecordPath(const std::string& job_id) const {
  return PathFor(dir_, job_id, ".rec");
}

std::string RecordStore::CheckpointPath(const std::string& job_id) const {
  return PathFor(checkpoints_, job_id, ".ckpt");
}

absl::Status RecordStore::Write(const proto::BatchRecord& record) const {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  if (auto status = google::protobuf::util::MessageToJsonString(record, &json, options); !status.ok()) {
    return absl::InternalError(StrCat("record of ", record.job_id(), " as JSON: ", status.ToString()));
  }
  if (auto status = WriteFileAtomically(PathFor(dir_, record.job_id(), ".json"), json + "\n"); !status.ok()) {
    return status;
  }
  return WriteFileAtomically(RecordPath(record.job_id()), FrameRecord(record));
}

RecordState RecordStore::Read(const std::string& job_id, proto::BatchRecord* record) const {
  const absl::StatusOr<std::string> bytes = ReadFileToString(RecordPath(job_id));
  if (absl::IsNotFound(bytes.status())) return RecordState::kMissing;
  if (!bytes.ok() || !UnframeRecord(*bytes, record) || record->job_id() != job_id) return RecordState::kDamaged;
  return RecordState::kDone;
}

std::vector<proto::BatchRecord> RecordStore::ReadAll() const {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& item : fs::directory_iterator(dir_, error)) {
    if (item.path().extension() == ".rec") files.push_back(item.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<proto::BatchRecord> records;
  for (const std::string& file : files) {
    const absl::StatusOr<std::string> bytes = ReadFileToString(file);
    proto::BatchRecord record;
    if (bytes.ok() && UnframeRecord(*bytes, &record)) records.push_back(std::move(record));
  }
  return records;
}

}  // namespace progsearch::batch
