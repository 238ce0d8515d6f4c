// What reports call a checked object: its kind and number in the execution,
// with the user's name for it or the place it was constructed.
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "execution.hpp"

namespace weft::detail {
namespace {

std::string_view basename_of(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

void give_name(object_header& h, std::string_view name) {
  // Names live as long as the process: an object may outlive the string it
  // was named with, and reports are written after the objects are gone.
  static std::mutex guard;
  static auto* names = new std::unordered_set<std::string>;  // never freed: read until exit
  const std::lock_guard lock(guard);
  h.given_name = names->emplace(name).first->c_str();
}

object_namer name_by_address = nullptr;

std::string execution::name_of(const object_header& h) const {
  static constexpr const char* kinds[] = {"mutex", "recursive_mutex", "shared_mutex",
                                          "condition_variable", "semaphore", "atomic", "var", "thread"};
  std::string id = std::string(kinds[static_cast<std::size_t>(h.kind)]) + "#" + std::to_string(h.ordinal);
  if (h.given_name != nullptr) return std::string(h.given_name) + " (" + id + ")";
  if (name_by_address != nullptr) {
    if (std::string name = name_by_address(h); !name.empty()) return name + " (" + id + ")";
  }
  if (h.born_file != nullptr && h.born_line != 0) {
    return id + " (" + std::string(basename_of(h.born_file)) + ":" + std::to_string(h.born_line) + ")";
  }
  return id;
}

}  // namespace weft::detail
