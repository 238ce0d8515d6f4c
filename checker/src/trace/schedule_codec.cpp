#include "schedule_codec.hpp"

#include <stdexcept>

namespace weft::detail {
namespace {

constexpr std::string_view prefix = "w1-";

void put_number(std::string& out, std::uint64_t n) {
  char digits[16];
  int count = 0;
  do {
    digits[count++] = static_cast<char>(n & 0xF);
    n >>= 4;
  } while (n != 0);
  for (int i = count - 1; i > 0; --i) out.push_back(static_cast<char>('A' + digits[i]));
  out.push_back(static_cast<char>('a' + digits[0]));
}

[[noreturn]] void malformed(std::string_view text, std::size_t at, const char* why) {
  throw std::invalid_argument("malformed schedule '" + std::string(text.substr(0, 60)) +
                              (text.size() > 60 ? "...'" : "'") + " at character " +
                              std::to_string(at) + ": " + why);
}

std::uint64_t get_number(std::string_view text, std::size_t& i) {
  std::uint64_t n = 0;
  int digits = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c >= 'A' && c <= 'P') {
      n = (n << 4) | static_cast<std::uint64_t>(c - 'A');
    } else if (c >= 'a' && c <= 'p') {
      n = (n << 4) | static_cast<std::uint64_t>(c - 'a');
      ++i;
      return n;
    } else {
      malformed(text, i, "expected a digit letter (A-P, a-p)");
    }
    if (++digits > 15) malformed(text, i, "number too long");
    ++i;
  }
  malformed(text, i, "number not terminated by a lower-case digit");
}

}  // namespace

std::string encode_schedule(const schedule& s) {
  std::string out(prefix);
  for (std::size_t e = 0; e < s.executions.size(); ++e) {
    if (e > 0) out.push_back('.');
    const auto& d = s.executions[e];
    for (std::size_t i = 0; i < d.size();) {
      std::size_t run = 1;
      while (i + run < d.size() && d[i + run] == d[i]) ++run;
      put_number(out, d[i]);
      if (run > 1) {
        out.push_back('_');
        put_number(out, run);
      }
      i += run;
    }
  }
  return out;
}

schedule decode_schedule(std::string_view text, std::uint64_t max_decisions) {
  if (text.substr(0, prefix.size()) != prefix) {
    malformed(text, 0, "a schedule starts with 'w1-'");
  }
  schedule s;
  s.executions.emplace_back();
  for (std::size_t i = prefix.size(); i < text.size();) {
    if (text[i] == '.') {
      if (s.executions.size() >= max_schedule_executions) {
        malformed(text, i, ("more than " + std::to_string(max_schedule_executions) + " executions").c_str());
      }
      s.executions.emplace_back();
      ++i;
      continue;
    }
    const std::uint64_t value = get_number(text, i);
    std::uint64_t run = 1;
    if (i < text.size() && text[i] == '_') {
      ++i;
      run = get_number(text, i);
      if (run < 2) malformed(text, i, "repeat count out of range");
    }
    if (run > max_decisions - s.executions.back().size()) {
      malformed(text, i, ("an execution expands to more than " + std::to_string(max_decisions) +
                          " decisions (the limit for this step bound, --max-steps)").c_str());
    }
    s.executions.back().insert(s.executions.back().end(), run, value);
  }
  return s;
}

}  // namespace weft::detail
