// memory_suites.cpp — the memory family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp). Relacy implements the C++
// memory model, so it cross-checks the controlled scheduler's verdicts on
// these scenarios.
#include <atomic>
#include <optional>
#include <vector>

#include "weft/scenarios/memory.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

// The controlled scheduler's parameters (weft's registry: the params' defaults).
constexpr scenarios::message_params message{};
constexpr scenarios::lazy_params lazy{};
constexpr scenarios::two_thread_params two_threads{};
constexpr scenarios::ring_params ring{};
constexpr scenarios::deque_params deque{};

}  // namespace

void add_memory_suites(std::vector<entry>& out) {
  using namespace scenarios;  // NOLINT(google-build-using-namespace): the scenario names
  out.push_back(suite_entry<memory_message_relaxed, message, 1 + message.receivers>("memory/message_relaxed"));
  out.push_back(
      suite_entry<memory_message_release_acquire, message, 1 + message.receivers>("memory/message_release_acquire"));
  out.push_back(suite_entry<memory_double_checked_relaxed, lazy, lazy.threads>("memory/double_checked_relaxed"));
  out.push_back(suite_entry<memory_double_checked_acquire, lazy, lazy.threads>("memory/double_checked_acquire"));
  out.push_back(suite_entry<memory_peterson_acq_rel, two_threads, 2>("memory/peterson_acq_rel"));
  out.push_back(suite_entry<memory_peterson_seq_cst, two_threads, 2>("memory/peterson_seq_cst"));
  out.push_back(suite_entry<memory_dekker_no_fence, two_threads, 2>("memory/dekker_no_fence"));
  out.push_back(suite_entry<memory_dekker_seq_cst_fence, two_threads, 2>("memory/dekker_seq_cst_fence"));
  out.push_back(suite_entry<memory_spsc_relaxed_index, ring, 2>("memory/spsc_relaxed_index"));
  out.push_back(suite_entry<memory_spsc_release_acquire, ring, 2>("memory/spsc_release_acquire"));
  out.push_back(
      suite_entry<memory_work_stealing_acq_rel_fence, deque, 1 + deque.thieves>("memory/work_stealing_acq_rel_fence"));
  out.push_back(suite_entry<memory_work_stealing_c11, deque, 1 + deque.thieves>("memory/work_stealing_c11"));
}

}  // namespace weft::relacy_program
