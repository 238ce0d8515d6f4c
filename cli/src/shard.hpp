// shard.hpp — which part of a run this process takes: `--shard i/n`, or the
// sharding variables of the CI system, build tool or cluster scheduler that
// started it (docs/ci.md lists them and which one wins).
#pragma once

#include <string>
#include <vector>

#include "weft/registry.hpp"

namespace weft::cli {

/// Shard `index` of `count` (1-based), and what decided it.
struct shard {
  unsigned index = 1, count = 1;
  std::string source;  // "--shard", "WEFT_SHARD", "Bazel (TEST_SHARD_INDEX/TEST_TOTAL_SHARDS)", ...; "" for 1/1
  std::string text() const { return count > 1 ? std::to_string(index) + "/" + std::to_string(count) : ""; }
};

/// The shard from `flag` ("i/n"), else from the first convention whose
/// variables are set, else 1/1. Under Bazel it touches
/// TEST_SHARD_STATUS_FILE (Bazel's sign that the test shards). Throws
/// input_error on a malformed or out-of-range shard.
shard parse_shard(const std::string& flag);

/// Every count-th scenario starting at index-1, by sorted name.
std::vector<const scenario*> take_shard(std::vector<const scenario*> all, const shard& s);

}  // namespace weft::cli
