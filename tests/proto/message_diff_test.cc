#include "proto/message_diff.h"

#include <catch2/catch.hpp>

#include "proto/config.pb.h"

namespace progsearch {

TEST_CASE("message differences name each differing field, nested ones with their path", "[proto]") {
  proto::ApproximationConfig a, b;
  CHECK(MessageDifferences(a, b).empty());
  a.mutable_search()->set_seed(3);  // set to a value on one side only
  b.mutable_search()->set_max_ops(12);
  b.set_max_cycles(5);
  CHECK(MessageDifferences(a, b) ==
        "search.max_ops=16 (this run: search.max_ops=12), search.seed=3 (this run: search.seed=1), "
        "max_cycles=0 (this run: max_cycles=5)");
  // An unset field and one set to its default compare equal.
  proto::ApproximationConfig c;
  c.mutable_search()->set_seed(1);
  CHECK(MessageDifferences(c, proto::ApproximationConfig()).empty());
  // A custom text decides what is compared and what is shown.
  auto seed_parity = [](const google::protobuf::Message& m, const google::protobuf::FieldDescriptor* f,
                        bool canonical) -> std::optional<std::string> {
    if (f->name() != "seed") return std::nullopt;
    const auto seed = static_cast<const proto::ApproximationSearch&>(m).seed();
    return canonical ? std::to_string(seed % 2) : "seed " + std::to_string(seed);
  };
  proto::ApproximationSearch s3, s5, s4;
  s3.set_seed(3);
  s5.set_seed(5);
  s4.set_seed(4);
  CHECK(MessageDifferences(s3, s5, seed_parity).empty());
  CHECK(MessageDifferences(s3, s4, seed_parity) == "seed=seed 3 (this run: seed=seed 4)");
}

}  // namespace progsearch
