// thread_storage.hpp — per-logical-thread TLS: each fiber runs with its own
// glibc static TLS block and thread control block, so thread_local variables,
// errno, libstdc++'s exception globals and pthread_self() are per logical
// thread, as on real threads. Blocks are allocated once by glibc
// (_dl_allocate_tls), kept in a process-wide pool, and given fresh
// thread_local values (the TLS initialisation images) at each thread start.
// The thread pointer (the fs base) is set on every switch between fibers that
// changes it: wrfsbase where the kernel allows it, arch_prctl otherwise.
#pragma once

#include <cstddef>

#include "weft/detail/thread_storage.hpp"

namespace weft::detail {

/// A static TLS block with its thread control block; `pointer` is the value
/// of the thread pointer (fs base) while it is in use.
struct tls_block {
  void* pointer = nullptr;
};

/// The calling context's thread pointer.
void* current_thread_pointer() noexcept;
/// Makes `pointer` the thread pointer of the calling OS thread.
void set_thread_pointer(void* pointer) noexcept;

/// A block from the pool (allocated when the pool is empty).
tls_block take_tls_block();
void give_back_tls_block(tls_block block) noexcept;
/// Gives the block the thread_local values of a thread that just started,
/// and the thread control block fields glibc reads of the OS thread whose
/// thread pointer is `os_thread` (stack protector canary, pointer guard, tid).
void reset_tls_block(tls_block block, void* os_thread) noexcept;

/// Sets, in `block`, the instance of the thread_local `variable` (named as
/// the calling context sees it): weft's own per-OS-thread state that code on
/// fibers reads.
template <class T>
void set_in_tls_block(tls_block block, T& variable, const T& value) noexcept {
  const std::ptrdiff_t offset = reinterpret_cast<char*>(&variable) - static_cast<char*>(current_thread_pointer());
  *reinterpret_cast<T*>(static_cast<char*>(block.pointer) + offset) = value;
}

/// Does, on the logical thread that just started on its own block, what
/// glibc's start_thread does first on a new thread: set up the per-thread
/// <cctype> tables (isdigit, tolower... crash without them).
void start_thread_storage() noexcept;

/// Runs the destructors of the current logical thread's thread_local objects
/// (as a real thread does when it exits).
void run_thread_local_destructors() noexcept;

}  // namespace weft::detail
