// text.hpp (private) — text helpers shared by the reporters: escaping for
// XML/HTML, UTF-8 repair, number and location formatting, kind descriptions,
// which store a load read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "weft/result.hpp"

namespace weft::reports::text {

/// `s` with invalid UTF-8 sequences replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

/// Escaped for XML/HTML text and attribute values: & < > " ' and control
/// characters (other than tab and newline when `keep_newlines`) become
/// references or U+FFFD; invalid UTF-8 is repaired.
std::string xml_escape(std::string_view s, bool keep_newlines = true);

/// Printable on a terminal: control characters and escapes become \xNN.
std::string printable(std::string_view s);

/// A C++ function's name for people to read: each template argument list or
/// parameter list longer than 40 characters becomes "<…>" or "(…)" (an
/// instantiation of a library's template can be thousands of characters).
/// "asio::detail::reactive_socket_accept_op<…>::do_complete(…)".
std::string short_function_name(std::string_view name);
/// "bank.hpp:42 (transfer)", "bank.hpp:42", or "" for an empty location; the
/// function as short_function_name gives it.
std::string location_text(const source_location& loc);
/// What a trace event did: "load var#0 = 1", "lock mutex#2", "spawn thread#1".
std::string operation_text(const trace_event& e);
/// The event of f.trace at trace step `step` (the trace is in step order), or
/// nullptr when the trace has none.
const trace_event* event_at(const finding& f, std::int64_t step);
/// Whether `e` is a load that read a store other than the newest.
inline bool read_an_older_store(const trace_event& e) { return e.read_from >= 0 || e.newer_stores > 0; }
/// Which store a load read when it was not the newest (trace_event::read_from,
/// newer_stores; the C++ memory model): "read the store at step 12 by thread
/// 1; 2 newer stores existed". Empty for every other event.
std::string read_from_text(const finding& f, const trace_event& e);

/// The last path component of `file`.
std::string_view base_name(std::string_view file);

/// 1234567 -> "1,234,567".
std::string grouped(std::uint64_t n);
/// 1234567.0 -> "1.23M"; 950 -> "950".
std::string si(double v);
/// 0.0123 -> "12.3 ms"; 75 -> "1 m 15 s".
std::string duration(double seconds);

}  // namespace weft::reports::text
