// POSIX asynchronous I/O (as posix_aio_completions_ok.c). The bug: main
// starts filling the write's buffer with the next record while the write
// is still in flight (glibc's helper thread may copy the new bytes to the
// file, and the read back finds them).
// weft-exec-expect: data_race|exit
#include <aio.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { size = 512 };
static char written[size], read_back[size], second_half[size / 2];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t completed = PTHREAD_COND_INITIALIZER;
static int done;

static void on_done(union sigval value) {
  (void)value;
  pthread_mutex_lock(&lock);
  done = 1;
  pthread_cond_signal(&completed);
  pthread_mutex_unlock(&lock);
}

static void prepare(struct aiocb* request, int fd, void* buffer, size_t n, off_t offset) {
  memset(request, 0, sizeof *request);
  request->aio_fildes = fd;
  request->aio_buf = buffer;
  request->aio_nbytes = n;
  request->aio_offset = offset;
}

int main(void) {
  char path[] = "/tmp/weft_aio_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 2;
  unlink(path);
  for (int i = 0; i < size; ++i) written[i] = (char)(i * 7 + 1);
  struct aiocb request;

  // A write, its completion told by a function on another thread.
  prepare(&request, fd, written, size, 0);
  request.aio_sigevent.sigev_notify = SIGEV_THREAD;
  request.aio_sigevent.sigev_notify_function = on_done;
  if (aio_write(&request) != 0) return 3;
  static char first[size];
  memcpy(first, written, size);
  for (int i = 0; i < size; ++i) written[i] = (char)(i * 3);  // the next record... too early
  pthread_mutex_lock(&lock);
  while (!done) pthread_cond_wait(&completed, &lock);
  pthread_mutex_unlock(&lock);
  if (aio_error(&request) != 0 || aio_return(&request) != size) return 4;

  // A read, waited for with aio_suspend.
  prepare(&request, fd, read_back, size, 0);
  if (aio_read(&request) != 0) return 5;
  const struct aiocb* waiting[1] = {&request};
  while (aio_error(&request) == EINPROGRESS) {
    if (aio_suspend(waiting, 1, NULL) != 0 && errno != EINTR) return 6;
  }
  if (aio_return(&request) != size || memcmp(read_back, first, size) != 0) return 1;

  // Two reads in one list, waited for by lio_listio itself.
  struct aiocb halves[2];
  prepare(&halves[0], fd, read_back, size / 2, 0);
  prepare(&halves[1], fd, second_half, size / 2, size / 2);
  halves[0].aio_lio_opcode = halves[1].aio_lio_opcode = LIO_READ;
  struct aiocb* list[2] = {&halves[0], &halves[1]};
  if (lio_listio(LIO_WAIT, list, 2, NULL) != 0) return 7;
  if (memcmp(second_half, first + size / 2, size / 2) != 0 || memcmp(read_back, first, size / 2) != 0) return 1;
  close(fd);
  return 0;
}
