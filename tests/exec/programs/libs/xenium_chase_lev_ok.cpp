// xenium (libxenium-dev): Chase-Lev work-stealing deque; the owner pushes
// tasks and pops from its end while a thief steals from the other. Every
// task runs exactly once. Correct.
// weft-exec-expect: clean
#include <xenium/chase_work_stealing_deque.hpp>

#include <atomic>
#include <cassert>
#include <thread>

struct task {
  int id;
  int runs = 0;
};

int main() {
  constexpr int count = 4;
  task tasks[count] = {{0}, {1}, {2}, {3}};
  xenium::chase_work_stealing_deque<task> deque;
  std::atomic<int> done{0};
  std::thread thief([&] {
    task *t = nullptr;
    while (done.load() < count) {
      if (deque.try_steal(t)) {
        ++t->runs;
        ++done;
      } else {
        std::this_thread::yield();
      }
    }
  });
  for (task &t : tasks)
    deque.try_push(&t);
  task *t = nullptr;
  while (done.load() < count) {
    if (deque.try_pop(t)) {
      ++t->runs;
      ++done;
    }
  }
  thief.join();
  for (const task &t : tasks)
    assert(t.runs == 1);
}
