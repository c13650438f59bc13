// The CPU-only build (no nvcc at configure time): no device, and the guide scores on the CPU.
#include "gpu/device.h"
#include "gpu/device_mlp.h"

namespace progsearch::gpu {

int DeviceCount() { return 0; }
std::string DescribeAccelerator() { return "CPU only (built without CUDA)"; }

std::unique_ptr<DeviceMlp> DeviceMlp::Create(const MlpTables&, std::string* error) {
  *error = "this build has no CUDA (nvcc was not found when it was configured)";
  return nullptr;
}

}  // namespace progsearch::gpu
