#include "exec_request.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace weft::detail {

std::string encode_exec_request(const exec_request& r) {
  nlohmann::json j{{"flags", r.flags}, {"result_fd", r.result_fd}};
  if (r.replay) j["replay"] = *r.replay;
  return j.dump();
}

exec_request decode_exec_request(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw std::invalid_argument("WEFT_EXEC_REQUEST is not a JSON object");
  exec_request r;
  try {
    r.flags = j.at("flags").get<std::vector<std::string>>();
    r.result_fd = j.at("result_fd").get<int>();
    if (j.contains("replay")) r.replay = j["replay"].get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("WEFT_EXEC_REQUEST: ") + e.what());
  }
  if (r.result_fd < 0) throw std::invalid_argument("WEFT_EXEC_REQUEST: result_fd must be a file descriptor");
  return r;
}

}  // namespace weft::detail
