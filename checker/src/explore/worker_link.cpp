#include "worker_link.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <new>
#include <stdexcept>

#include "explore.hpp"
#include "wire.hpp"

namespace weft::detail {

std::vector<std::uint64_t> progress_slot::recorded() {
  const std::uint64_t n = decision_count.load(std::memory_order_relaxed);
  if (n > capacity) return {};
  return {decisions(), decisions() + n};
}

progress_slots::progress_slots(unsigned count, std::uint64_t capacity) {
  // A cache line for stop_below, then the slots, each on its own pages.
  const std::size_t page = 4096;
  stride_ = (sizeof(progress_slot) + capacity * sizeof(std::uint64_t) + page - 1) / page * page;
  bytes_ = page + stride_ * count;
  base_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (base_ == MAP_FAILED) throw std::runtime_error("weft: cannot map shared memory for the workers");
  stop_below() = ~std::uint64_t{0};
  for (unsigned i = 0; i < count; ++i) {
    new (&at(i)) progress_slot{};
    at(i).capacity = capacity;
  }
}

progress_slots::~progress_slots() { ::munmap(base_, bytes_); }

progress_slot& progress_slots::at(unsigned i) {
  return *reinterpret_cast<progress_slot*>(static_cast<char*>(base_) + 4096 + stride_ * i);
}

bool recording_strategy::begin_execution(std::uint64_t iteration) {
  count_ = 0;
  slot_.decision_count.store(0, std::memory_order_relaxed);
  return inner_->begin_execution(iteration);
}

std::uint32_t recording_strategy::pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                              std::span<const thread_info> threads) {
  const std::uint32_t t = inner_->pick_thread(enabled, current, threads);
  pass_on_left_prefix();
  record(t);
  return t;
}

std::uint64_t recording_strategy::pick_value(std::uint64_t bound) {
  const std::uint64_t v = inner_->pick_value(bound);
  pass_on_left_prefix();
  record(v);
  return v;
}

bool worker_link::skipped(std::uint64_t i) const { return std::find(skip.begin(), skip.end(), i) != skip.end(); }

void worker_link::after_execution(const result& so_far, std::uint64_t iteration, std::vector<lock_edge>& edges) {
  constexpr auto relaxed = std::memory_order_relaxed;
  slot->executions.store(so_far.stats.executions, relaxed);
  slot->steps.store(so_far.stats.steps, relaxed);
  slot->max_threads.store(so_far.stats.max_threads, relaxed);
  slot->max_preemptions.store(so_far.stats.max_preemptions, relaxed);
  for (; sent < so_far.findings.size(); ++sent) send(wire::line(nlohmann::json{{"finding", weft::to_json(so_far.findings[sent])}}));
  for (; sent_suppressed < so_far.suppressed.size(); ++sent_suppressed) {
    send(wire::line(nlohmann::json{{"suppressed", weft::to_json(so_far.suppressed[sent_suppressed])}}));
  }
  for (lock_edge& e : edges) send(wire::line(nlohmann::json{{"edge", wire::to_json(iteration_edge{iteration, std::move(e)})}}));
  edges.clear();
}

void worker_link::send(const std::string& json_line) const { wire::write_all(fd, json_line + "\n"); }

void worker_link::send_search_state(const std::string& state) const { send(wire::line(nlohmann::json{{"search", state}})); }

void worker_link::send_profile(const std::string& measured) const {
  send(wire::line(nlohmann::json{{"profile", measured}}));
}

}  // namespace weft::detail
