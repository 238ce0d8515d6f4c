// The plugin registry of startup_lock_twice_bug.c, whose registration
// collects the hooks to call under the lock and calls them after letting
// it go: a hook that registers an alias takes the lock anew. Constructors
// fill the registry before main; main starts two readers that list it.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { most = 8 };
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const char* names[most];
static void (*hooks[most])(const char*);
static int registered;

static void register_plugin(const char* name, void (*hook)(const char*)) {
  void (*to_call[most])(const char*);
  pthread_mutex_lock(&registry_lock);
  const int earlier = registered;
  memcpy(to_call, hooks, sizeof to_call);
  if (registered < most) {
    names[registered] = name;
    hooks[registered++] = hook;
  }
  pthread_mutex_unlock(&registry_lock);
  for (int i = 0; i < earlier; ++i) {
    if (to_call[i] != NULL) to_call[i](name);  // the lock let go first
  }
}

static void alias_hook(const char* name) {
  if (strcmp(name, "json") == 0) register_plugin("application/json", NULL);
}

__attribute__((constructor)) static void register_text(void) { register_plugin("text", alias_hook); }
__attribute__((constructor)) static void register_json(void) { register_plugin("json", NULL); }

static void* list_plugins(void* arg) {
  (void)arg;
  int n = 0;
  pthread_mutex_lock(&registry_lock);
  for (int i = 0; i < registered; ++i) n += names[i] != NULL;
  pthread_mutex_unlock(&registry_lock);
  return (void*)(long)n;
}

int main(void) {
  pthread_t readers[2];
  for (int i = 0; i < 2; ++i) pthread_create(&readers[i], NULL, list_plugins, NULL);
  int total = 0;
  for (int i = 0; i < 2; ++i) {
    void* n;
    pthread_join(readers[i], &n);
    total += (int)(long)n;
  }
  return total == 6 ? 0 : 1;
}
