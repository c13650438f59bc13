#include "batch/record_store.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/atomic_file.h"
#include "dsl/sygus.h"  // ReadFileToString
#include "google/protobuf/util/json_util.h"

namespace progsearch::batch {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'P', 'S', 'B', 'R', 'E', 'C', '1', '\n'};
constexpr size_t kHeader = sizeof(kMagic) + 2 * sizeof(uint64_t);

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetU64(const std::string& in, size_t at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

// Files are named by a hash of the job id: ids hold task paths, which are not file names.
std::string PathFor(const std::string& dir, const std::string& job_id, const char* extension) {
  return absl::StrFormat("%s/%016x%s", dir, XXH64(job_id.data(), job_id.size(), 0), extension);
}

}  // namespace

std::string FrameRecord(const proto::BatchRecord& record) {
  const std::string payload = record.SerializeAsString();
  std::string out(kMagic, sizeof(kMagic));
  PutU64(out, payload.size());
  PutU64(out, XXH64(payload.data(), payload.size(), 0));
  return out + payload;
}

bool UnframeRecord(const std::string& bytes, proto::BatchRecord* record) {
  if (bytes.size() < kHeader || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) return false;
  const uint64_t size = GetU64(bytes, sizeof(kMagic));
  if (bytes.size() - kHeader != size) return false;
  const char* payload = bytes.data() + kHeader;
  if (XXH64(payload, size, 0) != GetU64(bytes, sizeof(kMagic) + 8)) return false;
  return record->ParseFromArray(payload, static_cast<int>(size));
}

RecordStore::RecordStore(std::string outdir)
    : dir_((fs::path(outdir) / "records").string()), checkpoints_((fs::path(outdir) / "checkpoints").string()) {}

absl::Status RecordStore::Open() const {
  std::error_code error;
  for (const std::string& dir : {dir_, checkpoints_}) {
    fs::create_directories(dir, error);
    if (error) return absl::PermissionDeniedError(StrCat("cannot create ", dir, ": ", error.message()));
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
