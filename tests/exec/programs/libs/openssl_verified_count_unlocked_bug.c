// OpenSSL 3 from several threads (as openssl_shared_key_ok.c): one key and
// one digest shared by reference. The bug: the workers count the signatures
// they verified in a plain counter of the program's, without a lock.
// weft-exec-expect: data_race
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { workers = 2 };
static int verified;  // both workers' (the bug: no lock)

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
  if (j->ok) ++verified;
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
  if (failed != 0 || verified != workers) {
    fprintf(stderr, "%d workers failed\n", failed);
    return 1;
  }
  return 0;
}
