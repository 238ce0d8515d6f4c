// thread_storage.cpp — per-logical-thread TLS on x86-64 glibc (see
// thread_storage.hpp). glibc exports what pthread_create itself uses to set
// up a thread's static TLS (_dl_allocate_tls, _dl_allocate_tls_init,
// _dl_get_tls_static_info, and __ctype_init that a new thread runs first;
// GLIBC_PRIVATE); they are looked up at run time, and
// without them (or in a sanitizer build) the feature is off and fibers share
// the OS thread's TLS as before.
#include "thread_storage.hpp"

#include <asm/prctl.h>
#include <dlfcn.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string_view>
#include <vector>

#include "weft/detail/runtime.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define WEFT_TLS_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define WEFT_TLS_SANITIZED 1
#endif

namespace weft::detail {
namespace {

// x86-64 glibc's tcbhead_t: the thread pointer points at it, and it begins
// the thread's struct pthread. These offsets are ABI (GCC hard-codes the
// canary at fs:0x28).
constexpr std::size_t tcb_self_offset = 0x00;         // tcbhead_t::tcb
constexpr std::size_t dtv_offset = 0x08;              // tcbhead_t::dtv
constexpr std::size_t pthread_self_offset = 0x10;     // tcbhead_t::self
constexpr std::size_t multiple_threads_offset = 0x18; // SINGLE_THREAD_P reads it
// From multiple_threads up to ssp_base: sysinfo, stack_guard (0x28),
// pointer_guard (0x30), feature_1 (CET), the shadow-stack base.
constexpr std::size_t copied_header_end = 0x80;

struct dtv_entry {  // glibc's dtv_t
  void* value;
  void* to_free;
};

struct glibc_tls {
  void* (*allocate)(void*) = nullptr;
  void* (*initialise)(void*, bool) = nullptr;  // the bool is ignored by versions without it
  void (*static_info)(std::size_t*, std::size_t*) = nullptr;
  void (*call_destructors)() = nullptr;
  void (*ctype_init)() = nullptr;  // start_thread's set-up of the <cctype> tables
  std::size_t tid_offset = 0;
  std::ptrdiff_t rseq_offset = 0;
  bool has_rseq = false;
  bool fsgsbase = false;
  bool usable = false;
  // libc's own thread_locals, as offsets from the thread pointer: kept from
  // one logical thread to the next on a block (see reset_tls_block).
  std::ptrdiff_t libc_tls_offset = 0;
  std::size_t libc_tls_size = 0;
  std::ptrdiff_t errno_offset = 0;
};

// glibc 2.36's is 0x90 bytes; a libc with far more is not one weft knows.
constexpr std::size_t max_libc_tls = 1024;

/// Where libc's TLS segment is in the calling thread's static TLS.
[[maybe_unused]] void find_libc_tls(glibc_tls& g) {
  const auto visit = [](dl_phdr_info* info, std::size_t, void* data) {
    auto& found = *static_cast<glibc_tls*>(data);
    const std::string_view name = info->dlpi_name != nullptr ? info->dlpi_name : "";
    if (name.find("/libc.so") == std::string_view::npos || info->dlpi_tls_data == nullptr) return 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
      if (info->dlpi_phdr[i].p_type != PT_TLS) continue;
      found.libc_tls_offset = static_cast<char*>(info->dlpi_tls_data) - static_cast<char*>(current_thread_pointer());
      found.libc_tls_size = info->dlpi_phdr[i].p_memsz;
      return 1;
    }
    return 0;
  };
  ::dl_iterate_phdr(visit, &g);
  g.errno_offset = reinterpret_cast<char*>(&errno) - static_cast<char*>(current_thread_pointer());
}

template <class F>
F lookup(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_DEFAULT, name));
}

glibc_tls probe() {
  glibc_tls g;
#ifndef WEFT_TLS_SANITIZED
  // The way out for code without thread_locals on machines where setting the
  // thread pointer is a slow system call (no FSGSBASE): logical threads share
  // the OS thread's TLS, as weft did before.
  if (const char* mode = std::getenv("WEFT_THREAD_STORAGE"); mode != nullptr && std::string_view(mode) == "shared") {
    return g;
  }
  g.allocate = lookup<void* (*)(void*)>("_dl_allocate_tls");
  g.initialise = lookup<void* (*)(void*, bool)>("_dl_allocate_tls_init");
  g.static_info = lookup<void (*)(std::size_t*, std::size_t*)>("_dl_get_tls_static_info");
  g.call_destructors = lookup<void (*)()>("__call_tls_dtors");
  g.ctype_init = lookup<void (*)()>("__ctype_init");
  // nptl_db's description of struct pthread's tid field: {bits, count, offset}.
  const auto* tid = lookup<const std::uint32_t*>("_thread_db_pthread_tid");
  const auto* rseq_offset = lookup<const std::ptrdiff_t*>("__rseq_offset");
  const auto* rseq_size = lookup<const unsigned*>("__rseq_size");
  if (g.allocate == nullptr || g.initialise == nullptr || g.static_info == nullptr ||
      g.call_destructors == nullptr || g.ctype_init == nullptr || tid == nullptr || tid[0] != 32) {
    return g;
  }
  g.tid_offset = tid[2];
  if (rseq_offset != nullptr && rseq_size != nullptr && *rseq_size > 0) {
    g.has_rseq = true;
    g.rseq_offset = *rseq_offset;
  }
  constexpr unsigned long hwcap2_fsgsbase = 1UL << 1;
  g.fsgsbase = (::getauxval(AT_HWCAP2) & hwcap2_fsgsbase) != 0;
  // weft's own thread_locals are copied into each block at their offset from
  // the thread pointer: that needs them in the static TLS area.
  std::size_t static_size = 0, static_align = 0;
  g.static_info(&static_size, &static_align);
  const std::ptrdiff_t offset = reinterpret_cast<char*>(&current_execution_ptr) -
                                static_cast<char*>(current_thread_pointer());
  find_libc_tls(g);
  const bool libc_static = g.libc_tls_size > 0 && g.libc_tls_size <= max_libc_tls && g.libc_tls_offset < 0 &&
                           -g.libc_tls_offset <= static_cast<std::ptrdiff_t>(static_size);
  g.usable = offset < 0 && -offset <= static_cast<std::ptrdiff_t>(static_size) && libc_static;
#endif
  return g;
}

