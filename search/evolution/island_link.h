// What one island of a multi-population discover run needs from the others. The search knows islands
// only through this interface (search/evolution/evolution_driver.h); mpi/mpi_islands.h implements it over
// MPI (mpirun -np K ... --islands).
// Every call is collective: all islands make it, in the same order.
#pragma once

#include <string>
#include <vector>

namespace progsearch {

class IslandLink {
 public:
  virtual ~IslandLink() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Whether any island asks to stop (its time is up, or it was interrupted): all stop together.
  virtual bool AnyStops(bool stop) = 0;
  // Sends `emigrants` to the next island of the ring and returns what the previous one sent.
  virtual std::vector<std::string> Exchange(const std::vector<std::string>& emigrants) = 0;
  // Every island's `mine`, in rank order, on island 0; the others get nothing.
  virtual std::vector<std::string> Gather(const std::string& mine) = 0;
};

}  // namespace progsearch
