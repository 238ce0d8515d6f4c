// The same handoff with the table filled in after the connect: the server
// may accept and read it before the worker wrote it (a data race, and a
// wrong sum).
// weft-exec-expect: data_race
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener;
static struct sockaddr_in address;
static int table[4];

static void* server(void* arg) {
  (void)arg;
  const int c = accept(listener, NULL, NULL);
  if (c < 0) abort();
  const int sum = table[0] + table[1] + table[2] + table[3];
  close(c);
  return (void*)(long)sum;
}

static void* client(void* arg) {
  (void)arg;
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(s, (struct sockaddr*)&address, sizeof address) != 0) abort();
  for (int i = 0; i < 4; ++i) table[i] = i + 1;  // BUG: the server may already be reading
  close(s);
  return NULL;
}

int main(void) {
  listener = socket(AF_INET, SOCK_STREAM, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof address;
  if (bind(listener, (struct sockaddr*)&address, sizeof address) != 0 || listen(listener, 4) != 0 ||
      getsockname(listener, (struct sockaddr*)&address, &len) != 0)
    return 2;
  pthread_t a, b;
  pthread_create(&a, NULL, server, NULL);
  pthread_create(&b, NULL, client, NULL);
  void* sum = NULL;
  pthread_join(a, &sum);
  pthread_join(b, NULL);
  close(listener);
  return (long)sum == 10 ? 0 : 1;
}
