#include "weft/detectors.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace weft {

const std::vector<finding_kind>& switchable_detectors() {
  static const std::vector<finding_kind> kinds = [] {
    std::vector<finding_kind> out;
    for (const finding_kind k : all_finding_kinds()) {
      const std::string_view name = to_string(k);
      const bool other_backend = name.starts_with("tsan_") || name.starts_with("stress_");
      if (!other_backend && k != finding_kind::nondeterminism) out.push_back(k);
    }
    return out;
  }();
  return kinds;
}

std::string switchable_names() {
  std::string out;
  for (const finding_kind k : switchable_detectors()) {
    out += (out.empty() ? "" : ", ") + std::string(to_string(k));
    for (const finding_subkind s : all_finding_subkinds()) {
      if (kind_of(s) == k) out += ", " + std::string(to_string(s));
    }
  }
  return out;
}

void detector_set::enable(finding_kind k) {
  mask_ |= bit(k);
  for (const finding_subkind s : all_finding_subkinds()) {
    if (kind_of(s) == k) mask_ |= bit(s);
  }
}

void detector_set::disable(finding_kind k) {
  mask_ &= ~bit(k);
  for (const finding_subkind s : all_finding_subkinds()) {
    if (kind_of(s) == k) mask_ &= ~bit(s);
  }
}

namespace {

/// What one item of --detect names: one kind, one sub-kind, or every
/// switchable kind ("all").
struct named_detectors {
  std::vector<finding_kind> kinds;
  std::optional<finding_subkind> subkind;
};

named_detectors detectors_named(std::string_view name, std::string_view spec) {
  if (name == "all") return {switchable_detectors(), std::nullopt};
  const auto subkind = finding_subkind_from_string(name);
  const auto kind = subkind ? std::optional(kind_of(*subkind)) : finding_kind_from_string(name);
  const auto& known = switchable_detectors();
  if (!kind || std::find(known.begin(), known.end(), *kind) == known.end()) {
    throw std::invalid_argument("--detect '" + std::string(spec) + "': unknown detector '" + std::string(name) +
                                "' (all, " + switchable_names() + ")");
  }
  if (subkind) return {{}, subkind};
  return {{*kind}, std::nullopt};
}

}  // namespace

detector_set parse_detectors(std::string_view spec) {
  detector_set out;
  bool only_named = false;  // a bare name seen: start from none
  std::vector<std::pair<char, std::string_view>> items;
  for (std::size_t start = 0; start <= spec.size();) {
    const std::size_t end = std::min(spec.find(',', start), spec.size());
    std::string_view item = spec.substr(start, end - start);
    start = end + 1;
    char sign = 0;
    if (!item.empty() && (item.front() == '-' || item.front() == '+')) {
      sign = item.front();
      item.remove_prefix(1);
    }
    if (item.empty()) {
      throw std::invalid_argument("--detect '" + std::string(spec) + "': an empty item (write -kind, +kind or kind, "
                                  "separated by commas)");
    }
    only_named = only_named || sign == 0;
    items.emplace_back(sign, item);
  }
  if (only_named) {
    for (const finding_kind k : switchable_detectors()) out.disable(k);
  }
  for (const auto& [sign, name] : items) {
    const named_detectors named = detectors_named(name, spec);
    for (const finding_kind k : named.kinds) {
      if (sign == '-') {
        out.disable(k);
      } else {
        out.enable(k);
      }
    }
    if (named.subkind) {
      if (sign == '-') {
        out.disable(*named.subkind);
      } else {
        out.enable(*named.subkind);
      }
    }
  }
  return out;
}

}  // namespace weft
