// GLib's main loop inside an execution of weft exec: work handed to the
// thread that runs a GMainContext with g_idle_add, g_timeout_add,
// g_timeout_add_seconds or g_main_context_invoke (and their _full forms).
//
// A worker computes a result, then g_idle_add(deliver, result); the loop
// thread runs deliver(result) and reads it. GLib orders the two through
// its context's lock and wake-up inside libglib-2.0.so, whose own calls to
// its GMutex keep the real lock (glib_sync.cpp): weft saw no order, and the
// loop's read of a result written before the add was a false data race. So
// these entry points are defined here: each add releases into one clock,
// and the program's callback runs behind a trampoline that acquires it
// first, every time the source dispatches. One clock for every context can
// hide a race between unrelated sources, never invent one. The program's
// destroy notify runs as GLib calls it. Not followed: a source the program
// builds itself (g_source_new, g_source_set_callback, g_source_attach), and
// the _once forms of GLib 2.74 (g_idle_add_once, g_timeout_add_once).
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// GLib's types by shape, without its headers.
struct _GMainContext;
typedef int gboolean;
typedef gboolean (*GSourceFunc)(void* user_data);
typedef void (*GDestroyNotify)(void* data);
unsigned g_idle_add(GSourceFunc function, void* data);
unsigned g_idle_add_full(int priority, GSourceFunc function, void* data, GDestroyNotify notify);
unsigned g_timeout_add(unsigned interval, GSourceFunc function, void* data);
unsigned g_timeout_add_full(int priority, unsigned interval, GSourceFunc function, void* data, GDestroyNotify notify);
unsigned g_timeout_add_seconds(unsigned interval, GSourceFunc function, void* data);
unsigned g_timeout_add_seconds_full(int priority, unsigned interval, GSourceFunc function, void* data,
                                    GDestroyNotify notify);
void g_main_context_invoke(_GMainContext* context, GSourceFunc function, void* data);
void g_main_context_invoke_full(_GMainContext* context, int priority, GSourceFunc function, void* data,
                                GDestroyNotify notify);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* glib_main_library = "libglib-2.0.so.0";
// GLib's priorities (gmain.h).
constexpr int priority_default = 0;
constexpr int priority_default_idle = 200;

WEFT_REAL_IN(g_idle_add_full, glib_main_library);
WEFT_REAL_IN(g_timeout_add_full, glib_main_library);
WEFT_REAL_IN(g_timeout_add_seconds_full, glib_main_library);
WEFT_REAL_IN(g_main_context_invoke_full, glib_main_library);

/// The clock every add releases into and every dispatch acquires.
char sources_added;

/// The program's callback and data, and its destroy notify.
struct source_call {
  GSourceFunc function;
  void* data;
  GDestroyNotify notify;
};

/// What the loop runs instead of the program's callback.
gboolean dispatch_source_call(void* call) {
  const auto* c = static_cast<const source_call*>(call);
  acquire_at(&sources_added);
  return c->function(c->data);
}

/// GLib's destroy notify of the trampoline's data: the program's, then ours.
void forget_source_call(void* call) {
  auto* c = static_cast<source_call*>(call);
  if (c->notify != nullptr) c->notify(c->data);
  const weft_section weft;  // weft's memory, not the program's
  delete c;
}

/// An add from the program inside an execution: a release, and the call
/// wrapped; `add(function, data, notify)` makes the real call.
template <class Add>
auto added(GSourceFunc function, void* data, GDestroyNotify notify, Add add) {
  if (tables() == nullptr || function == nullptr) return add(function, data, notify);
  release_at(&sources_added);
  source_call* call = nullptr;
  {
    const weft_section weft;
    call = new source_call{function, data, notify};
  }
  return add(&dispatch_source_call, call, &forget_source_call);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

unsigned g_idle_add_full(int priority, GSourceFunc function, void* data, GDestroyNotify notify) {
  return added(function, data, notify, [priority](GSourceFunc f, void* d, GDestroyNotify n) {
    return real_g_idle_add_full(priority, f, d, n);
  });
}
unsigned g_idle_add(GSourceFunc function, void* data) {
  return g_idle_add_full(priority_default_idle, function, data, nullptr);
}

unsigned g_timeout_add_full(int priority, unsigned interval, GSourceFunc function, void* data, GDestroyNotify notify) {
  return added(function, data, notify, [priority, interval](GSourceFunc f, void* d, GDestroyNotify n) {
    return real_g_timeout_add_full(priority, interval, f, d, n);
  });
}
unsigned g_timeout_add(unsigned interval, GSourceFunc function, void* data) {
  return g_timeout_add_full(priority_default, interval, function, data, nullptr);
}

unsigned g_timeout_add_seconds_full(int priority, unsigned interval, GSourceFunc function, void* data,
                                    GDestroyNotify notify) {
  return added(function, data, notify, [priority, interval](GSourceFunc f, void* d, GDestroyNotify n) {
    return real_g_timeout_add_seconds_full(priority, interval, f, d, n);
  });
}
unsigned g_timeout_add_seconds(unsigned interval, GSourceFunc function, void* data) {
  return g_timeout_add_seconds_full(priority_default, interval, function, data, nullptr);
}

void g_main_context_invoke_full(_GMainContext* context, int priority, GSourceFunc function, void* data,
                                GDestroyNotify notify) {
  added(function, data, notify, [context, priority](GSourceFunc f, void* d, GDestroyNotify n) {
    real_g_main_context_invoke_full(context, priority, f, d, n);
    return 0;
  });
}
void g_main_context_invoke(_GMainContext* context, GSourceFunc function, void* data) {
  g_main_context_invoke_full(context, priority_default, function, data, nullptr);
}

}  // extern "C"
