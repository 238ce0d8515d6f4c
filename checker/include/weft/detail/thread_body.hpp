// weft/detail/thread_body.hpp — what a logical thread runs: a move-only
// callable kept inline up to 64 bytes, so that spawning the usual thread
// body (a lambda holding a few references and arguments) allocates nothing.
// std::function keeps 16 bytes inline and is copyable; std::move_only_function
// is C++23. Larger callables go to the heap, as with std::function.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace weft::detail {

class thread_body {
 public:
  thread_body() noexcept = default;

  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, thread_body> && std::is_invocable_v<std::decay_t<F>&>)
  thread_body(F&& f) {  // NOLINT(google-explicit-constructor): converts as std::function does
    using T = std::decay_t<F>;
    if constexpr (kept_inline<T>) {
      ::new (static_cast<void*>(storage_)) T(std::forward<F>(f));
      ops_ = &inline_ops<T>;
    } else {
      ::new (static_cast<void*>(storage_)) T*(new T(std::forward<F>(f)));
      ops_ = &heap_ops<T>;
    }
  }
  thread_body(thread_body&& other) noexcept { take(other); }
  thread_body& operator=(thread_body&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  thread_body(const thread_body&) = delete;
  thread_body& operator=(const thread_body&) = delete;
  ~thread_body() { reset(); }

  void operator()() { ops_->call(storage_); }
  explicit operator bool() const noexcept { return ops_ != nullptr; }
  /// Destroys the callable (and what it holds): empty afterwards.
  void reset() noexcept {
    if (ops_ != nullptr) std::exchange(ops_, nullptr)->destroy(storage_);
  }

 private:
  static constexpr std::size_t inline_size = 64;
  template <class T>
  static constexpr bool kept_inline =
      sizeof(T) <= inline_size && alignof(T) <= alignof(std::max_align_t) && std::is_nothrow_move_constructible_v<T>;

  struct operations {
    void (*call)(void* storage);
    void (*move)(void* to, void* from) noexcept;  // constructs at `to`, destroys at `from`
    void (*destroy)(void* storage) noexcept;
  };
  template <class T>
  static constexpr operations inline_ops = {
      [](void* s) { (*std::launder(static_cast<T*>(s)))(); },
      [](void* to, void* from) noexcept {
        T* source = std::launder(static_cast<T*>(from));
        ::new (to) T(std::move(*source));
        source->~T();
      },
      [](void* s) noexcept { std::launder(static_cast<T*>(s))->~T(); },
  };
  template <class T>
  static constexpr operations heap_ops = {
      [](void* s) { (**std::launder(static_cast<T**>(s)))(); },
      [](void* to, void* from) noexcept { ::new (to) T*(*std::launder(static_cast<T**>(from))); },
      [](void* s) noexcept { delete *std::launder(static_cast<T**>(s)); },
  };

  void take(thread_body& other) noexcept {
    if (other.ops_ == nullptr) return;
    other.ops_->move(storage_, other.storage_);
    ops_ = std::exchange(other.ops_, nullptr);
  }

  alignas(std::max_align_t) unsigned char storage_[inline_size];
  const operations* ops_ = nullptr;
};

}  // namespace weft::detail
