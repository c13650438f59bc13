#include <cuda_runtime.h>

#include <string>

#include "gpu/device.h"

namespace progsearch::gpu {

int DeviceCount() {
  int n = 0;
  // No driver or no device is the normal CPU-only case, not an error.
  if (cudaGetDeviceCount(&n) != cudaSuccess) return 0;
  return n;
}

std::string DescribeAccelerator() {
  int n = DeviceCount();
  if (n == 0) return "CUDA build, no GPU found: CPU path";
  cudaDeviceProp prop{};
  cudaGetDeviceProperties(&prop, 0);
  return "CUDA build, " + std::to_string(n) + " GPU" + (n > 1 ? "s" : "") + ": " + prop.name;
}

}  // namespace progsearch::gpu
