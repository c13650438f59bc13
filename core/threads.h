// How many threads a setting of "threads" means: the engine's one convention for "0: every core".
#pragma once

namespace progsearch {

// The cores this process may run on: its CPU affinity mask (what taskset, Slurm's --cpus-per-task and
// container cpusets grant), else the machine's hardware threads; at least 1.
int AvailableCores();

// `threads` if positive, else AvailableCores().
int ThreadsOrEveryCore(int threads);

}  // namespace progsearch
