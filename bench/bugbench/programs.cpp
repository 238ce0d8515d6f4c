#include "programs.hpp"

namespace weft::bugbench {

const std::vector<program>& programs() {
  static const std::vector<program> all = [] {
    std::vector<program> out;
    add_order_programs(out);
    add_atomicity_programs(out);
    add_lock_programs(out);
    add_structure_programs(out);
    return out;
  }();
  return all;
}

}  // namespace weft::bugbench
