// Reference counts that compiled libraries keep with atomics the
// instrumentation never sees, inside an execution of weft exec: the unref
// functions of GObject (g_object_unref, g_closure_unref,
// g_param_spec_unref), of GLib's counted types (GBytes, GVariant,
// GHashTable, GPtrArray, GArray, GByteArray, GAsyncQueue, GMainContext,
// GMainLoop, GSource, GAtomicRcBox, GRefString, gatomicrefcount), and
// Abseil's absl::Status (Status::UnrefNonInlined, in libabsl_status.so).
//
// Each drops a reference with an atomic decrement inside the library, and
// the last one runs what the program gave to run then (a GObject's dispose
// and finalize, a hash table's key and value destroy functions, an array's
// clear function) and frees the memory: threads that share a GObject, each
// holding a reference, were a false data race between one thread's last use
// of the object and another's finalize, and threads that each hold a copy of
// an absl::Status with a message one between a thread's read of the message
// and the delete in another (each found at the first execution under every
// strategy). So each of these is defined here, as the decrement is: a
// scheduling point (which thread drops the last reference is a choice),
// then an acquire of the drops before it and a release to the ones after
// it, on the clock kept at the object's address (counted_drop), then the
// real function. Taking a reference needs no edge.
//
// libgobject and libgio call GLib's through their PLT, so a GTask's
// references are followed too; libglib's calls inside itself stay its own.
// Only Debian 12's Abseil (the inline namespace absl::debian3) is followed.
// The clock goes with the object's memory when that is freed (free, and the
// allocators weft follows), so a new object at the same address starts
// without the old one's drops.
// Outside an execution the real functions run untouched.
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// GLib's functions, without its headers: its types by address only.
typedef int gboolean;
typedef void (*GDestroyNotify)(void* data);
struct _GClosure;
struct _GParamSpec;
struct _GBytes;
struct _GByteArray;
struct _GVariant;
struct _GHashTable;
struct _GPtrArray;
struct _GArray;
struct _GAsyncQueue;
struct _GMainContext;
struct _GMainLoop;
struct _GSource;
void g_object_unref(void* object);
void g_closure_unref(_GClosure* closure);
void g_param_spec_unref(_GParamSpec* pspec);
void g_bytes_unref(_GBytes* bytes);
void* g_bytes_unref_to_data(_GBytes* bytes, std::size_t* size);
_GByteArray* g_bytes_unref_to_array(_GBytes* bytes);
void g_variant_unref(_GVariant* value);
void g_hash_table_unref(_GHashTable* table);
void g_hash_table_destroy(_GHashTable* table);
void g_ptr_array_unref(_GPtrArray* array);
void** g_ptr_array_free(_GPtrArray* array, gboolean free_segment);
void g_array_unref(_GArray* array);
char* g_array_free(_GArray* array, gboolean free_segment);
void g_byte_array_unref(_GByteArray* array);
std::uint8_t* g_byte_array_free(_GByteArray* array, gboolean free_segment);
void g_async_queue_unref(_GAsyncQueue* queue);
void g_main_context_unref(_GMainContext* context);
void g_main_loop_unref(_GMainLoop* loop);
void g_source_unref(_GSource* source);
void g_atomic_rc_box_release(void* block);
void g_atomic_rc_box_release_full(void* block, GDestroyNotify clear_func);
void g_ref_string_release(char* str);
gboolean g_atomic_ref_count_dec(int* arc);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* libglib = "libglib-2.0.so.0";
constexpr const char* libgobject = "libgobject-2.0.so.0";

WEFT_REAL_IN(g_object_unref, libgobject);
WEFT_REAL_IN(g_closure_unref, libgobject);
WEFT_REAL_IN(g_param_spec_unref, libgobject);
WEFT_REAL_IN(g_bytes_unref, libglib);
WEFT_REAL_IN(g_bytes_unref_to_data, libglib);
WEFT_REAL_IN(g_bytes_unref_to_array, libglib);
WEFT_REAL_IN(g_variant_unref, libglib);
WEFT_REAL_IN(g_hash_table_unref, libglib);
WEFT_REAL_IN(g_hash_table_destroy, libglib);
WEFT_REAL_IN(g_ptr_array_unref, libglib);
WEFT_REAL_IN(g_ptr_array_free, libglib);
WEFT_REAL_IN(g_array_unref, libglib);
WEFT_REAL_IN(g_array_free, libglib);
WEFT_REAL_IN(g_byte_array_unref, libglib);
WEFT_REAL_IN(g_byte_array_free, libglib);
WEFT_REAL_IN(g_async_queue_unref, libglib);
WEFT_REAL_IN(g_main_context_unref, libglib);
WEFT_REAL_IN(g_main_loop_unref, libglib);
WEFT_REAL_IN(g_source_unref, libglib);
WEFT_REAL_IN(g_atomic_rc_box_release, libglib);
WEFT_REAL_IN(g_atomic_rc_box_release_full, libglib);
WEFT_REAL_IN(g_ref_string_release, libglib);
WEFT_REAL_IN(g_atomic_ref_count_dec, libglib);

}  // namespace

