#include "gpu/device.h"

namespace progsearch::gpu {

int DeviceCount() { return 0; }
std::string DescribeAccelerator() { return "CPU only (built without CUDA)"; }

}  // namespace progsearch::gpu
