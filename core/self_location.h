// Where this program is: its executable, and the file (executable or shared library) a piece of its code
// was loaded from. Used to find what ships beside it (the CMA-ES module, guide models) and to run
// progsearch subcommands as child processes.
#pragma once

#include <string>

namespace progsearch {

// The running executable's path (/proc/self/exe); empty where it cannot be read.
std::string SelfExecutable();

// The folder of the binary that holds `symbol` (the address of a function of the caller's own code):
// the CLI, libprogsearch.so or the Python extension. Empty where the loader cannot tell.
std::string ModuleDirOf(const void* symbol);

}  // namespace progsearch
