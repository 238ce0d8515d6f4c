#include "weft/result.hpp"

#include <array>
#include <utility>

namespace weft {
namespace {
constexpr std::array<std::pair<finding_kind, std::string_view>, 17> kind_names{{
    {finding_kind::assertion, "assertion"},
    {finding_kind::data_race, "data_race"},
    {finding_kind::deadlock, "deadlock"},
    {finding_kind::lost_wakeup, "lost_wakeup"},
    {finding_kind::lock_order_inversion, "lock_order_inversion"},
    {finding_kind::livelock, "livelock"},
    {finding_kind::misuse, "misuse"},
    {finding_kind::uncaught_exception, "uncaught_exception"},
    {finding_kind::linearizability, "linearizability"},
    {finding_kind::crash, "crash"},
    {finding_kind::exit, "exit"},
    {finding_kind::hang, "hang"},
    {finding_kind::nondeterminism, "nondeterminism"},
    {finding_kind::stress_timeout, "stress_timeout"},
    {finding_kind::tsan_data_race, "tsan_data_race"},
    {finding_kind::tsan_lock_order_inversion, "tsan_lock_order_inversion"},
    {finding_kind::tsan_other, "tsan_other"},
}};

constexpr std::array<std::pair<finding_source, std::string_view>, 4> source_names{{
    {finding_source::checked, "checked"},
    {finding_source::stress, "stress"},
    {finding_source::tsan, "tsan"},
    {finding_source::relacy, "relacy"},
}};

/// The name of `value` in `table`, or `fallback`.
template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value,
                         std::string_view fallback) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return fallback;
}

/// The value named `text` in `table`, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> value_named(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(finding_kind kind) { return name_of(kind_names, kind, "unknown"); }

std::optional<finding_kind> finding_kind_from_string(std::string_view text) { return value_named(kind_names, text); }

std::string_view to_string(finding_source source) { return name_of(source_names, source, "checked"); }

std::optional<finding_source> finding_source_from_string(std::string_view text) {
  return value_named(source_names, text);
}

const std::vector<finding_kind>& all_finding_kinds() {
  static const std::vector<finding_kind> kinds = [] {
    std::vector<finding_kind> v;
    for (const auto& entry : kind_names) v.push_back(entry.first);
    return v;
  }();
  return kinds;
}

}  // namespace weft
