/// The command line's help text, and the error that sends a user to it.
enum Usage {
    /// Exit status for a command line that cannot be understood, or holds a value that is
    /// invalid: 64, `EX_USAGE` of sysexits.h.
    static let exitStatus: Int32 = 64

    static let text = """
        Usage: keyward <command> [options]

        Commands:
          init       Create the data directory, master key, database and installation root CA.
          serve      Run the HTTP API server until SIGINT or SIGTERM.
          version    Print the Keyward, OpenSSL, SQLite and libpq versions.
          bench      Run in-process benchmarks: `keyward bench crypto|store --help` (use bench/run).
          help       Print this text (also: --help, -h).

        Options for init:
          --data-dir DIR   Directory for Keyward's data (default ./data; created with mode 0700)
          --root-dn DN     Subject of the root CA (default "CN=Keyward Root CA, O=Keyward")
          --organization NAME  Name of the first organization (default Keyward)
          --environment NAME   Name of its first environment, where the administrator
                               application lives (default Administrators)
          --json           Print the result as one JSON object (organizationId, environmentId,
                           clientId, clientSecret, ...)

        init prints the administrator application's client id and secret once; the secret is
        stored only as a salted PBKDF2 hash. Get a token with it at POST /ENV_ID/as/token.

        The master key is written to DIR/master.key (mode 0600) unless KEYWARD_MASTER_KEY holds it
        (base64 of 32 bytes). Without it, no private key in the database can be opened.

        Options for serve (each flag wins over its environment variable, which wins over the default):
          --host ADDRESS           KEYWARD_HOST           IPv4 address to listen on (default 127.0.0.1;
                                                          0.0.0.0 for every interface)
          --port PORT              KEYWARD_PORT           TCP port, 0 for any free port (default 8080)
          --data-dir DIR           KEYWARD_DATA_DIR       Directory made by keyward init, holding the
                                                          master key and database (default ./data)
          --store-url URL          KEYWARD_STORE_URL      Where the data lives: sqlite:PATH (default
                                                          sqlite:DIR/keyward.db). PostgreSQL is not
                                                          available in this build.
          --log-level LEVEL        KEYWARD_LOG_LEVEL      error, warn, info (default: one access line
                                                          per request on standard error) or debug
          --max-body-size BYTES    KEYWARD_MAX_BODY_SIZE  Longest request body accepted, forms
                                                          included; longer gets 413 (default 1048576)
          --tls-key ENV_ID/KEY_ID  KEYWARD_TLS_KEY        Serve HTTPS with this stored SSL/TLS key
                                                          (its certificate, trust chain and private
                                                          key, opened into memory only); default HTTP
          --public-url URL         KEYWARD_PUBLIC_URL     URL clients reach Keyward at (e.g. behind a
                                                          proxy); links and token issuers use it
                                                          (default SCHEME://HOST:PORT)
          --rate-limit-client N    KEYWARD_RATE_LIMIT_CLIENT   Requests/s per API client, bursts of 2N;
                                                          more get 429 with Retry-After (default 500,
                                                          0 = no limit)
          --rate-limit-address N   KEYWARD_RATE_LIMIT_ADDRESS  Requests/s per source address, bursts of
                                                          2N (default 1000, 0 = no limit)
          --lockout-failures N     KEYWARD_LOCKOUT_FAILURES    Failed client authentications from one
                                                          address before that client id is locked out
                                                          there (default 5, 0 = never)
          --lockout-seconds S      KEYWARD_LOCKOUT_SECONDS     How long a lock-out lasts, and the window
                                                          failures are counted in (default 300)
          --key-pool SPEC=N,...    KEYWARD_KEY_POOL       Pre-generated keys kept per spec (rsa2048,
                                                          rsa3072, rsa4096, rsa7680, p224, p256, p384,
                                                          p521); default rsa2048=8,rsa3072=2,
                                                          rsa4096=2,rsa7680=1,p256=8,p384=2; 0 = off
          --threads N              KEYWARD_THREADS        HTTP worker threads (default 4 per CPU)
          --key-use-events MODE    KEYWARD_KEY_USE_EVENTS How far a private-key use event (KEY.SIGNED,
                                                          KEY.DECRYPTED, KEY.JWS_SIGNED) is written
                                                          before the result is returned: full (flushed,
                                                          default) or process (in the write-ahead log:
                                                          survives a keyward crash at once, a power loss
                                                          after the next flushed write)
          --scheduler-interval S   KEYWARD_SCHEDULER_INTERVAL  Seconds between background runs of key
                                                          rotation, expiry notices (KEY.EXPIRING,
                                                          KEY.EXPIRED ...) and key pool refill
                                                          (default 60, 0 = off on this node)
          --webhooks on|off        KEYWARD_WEBHOOKS       Deliver audit events to webhook subscriptions
                                                          from this process (default on)
          --webhook-local-targets allow|deny
                                   KEYWARD_WEBHOOK_LOCAL_TARGETS  Whether deliveries may connect to local
                                                          addresses (loopback, link-local such as
                                                          169.254.169.254, multicast); default deny

        Invalid options or values exit with status 64.

        """
}

/// A command line that cannot be understood; `message` says what was wrong.
struct UsageError: Error {
    let message: String
}
