// A QThreadPool runs a lambda that writes its result; the program reads the
// result before QThreadPool::waitForDone, which is what orders the run
// before the read. A data race weft must find through the pool's hand-over.
// weft-exec-expect: data_race
#include <QThreadPool>
#include <cstdio>

int main() {
  QThreadPool pool;
  int result = 0;
  pool.start([&result] { result = 42; });
  const int early = result;  // BUG: the runnable may not have run (or finished)
  pool.waitForDone();
  std::printf("%d %d\n", early, result);
  return result == 42 ? 0 : 1;
}
