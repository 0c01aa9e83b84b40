/// Why `HTTPServer` could not start.
public enum HTTPServerError: Error, Equatable, Sendable {
    /// `host` is not an IPv4 address in dotted form (host names are not resolved).
    case invalidHost(String)
    /// `port` is outside 0...65535.
    case invalidPort(Int)
    /// A configuration number is out of range; `name` is the `HTTPServerConfiguration` property.
    case invalidSetting(name: String, value: Int)
    /// libmicrohttpd could not listen, typically because the port is taken or needs privileges.
    case cannotListen(host: String, port: Int)
    /// HTTPS was asked for, but this libmicrohttpd was built without TLS support.
    case tlsNotSupported
    /// libmicrohttpd could not start with TLS: the port may be taken, or GnuTLS refused the
    /// certificate chain or key (not PEM, or a key that does not match the certificate).
    case cannotListenWithTLS(host: String, port: Int)
}

extension HTTPServerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidHost(let host):
            return "'\(host)' is not an IPv4 address such as 127.0.0.1"
        case .invalidPort(let port):
            return "port \(port) is not between 0 and 65535"
        case .invalidSetting(let name, let value):
            return "\(name) \(value) is out of range"
        case .cannotListen(let host, let port):
            return "cannot listen on \(host):\(port) (is the port in use, or does it need privileges?)"
        case .tlsNotSupported:
            return "HTTPS is not available: this libmicrohttpd was built without TLS support"
        case .cannotListenWithTLS(let host, let port):
            return "cannot listen with HTTPS on \(host):\(port) (is the port in use, or are the certificate"
                + " chain and private key not a matching PEM pair?)"
        }
    }
}
