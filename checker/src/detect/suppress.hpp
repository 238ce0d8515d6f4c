// suppress.hpp — applying the detector set and the suppression rules to a finding
// before it is reported: the one place every detector's findings pass.
#pragma once

#include <vector>

#include "weft/check.hpp"

namespace weft::detail {

/// Whether `f` is to be reported. False when its detector is turned off (the
/// finding is dropped) or when a suppression rule matches it (the finding,
/// with the rule named in its details, is added to `suppressed` unless an
/// equal one — same kind, same locations in any order — is there already).
bool reported(const detector_set& detect, const suppressions& suppress, const finding& f,
              std::vector<finding>& suppressed);

/// Moves the findings of `more` that `into` does not have yet into it;
/// `more` is left empty.
void add_distinct(std::vector<finding>& into, std::vector<finding>&& more);

}  // namespace weft::detail
