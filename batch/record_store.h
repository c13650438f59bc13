// Where a batch keeps what each job did: OUTDIR/records/KEY.rec, the BatchRecord framed with its length
// and a checksum, and OUTDIR/records/KEY.json, the same as one JSON line. Both are written atomically,
// the JSON line first, so a record file that reads back whole means the job is done; one that does not
// (cut short, or changed since) is damaged, and the job is run again.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "proto/batch.pb.h"

namespace progsearch::batch {

enum class RecordState { kMissing, kDone, kDamaged };

class RecordStore {
 public:
  explicit RecordStore(std::string outdir);

  // Creates OUTDIR/records when needed.
  absl::Status Open() const;
  absl::Status Write(const proto::BatchRecord& record) const;
  // The job's record, when it is there and whole.
  RecordState Read(const std::string& job_id, proto::BatchRecord* record) const;
  // Every whole record in the folder (any shard's), in file-name order.
  std::vector<proto::BatchRecord> ReadAll() const;

  std::string RecordPath(const std::string& job_id) const;
  // Where a job's discover checkpoint lives: OUTDIR/checkpoints/KEY.ckpt.
  std::string CheckpointPath(const std::string& job_id) const;

 private:
  std::string dir_;
  std::string checkpoints_;
};

// The framed bytes of a record, and back (false when the frame or checksum does not hold).
std::string FrameRecord(const proto::BatchRecord& record);
bool UnframeRecord(const std::string& bytes, proto::BatchRecord* record);

}  // namespace progsearch::batch
