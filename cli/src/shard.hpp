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

/// Every count-th of `all` starting at index-1 (scenarios: by sorted name;
/// a GoogleTest program's tests under weft exec: in the program's listing).
template <class T>
std::vector<T> take_shard(const std::vector<T>& all, const shard& s) {
  std::vector<T> mine;
  for (std::size_t i = s.index - 1; i < all.size(); i += s.count) mine.push_back(all[i]);
  return mine;
}

}  // namespace weft::cli
