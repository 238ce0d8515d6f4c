#include "suppress.hpp"

#include <algorithm>
#include <tuple>

namespace weft::detail {
namespace {

std::vector<source_location> sorted_locations(const finding& f) {
  std::vector<source_location> out = f.locations;
  std::sort(out.begin(), out.end(), [](const source_location& a, const source_location& b) {
    return std::tie(a.file, a.line, a.function) < std::tie(b.file, b.line, b.function);
  });
  return out;
}

/// The same bug: same kind, same places in any order (a race seen as A/B in
/// one execution and B/A in another is counted once).
bool same_kind_and_places(const finding& a, const finding& b) {
  return a.kind == b.kind && a.locations.size() == b.locations.size() && sorted_locations(a) == sorted_locations(b);
}

void add_one(std::vector<finding>& into, finding f) {
  if (std::none_of(into.begin(), into.end(), [&](const finding& g) { return same_kind_and_places(f, g); })) {
    into.push_back(std::move(f));
  }
}

}  // namespace

bool reported(const detector_set& detect, const suppressions& suppress, const finding& f,
              std::vector<finding>& suppressed) {
  if (!detect.reports(f)) return false;
  if (suppress.empty()) return true;
  const suppression_rule* rule = suppress.match(f);
  if (rule == nullptr) return true;
  finding kept = f;
  kept.trace.clear();
  kept.highlight_steps.clear();
  kept.details.push_back("suppressed by rule '" + rule->text + "'");
  add_one(suppressed, std::move(kept));
  return false;
}

void add_distinct(std::vector<finding>& into, std::vector<finding>&& more) {
  for (finding& f : more) add_one(into, std::move(f));
  more.clear();
}

}  // namespace weft::detail
