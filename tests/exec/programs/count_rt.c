// count_rt.c: a stand-in for the ThreadSanitizer runtime that only counts.
// A program compiled with clang -fsanitize=thread but linked with this file
// (instead of the TSan runtime) runs natively and prints, at exit, how many
// instrumented events one execution made: atomic operations (what weft
// schedules around), fences, plain reads/writes and function entries. Used by
// count_events.sh to keep the proof programs small (well under 500 atomics).
// Every atomic is performed seq_cst, which is correct, only stronger.
// With COUNT_RT_SHAKE=1 in the environment it also perturbs the schedule: at
// random events it yields or sleeps a few microseconds (a poor man's stress
// test, used to show that each bug program's bug can really happen).
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static unsigned long atomics, fences, reads, writes, calls;
static int shake;
static _Thread_local uint64_t rng;

static void maybe_shake(void) {
    if (!shake)
        return;
    if (rng == 0)
        rng = ((uint64_t)(uintptr_t)&rng ^ (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32)) | 1;
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    unsigned r = (unsigned)(rng % 8);
    if (r < 2)
        sched_yield();
    else if (r == 2)
        usleep(1 + (unsigned)(rng >> 40) % 500);
}

#define COUNT(c) (__atomic_fetch_add(&(c), 1, __ATOMIC_RELAXED), maybe_shake())
#define SC __ATOMIC_SEQ_CST

void __tsan_init(void) {
    const char *s = getenv("COUNT_RT_SHAKE");
    shake = s != NULL && *s == '1';
}
void __tsan_func_entry(void *pc) { (void)pc; COUNT(calls); }
void __tsan_func_exit(void) {}
void __tsan_vptr_update(void **p, void *v) { (void)p; (void)v; COUNT(writes); }
void __tsan_vptr_read(void **p) { (void)p; COUNT(reads); }
void __tsan_read_range(void *p, unsigned long n) { (void)p; (void)n; COUNT(reads); }
void __tsan_write_range(void *p, unsigned long n) { (void)p; (void)n; COUNT(writes); }

#define PLAIN(n)                                                          \
    void __tsan_read##n(void *p) { (void)p; COUNT(reads); }             \
    void __tsan_write##n(void *p) { (void)p; COUNT(writes); }           \
    void __tsan_unaligned_read##n(void *p) { (void)p; COUNT(reads); }   \
    void __tsan_unaligned_write##n(void *p) { (void)p; COUNT(writes); }
PLAIN(1)
PLAIN(2)
PLAIN(4)
PLAIN(8)
PLAIN(16)

#define ATOMIC(bits, T)                                                                     \
    T __tsan_atomic##bits##_load(const volatile T *a, int mo) {                             \
        (void)mo; COUNT(atomics); return __atomic_load_n(a, SC);                            \
    }                                                                                       \
    void __tsan_atomic##bits##_store(volatile T *a, T v, int mo) {                          \
        (void)mo; COUNT(atomics); __atomic_store_n(a, v, SC);                               \
    }                                                                                       \
    T __tsan_atomic##bits##_exchange(volatile T *a, T v, int mo) {                          \
        (void)mo; COUNT(atomics); return __atomic_exchange_n(a, v, SC);                     \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_add(volatile T *a, T v, int mo) {                         \
        (void)mo; COUNT(atomics); return __atomic_fetch_add(a, v, SC);                      \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_sub(volatile T *a, T v, int mo) {                         \
        (void)mo; COUNT(atomics); return __atomic_fetch_sub(a, v, SC);                      \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_and(volatile T *a, T v, int mo) {                         \
        (void)mo; COUNT(atomics); return __atomic_fetch_and(a, v, SC);                      \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_or(volatile T *a, T v, int mo) {                          \
        (void)mo; COUNT(atomics); return __atomic_fetch_or(a, v, SC);                       \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_xor(volatile T *a, T v, int mo) {                         \
        (void)mo; COUNT(atomics); return __atomic_fetch_xor(a, v, SC);                      \
    }                                                                                       \
    T __tsan_atomic##bits##_fetch_nand(volatile T *a, T v, int mo) {                        \
        (void)mo; COUNT(atomics); return __atomic_fetch_nand(a, v, SC);                     \
    }                                                                                       \
    int __tsan_atomic##bits##_compare_exchange_strong(volatile T *a, T *c, T v, int mo,    \
                                                      int fmo) {                            \
        (void)mo; (void)fmo; COUNT(atomics);                                                \
        return __atomic_compare_exchange_n(a, c, v, 0, SC, SC);                             \
    }                                                                                       \
    int __tsan_atomic##bits##_compare_exchange_weak(volatile T *a, T *c, T v, int mo,      \
                                                    int fmo) {                              \
        (void)mo; (void)fmo; COUNT(atomics);                                                \
        return __atomic_compare_exchange_n(a, c, v, 0, SC, SC);                             \
    }                                                                                       \
    T __tsan_atomic##bits##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo) { \
        (void)mo; (void)fmo; COUNT(atomics);                                                \
        __atomic_compare_exchange_n(a, &c, v, 0, SC, SC);                                   \
        return c;                                                                           \
    }
ATOMIC(8, uint8_t)
ATOMIC(16, uint16_t)
ATOMIC(32, uint32_t)
ATOMIC(64, uint64_t)

void __tsan_atomic_thread_fence(int mo) { (void)mo; COUNT(fences); __atomic_thread_fence(SC); }
void __tsan_atomic_signal_fence(int mo) { (void)mo; }

// The dynamic-annotation API (readerwriterqueue calls it around its fences).
void AnnotateHappensBefore(const char *f, int l, void *a) { (void)f; (void)l; (void)a; }
void AnnotateHappensAfter(const char *f, int l, void *a) { (void)f; (void)l; (void)a; }

__attribute__((destructor)) static void report(void) {
    fprintf(stderr, "count_rt: atomics=%lu fences=%lu reads=%lu writes=%lu calls=%lu\n",
            atomics, fences, reads, writes, calls);
}
