// wire.hpp — lock-order edges as JSON, and writing to the pipes between the
// supervisor and its worker processes (findings and results travel in the
// result model's own spelling, weft/result_json.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include "explore.hpp"
#include "weft/result_json.hpp"

namespace weft::detail::wire {

nlohmann::json to_json(const iteration_edge& e);
iteration_edge edge_from(const nlohmann::json& j);

/// `j` as one line of the wire: bytes that are not UTF-8 (a program's
/// output, a name read from a broken symbol table) become U+FFFD instead of
/// an exception that would lose the finding.
std::string line(const nlohmann::json& j);

/// Writes all of `data` (retrying on EINTR); false when the pipe is gone.
bool write_all(int fd, const std::string& data);
/// Reads `fd` to its end (retrying on EINTR; an error ends it too).
std::string read_all(int fd);

}  // namespace weft::detail::wire
