/* libmicrohttpd, plus fixed-arity wrappers for its variadic functions. */
#ifndef KEYWARD_CMICROHTTPD_SHIM_H
#define KEYWARD_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/* MHD_start_daemon is variadic. Binds to `ipv4` explicitly: MHD listens on
 * every interface otherwise. Returns NULL when the address does not parse.
 * `context` reaches both callbacks. With MHD_USE_TLS in `flags`, `tls_key_pem` and
 * `tls_cert_pem` (which must outlive the daemon) are the HTTPS key and chain; otherwise
 * both are NULL and no TLS option is passed (MHD logs an error for one without the flag). */
static inline struct MHD_Daemon *keyward_mhd_start(unsigned int flags, const char *ipv4, uint16_t port,
    MHD_AccessHandlerCallback handler, void *context,
    MHD_RequestCompletedCallback completed, unsigned int threads,
    unsigned int connection_limit, unsigned int timeout_seconds, size_t memory_limit,
    const char *tls_key_pem, const char *tls_cert_pem) {
    struct MHD_OptionItem tls[] = {
        { MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)tls_key_pem },
        { MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)tls_cert_pem },
        { MHD_OPTION_END, 0, NULL },
    };
    if (tls_key_pem == NULL || tls_cert_pem == NULL) tls[0].option = MHD_OPTION_END;
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, ipv4, &address.sin_addr) != 1) return NULL;
    return MHD_start_daemon(flags, port, NULL, NULL, handler, context,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
        MHD_OPTION_NOTIFY_COMPLETED, completed, context,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory_limit,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
}

/* MHD_get_daemon_info is variadic; port 0 binds an ephemeral port. */
static inline uint16_t keyward_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/* MHD_get_connection_info is variadic: the client's address, as text. */
static inline int keyward_mhd_client_address(struct MHD_Connection *connection, char *buffer, socklen_t size) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return 0;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        return inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, buffer, size) != NULL;
    }
    if (address->sa_family == AF_INET6) {
        return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)address)->sin6_addr, buffer, size) != NULL;
    }
    return 0;
}
#endif