void library_reference_dropped(const void* object, const char* what, const void* pc) {
  if (object == nullptr || tables() == nullptr) return;
  library_point(what, pc);
  counted_drop(object);
}

}  // namespace weft::detail::instrument

using weft::detail::instrument::library_reference_dropped;
using namespace weft::detail::instrument;

/// Defines `name` (its first argument the counted object): the drop, then
/// the real function.
#define WEFT_GLIB_UNREF(name, object, ...)           \
  library_reference_dropped(object, #name, WEFT_PC); \
  return real_##name(object __VA_OPT__(, ) __VA_ARGS__)

extern "C" {

void g_object_unref(void* object) { WEFT_GLIB_UNREF(g_object_unref, object); }
void g_closure_unref(_GClosure* closure) { WEFT_GLIB_UNREF(g_closure_unref, closure); }
void g_param_spec_unref(_GParamSpec* pspec) { WEFT_GLIB_UNREF(g_param_spec_unref, pspec); }
void g_bytes_unref(_GBytes* bytes) { WEFT_GLIB_UNREF(g_bytes_unref, bytes); }
void* g_bytes_unref_to_data(_GBytes* bytes, std::size_t* size) { WEFT_GLIB_UNREF(g_bytes_unref_to_data, bytes, size); }
_GByteArray* g_bytes_unref_to_array(_GBytes* bytes) { WEFT_GLIB_UNREF(g_bytes_unref_to_array, bytes); }
void g_variant_unref(_GVariant* value) { WEFT_GLIB_UNREF(g_variant_unref, value); }
void g_hash_table_unref(_GHashTable* table) { WEFT_GLIB_UNREF(g_hash_table_unref, table); }
void g_hash_table_destroy(_GHashTable* table) { WEFT_GLIB_UNREF(g_hash_table_destroy, table); }
void g_ptr_array_unref(_GPtrArray* array) { WEFT_GLIB_UNREF(g_ptr_array_unref, array); }
void** g_ptr_array_free(_GPtrArray* array, gboolean free_segment) {
  WEFT_GLIB_UNREF(g_ptr_array_free, array, free_segment);
}
void g_array_unref(_GArray* array) { WEFT_GLIB_UNREF(g_array_unref, array); }
char* g_array_free(_GArray* array, gboolean free_segment) { WEFT_GLIB_UNREF(g_array_free, array, free_segment); }
void g_byte_array_unref(_GByteArray* array) { WEFT_GLIB_UNREF(g_byte_array_unref, array); }
std::uint8_t* g_byte_array_free(_GByteArray* array, gboolean free_segment) {
  WEFT_GLIB_UNREF(g_byte_array_free, array, free_segment);
}
void g_async_queue_unref(_GAsyncQueue* queue) { WEFT_GLIB_UNREF(g_async_queue_unref, queue); }
void g_main_context_unref(_GMainContext* context) { WEFT_GLIB_UNREF(g_main_context_unref, context); }
void g_main_loop_unref(_GMainLoop* loop) { WEFT_GLIB_UNREF(g_main_loop_unref, loop); }
void g_source_unref(_GSource* source) { WEFT_GLIB_UNREF(g_source_unref, source); }
void g_atomic_rc_box_release(void* block) { WEFT_GLIB_UNREF(g_atomic_rc_box_release, block); }
void g_atomic_rc_box_release_full(void* block, GDestroyNotify clear_func) {
  WEFT_GLIB_UNREF(g_atomic_rc_box_release_full, block, clear_func);
}
void g_ref_string_release(char* str) { WEFT_GLIB_UNREF(g_ref_string_release, str); }
gboolean g_atomic_ref_count_dec(int* arc) { WEFT_GLIB_UNREF(g_atomic_ref_count_dec, arc); }

}  // extern "C"

// absl::Status: a copy shares the representation of a status with a message
// or a payload; ~Status is inline, its decrement is not.
extern "C" void absl_status_unref_non_inlined(std::uintptr_t rep) __asm__("_ZN4absl7debian36Status15UnrefNonInlinedEm");
extern "C" void absl_status_unref_non_inlined(std::uintptr_t rep) {
  static std::atomic<void*> real{nullptr};
  library_reference_dropped(reinterpret_cast<const void*>(rep), "absl::Status::Unref", WEFT_PC);
  reinterpret_cast<void (*)(std::uintptr_t)>(
      resolve_real_in(real, "_ZN4absl7debian36Status15UnrefNonInlinedEm", "libabsl_status.so.20220623"))(rep);
}
