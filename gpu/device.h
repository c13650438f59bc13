// Which accelerator this build can use. CUDA code is compiled wherever nvcc exists; at run time the
// CPU path is taken when no GPU is present, so every caller asks here first.
#pragma once

#include <string>

namespace progsearch::gpu {

// Number of usable CUDA devices (0 in a CPU-only build or on a machine without a GPU).
int DeviceCount();
// One line for --version and logs, e.g. "CUDA build, 1 GPU: NVIDIA H100" or "CPU only (no CUDA build)".
std::string DescribeAccelerator();

}  // namespace progsearch::gpu
