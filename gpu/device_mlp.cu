#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "gpu/device_mlp.h"

namespace progsearch::gpu {
namespace {

// The same bounds and shifts as mlp.h (kept in step by tests/gpu/device_mlp_test.cc, which compares
// logits bit for bit).
constexpr double kShiftDown = 1.0 / 65536.0;
constexpr double kActivationLimit = double(1 << 23) - 1;
constexpr int kMaxHidden = 128;

__device__ double Activate(double sum) { return fmin(fmax(floor(sum * kShiftDown), 0.0), kActivationLimit); }

// One block per value, one thread per hidden unit. Every sum is of integers below 2^53, so it is exact
// in any order and equals the CPU's.
__global__ void LogitsKernel(const uint8_t* codes, size_t n, int features, int hidden, const double* table,
                             const double* bias, const double* w2, const double* b2, const double* w3, double b3,
                             long long* logits) {
  __shared__ double h1[kMaxHidden];
  __shared__ double out[kMaxHidden];
  const size_t value = blockIdx.x;
  const int j = threadIdx.x;
  if (value >= n) return;
  const uint8_t* row = codes + value * features;
  double sum = bias[j];
  for (int f = 0; f < features; ++f) sum += table[(f * 4 + row[f]) * hidden + j];
  h1[j] = Activate(sum);
  __syncthreads();
  double second = b2[j];
  for (int k = 0; k < hidden; ++k) second += w2[j * hidden + k] * h1[k];
  out[j] = w3[j] * Activate(second);
  __syncthreads();
  if (j == 0) {
    double logit = 0;
    for (int k = 0; k < hidden; ++k) logit += out[k];
    logits[value] = static_cast<long long>(logit + b3);
  }
}

bool Check(cudaError_t status, const char* what, std::string* error) {
  if (status == cudaSuccess) return true;
  *error = std::string(what) + ": " + cudaGetErrorString(status);
  return false;
}

class CudaMlp final : public DeviceMlp {
 public:
  ~CudaMlp() override {
    for (int b = 0; b < 2; ++b) {
      if (stream_[b]) cudaStreamDestroy(stream_[b]);
      cudaFreeHost(host_codes_[b]);
      cudaFreeHost(host_logits_[b]);
      cudaFree(codes_[b]);
      cudaFree(logits_[b]);
    }
    for (double* p : {table_, bias_, w2_, b2_, w3_}) cudaFree(p);
  }

  bool Init(const MlpTables& t, std::string* error) {
    features_ = t.value_features;
    hidden_ = t.hidden;
    b3_ = t.b3;
    if (hidden_ < 1 || hidden_ > kMaxHidden) {
      *error = "the device kernel takes 1 to 128 hidden units";
      return false;
    }
    const size_t table = size_t(features_) * 4 * hidden_, square = size_t(hidden_) * hidden_;
    if (!Upload(&table_, t.value_table, table, error) || !Upload(&w2_, t.w2, square, error) ||
        !Upload(&b2_, t.b2, hidden_, error) || !Upload(&w3_, t.w3, hidden_, error) ||
        !Check(cudaMalloc(&bias_, hidden_ * sizeof(double)), "cudaMalloc", error)) {
      return false;
    }
    for (int b = 0; b < 2; ++b) {
      if (!Check(cudaStreamCreateWithFlags(&stream_[b], cudaStreamNonBlocking), "cudaStreamCreate", error) ||
          !Check(cudaHostAlloc(&host_codes_[b], kChunk * features_, cudaHostAllocDefault), "cudaHostAlloc", error) ||
          !Check(cudaHostAlloc(&host_logits_[b], kChunk * sizeof(long long), cudaHostAllocDefault), "cudaHostAlloc",
                 error) ||
          !Check(cudaMalloc(&codes_[b], kChunk * features_), "cudaMalloc", error) ||
          !Check(cudaMalloc(&logits_[b], kChunk * sizeof(long long)), "cudaMalloc", error)) {
        return false;
      }
    }
    // The uploads ran on the default stream, which the non-blocking streams do not wait for.
    return Check(cudaDeviceSynchronize(), "cudaDeviceSynchronize", error);
  }

