// ZeroMQ's pipeline over inproc sockets, as its guide draws it: main pushes
// jobs to two worker threads (PUSH/PULL, each job a pointer to a struct it
// filled), each worker computes into the job and pushes it on to main's
// sink; one job's pixels travel without a copy (zmq_msg_init_data, freed by
// libzmq's call of the free function); main ends the workers' waits with
// zmq_ctx_shutdown (their receive fails with ETERM). Every write comes
// before the send that hands the object over. Correct.
// weft-exec-expect: clean
#include <zmq.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

struct job {
  int id;
  int input[4];
  int result;
};

namespace {

void free_pixels(void* data, void* /*hint*/) { std::free(data); }

void worker(void* context) {
  void* jobs = zmq_socket(context, ZMQ_PULL);
  void* sink = zmq_socket(context, ZMQ_PUSH);
  zmq_connect(jobs, "inproc://jobs");
  zmq_connect(sink, "inproc://sink");
  for (;;) {
    job* j = nullptr;
    if (zmq_recv(jobs, &j, sizeof j, 0) != sizeof j) break;  // ETERM: the context shuts down
    j->result = j->input[0] + j->input[1] + j->input[2] + j->input[3];
    zmq_send(sink, &j, sizeof j, 0);
  }
  zmq_close(jobs);
  zmq_close(sink);
}

}  // namespace

int main() {
  void* context = zmq_ctx_new();
  void* jobs = zmq_socket(context, ZMQ_PUSH);
  void* sink = zmq_socket(context, ZMQ_PULL);
  zmq_bind(jobs, "inproc://jobs");
  zmq_bind(sink, "inproc://sink");
  std::thread workers[2] = {std::thread(worker, context), std::thread(worker, context)};
  constexpr int count = 4;
  for (int i = 0; i < count; ++i) {
    job* j = new job{i, {i, 1, 2, 3}, 0};
    zmq_send(jobs, &j, sizeof j, 0);
  }
  int total = 0;
  for (int i = 0; i < count; ++i) {
    job* j = nullptr;
    zmq_recv(sink, &j, sizeof j, 0);
    total += j->result;
    delete j;
  }
  // One message without a copy: the buffer is libzmq's until it frees it.
  void* pixels = std::malloc(64);
  static_cast<unsigned char*>(pixels)[0] = 7;
  zmq_msg_t frame;
  zmq_msg_init_data(&frame, pixels, 64, free_pixels, nullptr);
  void* in = zmq_socket(context, ZMQ_PAIR);
  void* out = zmq_socket(context, ZMQ_PAIR);
  zmq_bind(in, "inproc://frames");
  zmq_connect(out, "inproc://frames");
  std::thread viewer([in] {
    zmq_msg_t got;
    zmq_msg_init(&got);
    zmq_msg_recv(&got, in, 0);
    const int first = static_cast<const unsigned char*>(zmq_msg_data(&got))[0];
    zmq_msg_close(&got);
    if (first != 7) std::abort();
  });
  zmq_msg_send(&frame, out, 0);
  viewer.join();
  zmq_close(in);
  zmq_close(out);
  zmq_close(jobs);
  zmq_close(sink);
  zmq_ctx_shutdown(context);
  for (auto& w : workers) w.join();
  zmq_ctx_term(context);
  const int expected = (0 + 1 + 2 + 3) + count * (1 + 2 + 3);
  if (total != expected) {
    std::printf("total %d, expected %d\n", total, expected);
    return 1;
  }
  return 0;
}
