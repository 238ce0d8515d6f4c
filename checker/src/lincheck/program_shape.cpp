// The program shape the command line imposes on every spec (weft run
// --threads, --ops-per-thread): set once before drawing, read by every draw.
#include <charconv>
#include <stdexcept>

#include "weft/lincheck/history.hpp"

namespace weft::lincheck {
namespace {

constexpr unsigned max_threads = 16;
constexpr unsigned max_ops_per_thread = 32;

program_shape shape;  // set before any program is drawn; read-only afterwards

void check_range(const std::optional<count_range>& r, unsigned most, const char* what) {
  if (!r) return;
  if (r->lo == 0 || r->lo > r->hi || r->hi > most) {
    throw std::invalid_argument(std::string(what) + " " + std::to_string(r->lo) + "-" + std::to_string(r->hi) +
                                ": expected 1 <= LO <= HI <= " + std::to_string(most));
  }
}

bool parse_unsigned(std::string_view text, unsigned& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

void set_program_shape(const program_shape& s) {
  check_range(s.threads, max_threads, "--threads");
  check_range(s.ops_per_thread, max_ops_per_thread, "--ops-per-thread");
  shape = s;
}

const program_shape& current_program_shape() { return shape; }

count_range parse_count_range(const std::string& text, const std::string& what) {
  const std::string_view all(text);
  const std::size_t dash = all.find('-');
  count_range r;
  const bool ok = dash == std::string_view::npos
                      ? parse_unsigned(all, r.lo) && (r.hi = r.lo, true)
                      : parse_unsigned(all.substr(0, dash), r.lo) && parse_unsigned(all.substr(dash + 1), r.hi);
  if (!ok) throw std::invalid_argument(what + " '" + text + "': expected a count N or a range LO-HI, e.g. 2-3");
  return r;
}

}  // namespace weft::lincheck
