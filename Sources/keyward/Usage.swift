/// The command line's help text, and the error that sends a user to it.
enum Usage {
    /// Exit status for a command line that cannot be understood: 2, as GNU tools and shells use.
    static let exitStatus: Int32 = 2

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
          --json           Print the result as one JSON object

        The master key is written to DIR/master.key (mode 0600) unless KEYWARD_MASTER_KEY holds it
        (base64 of 32 bytes). Without it, no private key in the database can be opened.

        Options for serve:
          --host ADDRESS   IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
          --port PORT      TCP port to listen on, 0 for any free port (default 8080)
          --data-dir DIR   Directory for Keyward's data (default ./data; made by keyward init)

        """
}

/// A command line that cannot be understood; `message` says what was wrong.
struct UsageError: Error {
    let message: String
}
