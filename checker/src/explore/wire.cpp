#include "wire.hpp"

#include <unistd.h>

#include <cerrno>

namespace weft::detail::wire {

std::string line(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
using json = nlohmann::json;

json to_json(const iteration_edge& e) {
  return {{"i", e.iteration}, {"from", e.edge.from}, {"to", e.edge.to}, {"fn", e.edge.from_name},
          {"tn", e.edge.to_name}, {"t", e.edge.thread}, {"g", e.edge.gates}, {"at", to_json(e.edge.where)},
          {"d", e.edge.decisions}};
}

iteration_edge edge_from(const json& j) {
  iteration_edge e;
  e.iteration = j.at("i").get<std::uint64_t>();
  e.edge.from = j.at("from").get<std::uint64_t>();
  e.edge.to = j.at("to").get<std::uint64_t>();
  e.edge.from_name = j.at("fn").get<std::string>();
  e.edge.to_name = j.at("tn").get<std::string>();
  e.edge.thread = j.at("t").get<std::uint32_t>();
  e.edge.gates = j.at("g").get<std::vector<std::uint64_t>>();
  e.edge.where = location_from_json({j.at("at"), "at"});
  e.edge.decisions = j.at("d").get<std::vector<std::uint64_t>>();
  return e;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string read_all(int fd) {
  std::string data;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace weft::detail::wire
