// xenium (libxenium-dev): a seqlock around a two-field record; one writer
// updates it, two readers take consistent snapshots (both fields from the
// same update). Correct.
// weft-exec-expect: clean
#include <xenium/seqlock.hpp>

#include <cassert>
#include <thread>

struct point {
  long x;
  long y;
};

int main() {
  xenium::seqlock<point> position(point{0, 0});
  std::thread writer([&] {
    for (int i = 1; i <= 3; ++i)
      position.store(point{i, -i});
  });
  auto reader = [&] {
    for (int i = 0; i < 3; ++i) {
      const point p = position.load();
      assert(p.x == -p.y);
    }
  };
  std::thread r1(reader), r2(reader);
  writer.join();
  r1.join();
  r2.join();
}
