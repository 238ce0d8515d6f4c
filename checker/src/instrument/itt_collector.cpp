// itt_collector.cpp — a collector for Intel's ITT API (the "dynamic part"
// that ITT's static part, compiled into oneTBB, loads from
// $INTEL_LIBITTNOTIFY64), so that libtbb tells weft exec what it orders
// inside the library: a thread takes a task to run it (__itt_sync_acquired
// on the task), which pairs with weft's release at the task's spawn
// (tbb_tasks.cpp).
//
// Built as a shared object of its own and carried inside weft's runtime as
// bytes (generated itt_collector_blob.cpp): tbb_tasks.cpp writes it to a
// memfd and names that to ITT. Each entry goes on to the runtime's function
// of the same purpose, which the program exports (it is linked -rdynamic).
// ITT looks the entries up by name, once __itt_api_version says this is a
// collector of version 1, for the groups $INTEL_ITTNOTIFY_GROUPS names
// ("sync").
extern "C" {

void weft_itt_sync_acquired(void* address);
void weft_itt_sync_releasing(void* address);

[[gnu::visibility("default")]] void __itt_api_version() {}
[[gnu::visibility("default")]] void __itt_sync_acquired(void* address) { weft_itt_sync_acquired(address); }
[[gnu::visibility("default")]] void __itt_sync_releasing(void* address) { weft_itt_sync_releasing(address); }
[[gnu::visibility("default")]] void __itt_sync_prepare(void*) {}
[[gnu::visibility("default")]] void __itt_sync_cancel(void*) {}
[[gnu::visibility("default")]] void __itt_sync_create(void*, const char*, const char*, int) {}
[[gnu::visibility("default")]] void __itt_sync_rename(void*, const char*) {}
[[gnu::visibility("default")]] void __itt_sync_destroy(void*) {}

}  // extern "C"
