// A thread, and main after it, recurse about 3 MiB deep: it fits the 8 MiB
// a real thread gets from glibc (the stack rlimit), so the program runs. Its
// logical threads under weft exec get the same (they had 2 MiB: a stack
// overflow `crash` on a correct program). thread_stack_overflow_bug.c is the
// recursion without a bound.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>

/* Called through a volatile pointer: the compiler cannot see that the frame
 * is barely used, so each level keeps its whole kilobyte. */
static void mark(char* frame, int n) { frame[n % 1024] = (char)(n & 0x7f); }
static void (*volatile marker)(char*, int) = mark;

static long depth(int n) {
  char frame[1024];
  marker(frame, n);
  if (n == 0) return 0;
  const long below = depth(n - 1);
  return below + 1 + (frame[n % 1024] - (char)(n & 0x7f));
}

static void* deep(void* arg) {
  *(long*)arg = depth(3000);
  return NULL;
}

int main(void) {
  struct rlimit limit;  // a real run needs more than 3 MiB of stack too
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < (6u << 20)) {
    fprintf(stderr, "stack rlimit below 6 MiB: nothing to check\n");
    return 0;
  }
  long in_thread = 0;
  pthread_t t;
  pthread_create(&t, NULL, deep, &in_thread);
  pthread_join(t, NULL);
  const long in_main = depth(3000);
  if (in_thread != 3000 || in_main != 3000) {
    fprintf(stderr, "depth %ld %ld\n", in_thread, in_main);
    return 1;
  }
  return 0;
}
