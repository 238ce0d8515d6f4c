// A plugin registry filled by constructors before main: each plugin's
// constructor takes the registry's lock and registers, and the registry
// announces each registration to the plugins registered before it, whose
// hook registers an alias, taking the same (non-recursive) lock again: the
// process deadlocks before main (natively it hangs every time). weft exec
// waited for the whole answer timeout (600 s) and gave up without a
// finding; now the start-up guard's watchdog reports a `hang` at the
// constructor, with a replay.
// weft-exec-expect: hang
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { most = 8 };
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const char* names[most];
static void (*hooks[most])(const char*);
static int registered;

static void register_plugin(const char* name, void (*hook)(const char*)) {
  pthread_mutex_lock(&registry_lock);
  const int earlier = registered;
  if (registered < most) {
    names[registered] = name;
    hooks[registered++] = hook;
  }
  for (int i = 0; i < earlier; ++i) {
    if (hooks[i] != NULL) hooks[i](name);  // BUG: called with the lock held
  }
  pthread_mutex_unlock(&registry_lock);
}

static void alias_hook(const char* name) {
  if (strcmp(name, "json") == 0) register_plugin("application/json", NULL);
}

__attribute__((constructor)) static void register_text(void) { register_plugin("text", alias_hook); }
__attribute__((constructor)) static void register_json(void) { register_plugin("json", NULL); }

int main(void) {
  pthread_mutex_lock(&registry_lock);
  for (int i = 0; i < registered; ++i) printf("%s\n", names[i]);
  pthread_mutex_unlock(&registry_lock);
  return 0;
}
