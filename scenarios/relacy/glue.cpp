// glue.cpp — the Relacy side of weft-relacy that is not a test suite: the
// WEFT_ASSERT hook and the mapping of Relacy's results onto weft kinds.
#include <cstdio>
#include <optional>
#include "weft/detail/location.hpp"
#include <stdexcept>
#include <string>

#include "catalog.hpp"
#include "weft/assert.hpp"
#include "weft/result.hpp"
#include "suite.hpp"

namespace weft::relacy_program {
namespace {

void fail_relacy_execution(const char* expression, const std::string& message,
                           const weft::detail::location& where) {
  if (!rl::is_ctx()) {  // not inside rl::simulate: nothing to fail
    std::fprintf(stderr, "weft-relacy: WEFT_ASSERT(%s) failed outside a Relacy run at %s:%u\n",
                 expression, where.file_name(), static_cast<unsigned>(where.line()));
    std::abort();
  }
  static char description[512];  // no allocation inside the simulation
  if (message.empty()) {
    std::snprintf(description, sizeof description, "WEFT_ASSERT(%s)", expression);
  } else {
    std::snprintf(description, sizeof description, "%s: WEFT_ASSERT(%s)", message.c_str(), expression);
  }
  relacy_detail::fail(description, where);
}

}  // namespace

void install_assert_hook() { detail::set_outside_assert_hook(&fail_relacy_execution); }

std::optional<place> failing_place(const std::string& history, const std::string& description) {
  const std::string marker = ": " + description + ", in ";
  const auto start = history.find(marker);
  if (start == std::string::npos) return std::nullopt;
  const auto from = start + marker.size();
  const std::string line = history.substr(from, history.find('\n', from) - from);
  // "<function>, <file>(<line>)": the function may hold ", " itself, the file not.
  const auto open = line.rfind('(');
  const auto comma = line.rfind(", ", open);
  if (open == std::string::npos || comma == std::string::npos || line.back() != ')') return std::nullopt;
  place p;
  p.function = line.substr(0, comma);
  p.file = line.substr(comma + 2, open - comma - 2);
  try {
    p.line = static_cast<unsigned>(std::stoul(line.substr(open + 1)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return p;
}

namespace {

/// "misuse/<name>" when the description holds "(misuse/<name>:" naming a
/// known sub-kind (relacy_sync's own reports), else "misuse".
std::string misuse_verdict(const std::string& description) {
  const std::string marker = "(misuse/";
  const auto start = description.find(marker);
  if (start == std::string::npos) return "misuse";
  const auto colon = description.find(':', start);
  if (colon == std::string::npos) return "misuse";
  const std::string name = description.substr(start + 1, colon - start - 1);
  return finding_subkind_from_string(name) ? name : "misuse";
}

}  // namespace

std::string verdict_of(rl::test_result_e result, const std::string& description) {
  switch (result) {
    case rl::test_result_success:
    case rl::test_result_until_condition_hit:
      return "clean";
    case rl::test_result_user_assert_failed:
    case rl::test_result_user_invariant_failed:
      // relacy_sync reports misuse it detects itself as "misuse: ..." or
      // "misuse/<sub-kind>: ...", the test suite an exception escaping a
      // thread as "uncaught exception in thread N: ..."
      if (description.find("(misuse:") != std::string::npos || description.find("(misuse/") != std::string::npos)
        return misuse_verdict(description);
      if (description.find(std::string("(") + uncaught_exception_prefix) != std::string::npos)
        return "uncaught_exception";
      return "assertion";
    case rl::test_result_data_race:
      return "data_race";
    case rl::test_result_deadlock:
      return "deadlock";
    case rl::test_result_livelock:
      return "livelock";
    case rl::test_result_recursion_on_nonrecursive_mutex:
    case rl::test_result_mutex_read_to_write_upgrade:  // a reader locks it again, exclusively
    case rl::test_result_mutex_write_to_read_upgrade:
      return "misuse/relock";
    case rl::test_result_unlocking_mutex_wo_ownership:
      return "misuse/unlock_not_held";
    case rl::test_result_destroying_owned_mutex:
      return "misuse/destroy_held";
    case rl::test_result_access_to_freed_memory:
    case rl::test_result_double_free:
      return "crash";
    default:
      // leaks, uninitialised reads, mutex/condvar/semaphore/event misuse,
      // an inconsistent test suite, signalling a thread
      return "misuse";
  }
}

}  // namespace weft::relacy_program
