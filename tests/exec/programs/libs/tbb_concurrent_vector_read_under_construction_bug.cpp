// oneTBB's concurrent_vector (libtbb-dev): size() counts elements still under
// construction (oneTBB documents it), so reading v[size() - 1] while another
// thread push_back()s may read an element before its constructor wrote it: a
// data race on the element. A concurrent_queue, or a count published by the
// producer after the push, is the correct form.
// weft-exec-expect: data_race
#include <oneapi/tbb/concurrent_vector.h>

#include <cstdlib>
#include <thread>
int main() {
  tbb::concurrent_vector<int> readings;
  std::thread sensor([&] {
    for (int i = 1; i <= 3; ++i) readings.push_back(i * 10);
  });
  long sum = 0;
  std::thread display([&] {
    for (int k = 0; k < 3; ++k) {
      const std::size_t n = readings.size();
      if (n > 0) sum += readings[n - 1];
    }
  });
  sensor.join();
  display.join();
  return sum >= 0 ? 0 : 1;
}
