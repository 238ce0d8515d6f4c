// Userspace RCU's wait-free stack (liburcu-dev, urcu/wfstack.h) from C++,
// calling the library (its inline version is C only): producers on std::thread
// push jobs they filled in; a consumer pops them with
// cds_wfs_pop_blocking() until it has all, and runs them. Correct: the push
// publishes the node with a fully ordered exchange; the blocking pop takes
// the stack's lock.
// weft-exec-expect: clean
#include <urcu/wfstack.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

struct job {
  std::string name;
  int cost = 0;
  cds_wfs_node node{};
};

cds_wfs_stack jobs;

// liburcu 0.13 passes the stack as a C transparent union, which C++ builds
// explicitly.
cds_wfs_stack_ptr_t jobs_stack() { return cds_wfs_stack_ptr_t{.s = &jobs}; }

}  // namespace

int main() {
  cds_wfs_init(&jobs);
  std::vector<std::thread> producers;
  for (int p = 0; p < 2; ++p) {
    producers.emplace_back([p] {
      auto* j = new job;
      cds_wfs_node_init(&j->node);
      j->name = "job-" + std::to_string(p);
      j->cost = p + 1;
      cds_wfs_push(jobs_stack(), &j->node);
    });
  }
  int total = 0;
  for (int got = 0; got < 2;) {
    cds_wfs_node* n = cds_wfs_pop_blocking(&jobs);
    if (n == nullptr) continue;  // empty for now
    job* j = caa_container_of(n, job, node);
    if (j->name.rfind("job-", 0) != 0) std::abort();
    total += j->cost;
    delete j;
    ++got;
  }
  for (auto& t : producers) t.join();
  cds_wfs_destroy(&jobs);
  return total == 3 ? 0 : 1;
}