  bool SetTaskBias(const double* bias, std::string* error) override {
    return Check(cudaMemcpy(bias_, bias, hidden_ * sizeof(double), cudaMemcpyHostToDevice), "cudaMemcpy", error) &&
           Check(cudaDeviceSynchronize(), "cudaDeviceSynchronize", error);
  }

  // Chunk c goes through buffer c % 2: its codes are staged and sent while the previous chunk computes,
  // and a buffer is reused only after its stream has returned that chunk's logits.
  bool Logits(const uint8_t* codes, size_t n, int64_t* logits, std::string* error) override {
    const size_t chunks = (n + kChunk - 1) / kChunk;
    for (size_t c = 0; c < chunks; ++c) {
      if (c >= 2 && !Collect(c - 2, n, logits, error)) return false;
      const int b = c % 2;
      const size_t begin = c * kChunk, count = std::min(kChunk, n - begin);
      std::memcpy(host_codes_[b], codes + begin * features_, count * features_);
      if (!Check(cudaMemcpyAsync(codes_[b], host_codes_[b], count * features_, cudaMemcpyHostToDevice, stream_[b]),
                 "cudaMemcpyAsync", error)) {
        return false;
      }
      LogitsKernel<<<count, hidden_, 0, stream_[b]>>>(codes_[b], count, features_, hidden_, table_, bias_, w2_, b2_,
                                                      w3_, b3_, logits_[b]);
      if (!Check(cudaGetLastError(), "kernel launch", error) ||
          !Check(cudaMemcpyAsync(host_logits_[b], logits_[b], count * sizeof(long long), cudaMemcpyDeviceToHost,
                                 stream_[b]),
                 "cudaMemcpyAsync", error)) {
        return false;
      }
    }
    for (size_t c = chunks >= 2 ? chunks - 2 : 0; c < chunks; ++c) {
      if (!Collect(c, n, logits, error)) return false;
    }
    return true;
  }

 private:
  bool Collect(size_t c, size_t n, int64_t* logits, std::string* error) {
    const int b = c % 2;
    if (!Check(cudaStreamSynchronize(stream_[b]), "cudaStreamSynchronize", error)) return false;
    const size_t begin = c * kChunk, count = std::min(kChunk, n - begin);
    for (size_t i = 0; i < count; ++i) logits[begin + i] = host_logits_[b][i];
    return true;
  }

  static bool Upload(double** device, const double* host, size_t count, std::string* error) {
    return Check(cudaMalloc(device, count * sizeof(double)), "cudaMalloc", error) &&
           Check(cudaMemcpy(*device, host, count * sizeof(double), cudaMemcpyHostToDevice), "cudaMemcpy", error);
  }

  int features_ = 0, hidden_ = 0;
  double b3_ = 0;
  double *table_ = nullptr, *bias_ = nullptr, *w2_ = nullptr, *b2_ = nullptr, *w3_ = nullptr;
  cudaStream_t stream_[2] = {nullptr, nullptr};
  uint8_t* host_codes_[2] = {nullptr, nullptr};
  long long* host_logits_[2] = {nullptr, nullptr};
  uint8_t* codes_[2] = {nullptr, nullptr};
  long long* logits_[2] = {nullptr, nullptr};
};

}  // namespace

std::unique_ptr<DeviceMlp> DeviceMlp::Create(const MlpTables& tables, std::string* error) {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    *error = "no CUDA device is usable on this machine";
    return nullptr;
  }
  auto mlp = std::make_unique<CudaMlp>();
  if (!mlp->Init(tables, error)) return nullptr;
  return mlp;
}

}  // namespace progsearch::gpu
