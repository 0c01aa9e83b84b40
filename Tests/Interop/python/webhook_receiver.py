"""A webhook receiver for Keyward's delivery tests: HTTPS on 127.0.0.1 (Python's ssl module
only, no packages), answering each POST with the next status of --statuses (the last one
repeats) and appending one JSON line per request to --log: path, headers, body (base64) and
the client certificate's subject when one was presented. Prints the port, then serves until
killed. With --client-ca it requires a client certificate issued by one of those CAs."""

import argparse
import base64
import http.server
import signal
import json
import ssl
import sys
import threading


def main():
    # A child of the Swift test process inherits its blocked signals: unblock SIGTERM so that
    # Process.terminate() ends the receiver.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--statuses", default="200")
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    statuses = [int(s) for s in args.statuses.split(",")]
    lock = threading.Lock()
    served = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            peer = self.connection.getpeercert() if args.client_ca else None
            subject = None
            if peer:
                subject = ",".join("%s=%s" % pair for rdn in peer.get("subject", ()) for pair in rdn)
            with lock:
                status = statuses[min(served[0], len(statuses) - 1)]
                served[0] += 1
                with open(args.log, "a") as log:
                    log.write(json.dumps({
                        "path": self.path,
                        "headers": {k: v for k, v in self.headers.items()},
                        "body": base64.b64encode(body).decode(),
                        "clientSubject": subject,
                        "status": status,
                    }) + "\n")
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    if args.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(args.client_ca)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda *_: None
    print(server.server_address[1], flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
