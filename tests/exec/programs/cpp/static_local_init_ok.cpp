// Function-local statics initialised on first use by whichever thread gets
// there first ("magic statics", thread-safe since C++11): a lookup table,
// a registry singleton, and a static whose constructor throws the first
// time (the next caller initialises it). Correct: the compiler's guard
// orders each initialisation before every use.
// weft-exec-expect: clean
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::map<std::string, int>& table() {
  static const std::map<std::string, int> t{{"one", 1}, {"two", 2}, {"three", 3}};
  return t;
}

class registry {
 public:
  static registry& instance() {
    static registry r;
    return r;
  }
  void add(int v) {
    std::lock_guard<std::mutex> hold(m_);
    values_.push_back(v);
  }
  std::size_t size() {
    std::lock_guard<std::mutex> hold(m_);
    return values_.size();
  }

 private:
  registry() { values_.reserve(8); }
  std::mutex m_;
  std::vector<int> values_;
};

int attempts = 0;  // touched only inside the initialisation, which the guard serialises
struct flaky {
  flaky() {
    if (attempts++ == 0) throw std::runtime_error("not yet");
  }
  int value = 5;
};
int flaky_value() {
  static flaky f;
  return f.value;
}
int flaky_value_retrying() {
  try {
    return flaky_value();
  } catch (const std::runtime_error&) {
    return flaky_value();
  }
}

}  // namespace

int main() {
  std::vector<std::thread> threads;
  std::vector<int> got(3);
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&got, i] {
      got[i] = table().at(i == 1 ? "two" : "three") + flaky_value_retrying();
      registry::instance().add(i);
    });
  }
  for (auto& t : threads) t.join();
  return got[0] + got[1] + got[2] == 8 + 7 + 8 && registry::instance().size() == 3 ? 0 : 1;
}
