// A parser-style worker that needs a deep stack and asks for one: main
// creates it with pthread_attr_setstacksize(64 MiB), as programs that
// recurse deeply in a thread do, and it recurses about 10 MiB deep (more
// than the 8 MiB a thread gets by default). Under weft exec every logical
// thread had the default stack, whatever its attribute said: a stack
// overflow `crash` on a correct program.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { frame_bytes = 1024, frames = 9000 };

/// Each frame holds a buffer of its own and hands it down, as a recursive
/// descent parser does with its token.
static long depth(int n, const char* above) {
  char frame[frame_bytes];
  frame[n % frame_bytes] = (char)(n & 0x7f);
  if (n == 0) return 0;
  const long below = depth(n - 1, frame);
  // The caller's byte, which it wrote before the call: 0 for the outermost.
  return below + frame[n % frame_bytes] + (above != NULL ? above[(n + 1) % frame_bytes] : 0);
}

static void* parse(void* out) {
  *(long*)out = depth(frames, NULL);
  return NULL;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (pthread_attr_setstacksize(&attr, 64u << 20) != 0) return 1;
  long result = 0;
  pthread_t t;
  if (pthread_create(&t, &attr, parse, &result) != 0) return 1;
  pthread_attr_destroy(&attr);
  pthread_join(t, NULL);
  long expected = 0;
  for (int n = 1; n <= frames; ++n) expected += (n & 0x7f) + (n < frames ? ((n + 1) & 0x7f) : 0);
  if (result != expected) {
    fprintf(stderr, "depth gave %ld, not %ld\n", result, expected);
    abort();
  }
  printf("%ld\n", result);
  return 0;
}
