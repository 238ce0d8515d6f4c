// TEMPORARY: replaced by the controlled scheduler.
#include <stdexcept>
#include "weft/assert.hpp"
namespace weft::detail {
bool in_checked_execution() noexcept { return false; }
void assertion_failed_checked(const char*, std::string, const std::source_location&) { throw std::logic_error("no engine"); }
}
