// ZeroMQ's pipeline over inproc sockets (as zmq_inproc_pipeline_ok.cpp):
// main pushes job pointers to two workers, each computes into the job and
// pushes it on to main's sink. The bug: a worker stamps the job with its
// name after it sent the job on, while main, which may have received it
// already, counts the jobs by the name stamped on them and deletes them
// (natively a wrong count now and then, or a write into a freed job).
// weft-exec-expect: data_race
#include <zmq.h>

#include <cstdio>
#include <thread>

struct job {
  int id;
  int input[4];
  int result;
  int done_by;
};

namespace {

void worker(void* context, int name) {
  void* jobs = zmq_socket(context, ZMQ_PULL);
  void* sink = zmq_socket(context, ZMQ_PUSH);
  zmq_connect(jobs, "inproc://jobs");
  zmq_connect(sink, "inproc://sink");
  for (;;) {
    job* j = nullptr;
    if (zmq_recv(jobs, &j, sizeof j, 0) != sizeof j) break;  // ETERM: the context shuts down
    j->result = j->input[0] + j->input[1] + j->input[2] + j->input[3];
    zmq_send(sink, &j, sizeof j, 0);
    j->done_by = name;  // too late: the job is main's now
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
  std::thread workers[2] = {std::thread(worker, context, 1), std::thread(worker, context, 2)};
  constexpr int count = 4;
  for (int i = 0; i < count; ++i) {
    job* j = new job{i, {i, 1, 2, 3}, 0, 0};
    zmq_send(jobs, &j, sizeof j, 0);
  }
  int total = 0, by_worker[3] = {0, 0, 0};
  for (int i = 0; i < count; ++i) {
    job* j = nullptr;
    zmq_recv(sink, &j, sizeof j, 0);
    total += j->result;
    ++by_worker[j->done_by];
    delete j;
  }
  zmq_close(jobs);
  zmq_close(sink);
  zmq_ctx_shutdown(context);
  for (auto& w : workers) w.join();
  zmq_ctx_term(context);
  if (by_worker[0] != 0) {
    std::printf("%d jobs counted before their worker stamped them\n", by_worker[0]);
    return 1;
  }
  return total == (0 + 1 + 2 + 3) + count * (1 + 2 + 3) ? 0 : 1;
}
