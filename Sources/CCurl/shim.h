/* The libcurl headers Keyward uses, and one-line wrappers for what Swift cannot call:
 * curl_easy_setopt and curl_easy_getinfo are variadic, CURL_GLOBAL_DEFAULT is a macro. */
#ifndef KEYWARD_CCURL_SHIM_H
#define KEYWARD_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode keyward_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

static inline CURLcode keyward_curl_setopt_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode keyward_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode keyward_curl_setopt_write_function(CURL *handle, curl_write_callback function) { return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, function); }
static inline CURLcode keyward_curl_setopt_opensocket_function(CURL *handle, curl_opensocket_callback function) { return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, function); }
static inline CURLcode keyward_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback function) { return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, function); }

/* A blob option (CURLOPT_CAINFO_BLOB, CURLOPT_SSLCERT_BLOB, CURLOPT_SSLKEY_BLOB) copied by
 * libcurl at once (CURL_BLOB_COPY), so the caller may wipe its bytes after the call. */
static inline CURLcode keyward_curl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob = { (void *)data, length, CURL_BLOB_COPY };
    return curl_easy_setopt(handle, option, &blob);
}

static inline CURLcode keyward_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) { return curl_easy_getinfo(handle, info, value); }

#endif
