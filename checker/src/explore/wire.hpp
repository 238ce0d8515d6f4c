// wire.hpp — findings, traces, results and lock-order edges as JSON, for the
// pipes between the supervisor and its worker processes.
#pragma once

#include <nlohmann/json.hpp>

#include "explore.hpp"

namespace weft::detail::wire {

nlohmann::json to_json(const finding& f);
finding finding_from(const nlohmann::json& j);
nlohmann::json to_json(const iteration_edge& e);
iteration_edge edge_from(const nlohmann::json& j);
nlohmann::json to_json(const result& r);
result result_from(const nlohmann::json& j);

/// Writes all of `data` (retrying on EINTR); false when the pipe is gone.
bool write_all(int fd, const std::string& data);

}  // namespace weft::detail::wire
