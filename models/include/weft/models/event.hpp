// weft/models/event.hpp — threading.Event (a flag, a mutex and a condition
// variable) and the seeds' patterns built on it: 004's ServiceManager
// (ready/shutdown events) and 002's traffic light (three events meant to be
// mutually exclusive).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>

namespace weft::models {

/// threading.Event: set(), clear(), is_set(), wait(), wait(timeout).
template <class Sync>
class event {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    flag_.store(true);
    changed_.notify_all();
  }
  void clear() {
    std::lock_guard lock(mutex_);
    flag_.store(false);
  }
  bool is_set() {
    std::lock_guard lock(mutex_);
    return flag_.load();
  }
  void wait() {
    std::unique_lock lock(mutex_);
    while (!flag_.load()) changed_.wait(lock);
  }
  template <class Rep, class Period>
  bool wait_for(std::chrono::duration<Rep, Period> timeout) {
    const auto deadline = Sync::now() + timeout;
    std::unique_lock lock(mutex_);
    while (!flag_.load()) {
      const auto left = deadline - Sync::now();
      if (left <= left.zero()) return false;
      changed_.wait_for(lock, left);
    }
    return true;
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable changed_;
  typename Sync::template var<bool> flag_{false};
};

/// Correct (004 §16.2.2 "Event(事件)", ServiceManager; 000 §2.2 "使用Event事件"):
/// workers wait until the service is ready, then work until shutdown is
/// requested. Seed timing: ready after 2 s, shutdown 3 s later, a work step
/// every 0.5 s.
template <class Sync>
class service_manager {
 public:
  void wait_ready() { ready_.wait(); }
  bool is_ready() { return ready_.is_set(); }
  void mark_ready() { ready_.set(); }
  void request_shutdown() { shutdown_.set(); }
  bool is_shutdown_requested() { return shutdown_.is_set(); }

  /// service_worker(): `work()` once per step, between ready and shutdown.
  template <class Work>
  void service_worker(Work&& work, std::chrono::milliseconds step = std::chrono::milliseconds(500)) {
    wait_ready();
    while (!is_shutdown_requested()) {
      Sync::this_thread::sleep_for(step);
      work();
    }
  }
  /// service_initializer().
  void service_initializer(std::chrono::milliseconds init = std::chrono::seconds(2),
                           std::chrono::milliseconds run = std::chrono::seconds(3)) {
    Sync::this_thread::sleep_for(init);
    mark_ready();
    Sync::this_thread::sleep_for(run);
    request_shutdown();
  }

 private:
  event<Sync> ready_;
  event<Sync> shutdown_;
};

/// BUG (002 §5.2.03 "b.Event事件", TrafficLight): three controller threads
/// each set and clear their own light on a timer, "coordinated" only by
/// waiting for the previous light to be *set*: red is set again right after
/// it is cleared, yellow turns on 5 s after red came on while red is still
/// on, and so on — two lights are on together. `observe` is called after
/// every light turns on, so a scenario can check exclusivity. stop() only
/// clears `running`: a controller or car blocked in wait() then waits for a
/// light nobody will set again (the seed's join(timeout=1) hides that hang).
/// `running` is an attribute assigned whole under the GIL: an atomic here.
template <class Sync>
class traffic_light {
 public:
  traffic_light() {
    red_.set();  // initial state: red
    green_.clear();
    yellow_.clear();
  }

  template <class Observe>
  void red_light_controller(Observe&& observe) {
    while (running_.load()) {
      red_.set();
      observe();
      Sync::this_thread::sleep_for(std::chrono::seconds(5));
      red_.clear();
    }
  }
  template <class Observe>
  void yellow_light_controller(Observe&& observe) {
    while (running_.load()) {
      red_.wait();  // "wait for red to end" — waits for red to be on
      Sync::this_thread::sleep_for(std::chrono::seconds(5));
      yellow_.set();
      observe();
      Sync::this_thread::sleep_for(std::chrono::seconds(2));
      yellow_.clear();
    }
  }
  template <class Observe>
  void green_light_controller(Observe&& observe) {
    while (running_.load()) {
      yellow_.wait();
      Sync::this_thread::sleep_for(std::chrono::seconds(2));
      green_.set();
      observe();
      Sync::this_thread::sleep_for(std::chrono::seconds(5));
      green_.clear();
    }
  }
  /// A car passes on green; `pass()` is called as it crosses.
  template <class Pass>
  void car(Pass&& pass) {
    while (running_.load()) {
      green_.wait();
      pass();
      Sync::this_thread::sleep_for(std::chrono::milliseconds(500));
      if (!green_.is_set()) continue;
    }
  }
  void pedestrian() {
    while (running_.load()) {
      green_.wait();
      Sync::this_thread::sleep_for(std::chrono::seconds(2));
    }
  }
  void stop() { running_.store(false); }

  /// How many lights are on now.
  std::size_t lights_on() {
    return std::size_t{red_.is_set()} + std::size_t{yellow_.is_set()} + std::size_t{green_.is_set()};
  }

 private:
  event<Sync> red_;
  event<Sync> green_;
  event<Sync> yellow_;
  typename Sync::template atomic<bool> running_{true};
};

}  // namespace weft::models
