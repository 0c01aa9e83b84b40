/* The OpenSSL 3 headers Keyward uses, and one-line wrappers for what Swift
 * cannot call: function-like macros and variadic functions. Nothing else. */
#ifndef KEYWARD_COPENSSL_SHIM_H
#define KEYWARD_COPENSSL_SHIM_H

#include <openssl/opensslv.h>
#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "Keyward needs OpenSSL 3.0 or later"
#endif

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ocsp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ec.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

/* EVP_PKEY_Q_keygen is variadic. */
static inline EVP_PKEY *keyward_rsa_keygen(unsigned int bits) { return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits); }
static inline EVP_PKEY *keyward_ec_keygen(const char *curve) { return EVP_PKEY_Q_keygen(NULL, NULL, "EC", curve); }

/* OPENSSL_free is a macro. */
static inline void keyward_openssl_free(void *pointer) { OPENSSL_free(pointer); }

/* BIO_get_mem_data is a macro. */
static inline long keyward_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

/* X509V3_set_ctx_nodb is a macro. */
static inline void keyward_x509v3_ctx_nodb(X509V3_CTX *ctx) { X509V3_set_ctx_nodb(ctx); }

/* The sk_TYPE_* helpers are macros. */
static inline STACK_OF(X509) *keyward_sk_x509_new(void) { return sk_X509_new_null(); }
static inline int keyward_sk_x509_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline int keyward_sk_x509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *keyward_sk_x509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
static inline void keyward_sk_x509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
static inline void keyward_sk_x509_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
static inline STACK_OF(X509_EXTENSION) *keyward_sk_ext_new(void) { return sk_X509_EXTENSION_new_null(); }
static inline int keyward_sk_ext_push(STACK_OF(X509_EXTENSION) *stack, X509_EXTENSION *ext) { return sk_X509_EXTENSION_push(stack, ext); }
static inline void keyward_sk_ext_pop_free(STACK_OF(X509_EXTENSION) *stack) { sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free); }
static inline int keyward_sk_ext_num(const STACK_OF(X509_EXTENSION) *stack) { return sk_X509_EXTENSION_num(stack); }
static inline X509_EXTENSION *keyward_sk_ext_value(const STACK_OF(X509_EXTENSION) *stack, int index) { return sk_X509_EXTENSION_value(stack, index); }
static inline int keyward_sk_general_name_num(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
static inline GENERAL_NAME *keyward_sk_general_name_value(const GENERAL_NAMES *names, int index) { return sk_GENERAL_NAME_value(names, index); }
static inline GENERAL_NAMES *keyward_sk_general_name_new(void) { return sk_GENERAL_NAME_new_null(); }
static inline int keyward_sk_general_name_push(GENERAL_NAMES *names, GENERAL_NAME *name) { return sk_GENERAL_NAME_push(names, name); }
static inline void keyward_general_names_free(GENERAL_NAMES *names) { sk_GENERAL_NAME_pop_free(names, GENERAL_NAME_free); }
static inline int keyward_sk_string_num(const STACK_OF(OPENSSL_STRING) *stack) { return sk_OPENSSL_STRING_num(stack); }
static inline const char *keyward_sk_string_value(const STACK_OF(OPENSSL_STRING) *stack, int index) { return sk_OPENSSL_STRING_value(stack, index); }
static inline int keyward_sk_asn1_object_num(const STACK_OF(ASN1_OBJECT) *stack) { return sk_ASN1_OBJECT_num(stack); }
static inline ASN1_OBJECT *keyward_sk_asn1_object_value(const STACK_OF(ASN1_OBJECT) *stack, int index) { return sk_ASN1_OBJECT_value(stack, index); }
static inline int keyward_sk_dist_point_num(const STACK_OF(DIST_POINT) *stack) { return sk_DIST_POINT_num(stack); }
static inline DIST_POINT *keyward_sk_dist_point_value(const STACK_OF(DIST_POINT) *stack, int index) { return sk_DIST_POINT_value(stack, index); }
static inline int keyward_sk_access_description_num(const STACK_OF(ACCESS_DESCRIPTION) *stack) { return sk_ACCESS_DESCRIPTION_num(stack); }
static inline ACCESS_DESCRIPTION *keyward_sk_access_description_value(const STACK_OF(ACCESS_DESCRIPTION) *stack, int index) { return sk_ACCESS_DESCRIPTION_value(stack, index); }

#endif
