// Island runs over MPI: each rank of `mpirun -np K progsearch discover --islands` is one island
// (search/evolution/island_link.h). Built only when CMake finds MPI (Debian: libopenmpi-dev).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "search/evolution/island_link.h"

namespace progsearch {

class MpiIslands : public IslandLink {
 public:
  // Initializes MPI (once per process; also outside mpirun, as one island).
  MpiIslands();
  // Finalizes MPI.
  ~MpiIslands() override;
  MpiIslands(const MpiIslands&) = delete;
  MpiIslands& operator=(const MpiIslands&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  bool AnyStops(bool stop) override;
  std::vector<std::string> Exchange(const std::vector<std::string>& emigrants) override;
  std::vector<std::string> Gather(const std::string& mine) override;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace progsearch
