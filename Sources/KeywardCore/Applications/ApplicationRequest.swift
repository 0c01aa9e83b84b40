/// What a client may set on a worker application (create and replace).
public struct ApplicationRequest: Sendable {
    public var name: String
    public var description: String?
    public var enabled: Bool
    public var tokenEndpointAuthMethod: TokenEndpointAuthMethod
    /// Accepted members Keyward only echoes, as a JSON object (see `Application.attributesJSON`).
    public var attributesJSON: String?

    public init(
        name: String,
        description: String? = nil,
        enabled: Bool = true,
        tokenEndpointAuthMethod: TokenEndpointAuthMethod = .clientSecretBasic,
        attributesJSON: String? = nil
    ) {
        self.name = name
        self.description = description
        self.enabled = enabled
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.attributesJSON = attributesJSON
    }
}