const glibc_tls& glibc() {
  static const glibc_tls g = probe();
  return g;
}

template <class T>
T& field(void* tcb, std::size_t offset) {
  return *reinterpret_cast<T*>(static_cast<char*>(tcb) + offset);
}

std::mutex pool_mutex;
std::vector<tls_block>& pool() {
  static auto* blocks = new std::vector<tls_block>;  // never freed: blocks live for the process
  return *blocks;
}

}  // namespace

bool per_thread_storage() noexcept { return glibc().usable; }

void* current_thread_pointer() noexcept {
  void* pointer = nullptr;
  asm volatile("mov %%fs:0, %0" : "=r"(pointer));  // tcbhead_t::tcb points to itself
  return pointer;
}

void set_thread_pointer(void* pointer) noexcept {
  if (glibc().fsgsbase) {
    asm volatile("wrfsbase %0" ::"r"(pointer) : "memory");
  } else {
    ::syscall(SYS_arch_prctl, ARCH_SET_FS, pointer);
  }
}

tls_block take_tls_block() {
  {
    std::lock_guard lock(pool_mutex);
    if (!pool().empty()) {
      tls_block b = pool().back();
      pool().pop_back();
      return b;
    }
  }
  tls_block b;
  b.pointer = glibc().allocate(nullptr);  // TLS area and a zeroed TCB with its own DTV
  if (b.pointer == nullptr) throw std::bad_alloc();
  field<void*>(b.pointer, tcb_self_offset) = b.pointer;
  field<void*>(b.pointer, pthread_self_offset) = b.pointer;  // pthread_self(), std::this_thread::get_id()
  return b;
}

void give_back_tls_block(tls_block block) noexcept {
  try {
    std::lock_guard lock(pool_mutex);
    pool().push_back(block);
  } catch (...) {  // out of memory: the block is lost, nothing breaks
  }
}

void reset_tls_block(tls_block block, void* os_thread) noexcept {
  // What glibc does when it reuses a cached thread stack: free the blocks of
  // dynamically loaded modules, clear the DTV, copy the TLS images again.
  //
  // Except libc's own thread_locals: a real thread frees its malloc cache
  // (tcache) when it exits, through glibc-internal calls weft cannot make, so
  // a fresh image would leak the cache (and the memory in it) at every
  // logical thread start. Keeping libc's part for the next logical thread on
  // the block reuses the cache, as a pool thread does; errno starts at 0.
  auto* dtv = field<dtv_entry*>(block.pointer, dtv_offset);
  const auto slots = reinterpret_cast<std::size_t>(dtv[-1].value);
  for (std::size_t i = 1; i <= slots; ++i) std::free(dtv[i].to_free);
  std::memset(dtv, 0, (slots + 1) * sizeof(dtv_entry));
  char* const libc_part = static_cast<char*>(block.pointer) + glibc().libc_tls_offset;
  const bool used_before = field<int>(block.pointer, glibc().tid_offset) != 0;
  std::array<char, max_libc_tls> kept;
  if (used_before) std::memcpy(kept.data(), libc_part, glibc().libc_tls_size);
  glibc().initialise(block.pointer, true);
  if (used_before) std::memcpy(libc_part, kept.data(), glibc().libc_tls_size);
  field<int>(block.pointer, glibc().errno_offset) = 0;
  std::memcpy(static_cast<char*>(block.pointer) + multiple_threads_offset,
              static_cast<char*>(os_thread) + multiple_threads_offset, copied_header_end - multiple_threads_offset);
  // Never "single threaded": another OS thread may start while this one runs
  // fibers, and glibc skips malloc's locks when the flag is clear.
  field<int>(block.pointer, multiple_threads_offset) = 1;
  field<int>(block.pointer, glibc().tid_offset) = field<int>(os_thread, glibc().tid_offset);
  // struct rseq::cpu_id of an area the kernel does not update: "registration
  // failed", so sched_getcpu() asks the kernel instead of reading a stale 0.
  if (glibc().has_rseq) field<std::int32_t>(block.pointer, glibc().rseq_offset + 4) = -2;
}

void start_thread_storage() noexcept { glibc().ctype_init(); }

void run_thread_local_destructors() noexcept { glibc().call_destructors(); }

}  // namespace weft::detail
