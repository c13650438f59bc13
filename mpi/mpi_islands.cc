#include "mpi/mpi_islands.h"

#include <mpi.h>

#include <cstdint>

namespace progsearch {
namespace {

// Strings travel joined by '\n' (program texts hold none).
std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += part + "\n";
  return out;
}

std::vector<std::string> Split(const std::string& joined) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end = joined.find('\n'); end != std::string::npos; end = joined.find('\n', start)) {
    parts.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

MpiIslands::MpiIslands() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiIslands::~MpiIslands() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

bool MpiIslands::AnyStops(bool stop) {
  int mine = stop ? 1 : 0, any = 0;
  MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any != 0;
}

std::vector<std::string> MpiIslands::Exchange(const std::vector<std::string>& emigrants) {
  const int next = (rank_ + 1) % size_, previous = (rank_ + size_ - 1) % size_;
  const std::string out = Join(emigrants);
  int64_t out_size = static_cast<int64_t>(out.size()), in_size = 0;
  MPI_Sendrecv(&out_size, 1, MPI_INT64_T, next, 0, &in_size, 1, MPI_INT64_T, previous, 0, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
  std::string in(static_cast<size_t>(in_size), '\0');
  MPI_Sendrecv(out.data(), static_cast<int>(out.size()), MPI_CHAR, next, 1, in.data(), static_cast<int>(in.size()),
               MPI_CHAR, previous, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return Split(in);
}

std::vector<std::string> MpiIslands::Gather(const std::string& mine) {
  int my_size = static_cast<int>(mine.size());
  std::vector<int> sizes(rank_ == 0 ? size_ : 0);
  MPI_Gather(&my_size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(sizes.size(), 0);
  int total = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    offsets[i] = total;
    total += sizes[i];
  }
  std::string all(static_cast<size_t>(total), '\0');
  MPI_Gatherv(mine.data(), my_size, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> out;
  for (size_t i = 0; i < sizes.size(); ++i) out.push_back(all.substr(offsets[i], sizes[i]));
  return out;
}

}  // namespace progsearch
