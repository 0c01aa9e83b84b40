/// The version of this Keyward build, as reported by `keyward version` and `GET /health`.
public enum KeywardVersion {
    /// Semantic version of the source tree; `-dev` until the first release is tagged.
    public static let current = "0.1.0-dev"
}
