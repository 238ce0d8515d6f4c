// A daemon-style program closes every descriptor above stderr, with close()
// in a loop on one thread, then close_range() and closefrom() on main. The
// descriptors weft writes to live in the same process; to the program they
// do not exist (EBADF), so the execution still reaches weft and is clean.
// The program's own pipe is really closed by each of the three.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

static int closed_is_gone(int fd) { return fcntl(fd, F_GETFD) == -1 && errno == EBADF; }

static void *close_all(void *arg) {
    (void)arg;
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    return NULL;
}

int main(void) {
    int fds[2];
    assert(pipe(fds) == 0);
    pthread_t t;
    pthread_create(&t, NULL, close_all, NULL);
    pthread_join(t, NULL);
    assert(closed_is_gone(fds[0]) && closed_is_gone(fds[1]));

    assert(pipe(fds) == 0);
    assert(close_range(3, ~0U, 0) == 0);
    assert(closed_is_gone(fds[0]) && closed_is_gone(fds[1]));

    assert(pipe(fds) == 0);
    closefrom(3);
    assert(closed_is_gone(fds[0]) && closed_is_gone(fds[1]));
    return 0;
}
