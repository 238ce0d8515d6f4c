// xenium (libxenium-dev): Chase-Lev work-stealing deque used with two
// owners. The bug: try_pop is the owner's operation, for one thread only;
// here a helper thread pops from the owner's end too, and the two pops can
// take the same task, which then runs twice.
// weft-exec-expect: crash
#include <xenium/chase_work_stealing_deque.hpp>

#include <atomic>
#include <cassert>
#include <thread>

struct task {
  int id;
  std::atomic<int> runs{0};
};

int main() {
  constexpr int count = 2;
  task tasks[count];
  xenium::chase_work_stealing_deque<task> deque;
  for (task &t : tasks)
    deque.try_push(&t);
  std::atomic<int> done{0};
  auto worker = [&] {
    task *t = nullptr;
    while (done.load() < count) {
      if (deque.try_pop(t)) {
        assert(t->runs.fetch_add(1) == 0 && "a task ran twice");
        ++done;
      } else {
        std::this_thread::yield();
      }
    }
  };
  std::thread helper(worker);
  worker();
  helper.join();
}
