#include "exec_request.hpp"

#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "../explore/wire.hpp"

namespace weft::detail {

std::string encode_exec_request(const exec_request& r) {
  nlohmann::json j{{"flags", r.flags}, {"result_fd", r.result_fd}};
  if (r.replay) j["replay"] = *r.replay;
  return wire::line(j);
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

std::string fix_address_layout() {
  const int current = ::personality(0xffffffff);  // 0xffffffff: query only
  if (current == -1) return std::string("personality: ") + std::strerror(errno);
  if ((current & ADDR_NO_RANDOMIZE) != 0) return {};
  if (::personality(static_cast<unsigned long>(current) | ADDR_NO_RANDOMIZE) == -1)
    return std::string("personality: ") + std::strerror(errno);
  return {};
}

std::string exchange_exec_request(const std::string& program, exec_request request,
                                  const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  request.result_fd = fds[1];
  const std::string env = std::string(exec_request_env) + "=" + encode_exec_request(request);
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  (void)fix_address_layout();  // as weft exec runs it (kept across fork and exec)
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ::putenv(const_cast<char*>(env.c_str()));
    for (const program_default& d : program_defaults) ::setenv(d.name, d.value, 0);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  const std::string data = wire::read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (pid > 0 && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return data.substr(0, data.find('\n'));
}

}  // namespace weft::detail
