// The cryptographic floor of one ADMIN_USER_PASSWORD_AUTH sign-in that answers tokens, in CPU time:
// checking the password is one 3072-bit modular exponentiation with a 256-bit secret exponent
// (g^x mod N against the stored SRP verifier, RFC 5054's group, constant-time as the server does it),
// and the answer carries two RS256 JWTs (ID and access token: two RSA-2048 signatures).
// bench/run.sh builds it with `cc -O2 ... -lcrypto` and prints it beside the sign-in rows' CPU/request.
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(void) {
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *n = BN_get_rfc3526_prime_3072(NULL), *g = BN_new(), *x = BN_new(), *r = BN_new();
    BN_set_word(g, 2);
    unsigned char xb[32]; RAND_bytes(xb, 32); BN_bin2bn(xb, 32, x); BN_set_flags(x, BN_FLG_CONSTTIME);
    int N = 2000; double t0 = cpu();
    for (int i = 0; i < N; i++) BN_mod_exp(r, g, x, n, ctx);
    double modexp = (cpu() - t0) / N;
    EVP_PKEY *key = EVP_RSA_gen(2048);
    unsigned char msg[900]; RAND_bytes(msg, sizeof msg); unsigned char sig[512]; size_t len;
    t0 = cpu();
    for (int i = 0; i < N; i++) {
        EVP_MD_CTX *c = EVP_MD_CTX_new();
        EVP_DigestSignInit_ex(c, NULL, "SHA256", NULL, NULL, key, NULL);
        len = sizeof sig; EVP_DigestSign(c, sig, &len, msg, sizeof msg);
        EVP_MD_CTX_free(c);
    }
    double sign = (cpu() - t0) / N;
    printf("{\"modexp_us\": %.1f, \"rs256_us\": %.1f, \"floor_us\": %.1f}\n",
           modexp * 1e6, sign * 1e6, (modexp + 2 * sign) * 1e6);
    return 0;
}
