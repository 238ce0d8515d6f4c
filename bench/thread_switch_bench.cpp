// What a switch between logical threads costs with per-thread TLS, against
// the alternatives weighed for it: setting the thread pointer alone (one
// arch_prctl here: no FSGSBASE in this VM), a raw fiber switch that also sets
// it, and handing a baton between two OS threads (one OS thread per logical
// thread). BM_weft_scheduling_point (engine_bench.cpp) is the engine's own
// figure, without per-thread TLS by default; run with
// WEFT_THREAD_STORAGE=per-thread for the figure with it.
#include <asm/prctl.h>
#include <benchmark/benchmark.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <boost/context/detail/fcontext.hpp>
#include <thread>

namespace {

namespace ctx = boost::context::detail;

void* thread_pointer() {
  void* p = nullptr;
  asm volatile("mov %%fs:0, %0" : "=r"(p));
  return p;
}
void set_fs(void* p) { ::syscall(SYS_arch_prctl, ARCH_SET_FS, p); }

void BM_set_thread_pointer_arch_prctl(benchmark::State& state) {
  void* mine = thread_pointer();
  for (auto _ : state) set_fs(mine);
  state.counters["ns_per_set"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_set_thread_pointer_arch_prctl);

void* fs_of_this_thread = nullptr;
void ping_pong_setting_fs(ctx::transfer_t t) {
  for (;;) {
    set_fs(fs_of_this_thread);  // the other side's block, were it a different one
    t = ctx::jump_fcontext(t.fctx, nullptr);
  }
}

void BM_fiber_switch_setting_thread_pointer(benchmark::State& state) {
  static char stack[64 * 1024];
  fs_of_this_thread = thread_pointer();
  ctx::fcontext_t other = ctx::make_fcontext(stack + sizeof stack, sizeof stack, ping_pong_setting_fs);
  for (auto _ : state) {
    set_fs(fs_of_this_thread);
    other = ctx::jump_fcontext(other, nullptr).fctx;  // there and back: two switches
  }
  state.counters["ns_per_switch"] =
      benchmark::Counter(double(state.iterations() * 2), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_fiber_switch_setting_thread_pointer);

/// One OS thread per logical thread: the running one hands a baton to the
/// other and sleeps on it (futex through std::atomic::wait).
void BM_os_thread_baton_handoff(benchmark::State& state) {
  std::atomic<int> baton{0};  // 0: the benchmark thread runs, 1: the partner
  std::atomic<bool> stop{false};
  std::thread partner([&] {
    for (;;) {
      baton.wait(0);
      if (stop.load()) return;
      baton.store(0);
      baton.notify_one();
    }
  });
  for (auto _ : state) {
    baton.store(1);
    baton.notify_one();
    baton.wait(1);
  }
  stop.store(true);
  baton.store(1);
  baton.notify_one();
  partner.join();
  state.counters["ns_per_switch"] =
      benchmark::Counter(double(state.iterations() * 2), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_os_thread_baton_handoff)->UseRealTime();

}  // namespace
