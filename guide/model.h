// Guide model files (proto/guide.proto): reading with checks, writing atomically, and where the bundled
// models are. A model serves one domain, the kind of task it was trained on.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/type.h"
#include "proto/guide.pb.h"

namespace progsearch::guide {

// "strings" when the function takes or returns a String, "bv" when it returns a bit-vector, "lia" for an
// Int over Ints; "" for anything else (no model serves it).
std::string DomainOf(std::span<const Type> params, const Type& result);

// The shape checks a model must pass before inference: the signature layout it was trained on is this
// build's, and every weight array has the size the dimensions give. InvalidArgument naming the field.
absl::Status ValidateModel(const proto::GuideModel& model);

// NotFound for a missing file, DataLoss for one that is cut or damaged (the frame's length or checksum
// fails), InvalidArgument for a model of another layout or with inconsistent sizes; every message names
// the file.
absl::StatusOr<proto::GuideModel> ReadModel(const std::string& path);
absl::Status WriteModel(const proto::GuideModel& model, const std::string& path);

// The bundled model of a domain: `<domain>.guide` in $PROGSEARCH_MODEL_DIR, then in models/ or
// ../share/progsearch/models beside the binary holding this code (the CLI, libprogsearch.so, the Python
// extension) or beside the executable, then the configured install prefix's share/progsearch/models,
// then the source tree's models/. Empty when none is found.
std::string FindBundledModel(const std::string& domain);

}  // namespace progsearch::guide
