// ThreadSanitizer's annotation API, for programs and libraries that tell TSan
// about synchronisation it cannot see (moodycamel's readerwriterqueue
// annotates its fences; abseil and folly annotate their mutexes):
//  - AnnotateHappensBefore/After, __tsan_release/__tsan_acquire and the
//    __tsan_mutex_* hooks add the same happens-before edges TSan would, on a
//    clock kept per address (no scheduling point: the real operation next to
//    the annotation is one);
//  - AnnotateBenignRace(Sized) and AnnotateIgnoreReads/Writes{Begin,End}
//    leave the accesses out of race checking, as TSan does;
//  - __tsan_external_read/write are plain accesses of one byte of the object.
// TSan's fiber API is not provided: a program that uses it fails to link.
#include <cstddef>
#include <cstdint>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"

namespace weft::detail::instrument {
namespace {

vclock& clock_at(const volatile void* address) {
  return current_tables().syncs[reinterpret_cast<std::uintptr_t>(address)];
}

}  // namespace

void release_at(const volatile void* address) {
  if (tables() == nullptr) return;
  const weft_section weft;
  release_to_clock(clock_at(address));
}

void acquire_at(const volatile void* address) {
  if (tables() == nullptr) return;
  const weft_section weft;
  acquire_clock(clock_at(address));
}

void counted_drop(const void* counter) {
  if (tables() == nullptr) return;
  const weft_section weft;
  vclock& clock = clock_at(counter);
  acquire_clock(clock);
  release_to_clock(clock);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

void AnnotateHappensBefore(const char*, int, const volatile void* address) { release_at(address); }
void AnnotateHappensAfter(const char*, int, const volatile void* address) { acquire_at(address); }
void __tsan_release(void* address) { release_at(address); }
void __tsan_acquire(void* address) { acquire_at(address); }

void AnnotateBenignRaceSized(const char*, int, const volatile void* address, unsigned long size, const char*) {
  ignore_races(address, size);
}
void AnnotateBenignRace(const char*, int, const volatile void* address, const char*) { ignore_races(address, 1); }
void AnnotateIgnoreReadsBegin(const char*, int) { ++ignored_reads; }
void AnnotateIgnoreReadsEnd(const char*, int) { --ignored_reads; }
void AnnotateIgnoreWritesBegin(const char*, int) { ++ignored_writes; }
void AnnotateIgnoreWritesEnd(const char*, int) { --ignored_writes; }
void AnnotateNewMemory(const char*, int, const volatile void* address, unsigned long size) { forget(const_cast<const void*>(address), size); }
void AnnotateThreadName(const char*, int, const char*) {}

// Valgrind's and TSan's "is a race detector watching?" query. LLVM's OpenMP
// tool Archer (libarcher.so, which libomp loads by itself) switches itself
// on only when this is defined by someone other than Archer, and then tells
// the detector about every barrier, critical section, lock, task and
// reduction through the annotations above. Weak: a program with its own
// dynamic_annotations.c keeps its own.
[[gnu::weak]] int RunningOnValgrind() { return 0; }

void __tsan_mutex_create(void*, unsigned) {}
void __tsan_mutex_destroy(void*, unsigned) {}
void __tsan_mutex_pre_lock(void*, unsigned) {}
void __tsan_mutex_post_lock(void* address, unsigned, int) { acquire_at(address); }
int __tsan_mutex_pre_unlock(void* address, unsigned) {
  release_at(address);
  return 0;
}
void __tsan_mutex_post_unlock(void*, unsigned) {}
void __tsan_mutex_pre_signal(void*, unsigned) {}
void __tsan_mutex_post_signal(void*, unsigned) {}
void __tsan_mutex_pre_divert(void*, unsigned) {}
void __tsan_mutex_post_divert(void*, unsigned) {}

void* __tsan_external_register_tag(const char*) { return nullptr; }
void __tsan_external_register_header(void*, const char*) {}
void __tsan_external_assign_tag(void*, void*) {}
void __tsan_external_read(void* address, void* pc, void*) {
  plain_read(reinterpret_cast<std::uintptr_t>(address), 1, pc);
}
void __tsan_external_write(void* address, void* pc, void*) {
  plain_write(reinterpret_cast<std::uintptr_t>(address), 1, pc);
}

}  // extern "C"
