// Two constructors with priorities: the logger's, meant to run first,
// allocates its buffer; the metrics module's registers a line with the
// logger. The priorities are the wrong way round (a lower number runs
// first), so the metrics constructor writes through the logger's buffer
// pointer while it is still null: a crash before main (natively every
// time). weft exec reported only that the program was killed by SIGSEGV
// before answering; now it is a `crash` finding at the constructor, with a
// replay.
// weft-exec-expect: crash
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* log_buffer;  // the logger's, made by its constructor
static size_t log_used;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_line(const char* text) {
  pthread_mutex_lock(&log_lock);
  const size_t n = strlen(text);
  memcpy(log_buffer + log_used, text, n);  // null until the logger's constructor ran
  log_used += n;
  pthread_mutex_unlock(&log_lock);
}

__attribute__((constructor(300))) static void start_logger(void) { log_buffer = calloc(4096, 1); }
__attribute__((constructor(200))) static void start_metrics(void) { log_line("metrics: up\n"); }  // BUG: 200 < 300

static void* worker(void* arg) {
  log_line((const char*)arg);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, "worker: done\n");
  log_line("main: started\n");
  pthread_join(t, NULL);
  fputs(log_buffer, stdout);
  return 0;
}
