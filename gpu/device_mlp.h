// The guide's model resident on a CUDA device (device_mlp.cu): the tables of QuantizedMlp copied once,
// value codes streamed through pinned, double-buffered host memory on two streams, and one fused kernel
// per chunk (first-layer table sums, second layer, output). It computes the same exact integer sums as
// the CPU path (mlp.h), so it returns bitwise the same logits. Plain types only: nvcc compiles the
// implementation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace progsearch::gpu {

// Row-major views of QuantizedMlp's numbers.
struct MlpTables {
  const double* value_table = nullptr;  // (value_features * 4) x hidden
  const double* w2 = nullptr;           // hidden x hidden
  const double* b2 = nullptr;
  const double* w3 = nullptr;
  double b3 = 0;
  int value_features = 0;
  int hidden = 0;
};

class DeviceMlp {
 public:
  // nullptr with `error` set where no GPU can be used: a CPU-only build, no device, too little memory.
  static std::unique_ptr<DeviceMlp> Create(const MlpTables& tables, std::string* error);
  virtual ~DeviceMlp() = default;

  // The task's first-layer sums (hidden numbers), for the values that follow.
  virtual bool SetTaskBias(const double* bias, std::string* error) = 0;
  // Logits of `n` values (codes: n x value_features, row-major), as QuantizedMlp::Logits.
  virtual bool Logits(const uint8_t* codes, size_t n, int64_t* logits, std::string* error) = 0;
  // Values scored per chunk handed to the device.
  static constexpr size_t kChunk = 2048;
};

}  // namespace progsearch::gpu
