#include "tls_library.hpp"

namespace tls_library {

int next_in_this_thread() {
  thread_local int calls = 0;
  return ++calls;
}

}  // namespace tls_library
