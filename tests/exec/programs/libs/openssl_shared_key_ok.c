// OpenSSL 3 as its documentation uses it from several threads: main makes
// one Ed25519 key and fetches SHA2-256 once, takes a reference to each for
// every worker (EVP_PKEY_up_ref, EVP_MD_up_ref) and drops its own while
// they run. Each worker copies the public key out (EVP_PKEY_get_raw_public_key),
// signs, verifies and hashes a message of its own with contexts of its own,
// and drops its references; whichever thread drops a key's last reference
// frees it, inside libcrypto. libcrypto counts the references with inline
// atomics weft does not see: its copy of the key out and its free of it in
// another thread were a false data_race at the first execution under every
// strategy before. Correct.
// weft-exec-expect: clean
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { workers = 2 };

struct job {
  EVP_PKEY* key;
  EVP_MD* md;
  int id;
  int ok;
};

static void* worker(void* arg) {
  struct job* j = arg;
  char message[64];
  const int length = snprintf(message, sizeof message, "message from worker %d", j->id);
  unsigned char public_key[32], signature[64], digest[EVP_MAX_MD_SIZE];
  size_t key_length = sizeof public_key, signature_length = sizeof signature;
  unsigned digest_length = 0;
  EVP_MD_CTX* sign = EVP_MD_CTX_new();
  EVP_MD_CTX* verify = EVP_MD_CTX_new();
  EVP_MD_CTX* hash = EVP_MD_CTX_new();
  j->ok = EVP_PKEY_get_raw_public_key(j->key, public_key, &key_length) == 1 &&
          EVP_DigestSignInit_ex(sign, NULL, NULL, NULL, NULL, j->key, NULL) == 1 &&
          EVP_DigestSign(sign, signature, &signature_length, (const unsigned char*)message, (size_t)length) == 1 &&
          EVP_DigestVerifyInit_ex(verify, NULL, NULL, NULL, NULL, j->key, NULL) == 1 &&
          EVP_DigestVerify(verify, signature, signature_length, (const unsigned char*)message, (size_t)length) == 1 &&
          EVP_DigestInit_ex2(hash, j->md, NULL) == 1 && EVP_DigestUpdate(hash, message, (size_t)length) == 1 &&
          EVP_DigestFinal_ex(hash, digest, &digest_length) == 1 && digest_length == 32;
  EVP_MD_CTX_free(sign);
  EVP_MD_CTX_free(verify);
  EVP_MD_CTX_free(hash);
  EVP_PKEY_free(j->key);  // this worker's references
  EVP_MD_free(j->md);
  return NULL;
}

int main(void) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
  EVP_MD* md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
  if (key == NULL || md == NULL) return 2;
  static struct job jobs[workers];
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) {
    EVP_PKEY_up_ref(key);
    EVP_MD_up_ref(md);
    jobs[i] = (struct job){key, md, i, 0};
    pthread_create(&threads[i], NULL, worker, &jobs[i]);
  }
  EVP_PKEY_free(key);  // main's own, while the workers may still use theirs
  EVP_MD_free(md);
  int failed = 0;
  for (int i = 0; i < workers; ++i) {
    pthread_join(threads[i], NULL);
    failed += !jobs[i].ok;
  }
  if (failed != 0) {
    fprintf(stderr, "%d workers failed\n", failed);
    return 1;
  }
  return 0;
}
