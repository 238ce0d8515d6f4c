// Reads numbers from its standard input, one a line, sums them with two
// threads (each its half) and exits 0 when the sum is argv[1], 1 when it
// is not, 3 when the input is empty: a correct program that every
// execution under weft exec must run on the whole input
// (instrument/stdin_capture.cpp; expect_same_stdin.sh).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { most = 1024 };
static long numbers[most];
static int count;

static void* sum_half(void* arg) {
  const int half = (int)(long)arg;
  long sum = 0;
  for (int i = half; i < count; i += 2) sum += numbers[i];
  return (void*)sum;
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  while (count < most && scanf("%ld", &numbers[count]) == 1) ++count;
  if (count == 0) return 3;
  pthread_t t[2];
  for (long i = 0; i < 2; ++i) pthread_create(&t[i], NULL, sum_half, (void*)i);
  long total = 0;
  for (int i = 0; i < 2; ++i) {
    void* part;
    pthread_join(t[i], &part);
    total += (long)part;
  }
  return total == atol(argv[1]) ? 0 : 1;
}
