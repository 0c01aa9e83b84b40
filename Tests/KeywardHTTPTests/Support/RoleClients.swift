import Foundation
import KeywardCore
import KeywardCrypto

@testable import KeywardHTTP

extension APIServer {
    /// A new application in `environment` holding `roles` (granted as the operator would), and
    /// its id and secret.
    func application(
        _ name: String,
        in environment: Environment? = nil,
        roles: [(UUID, Scope)] = []
    ) throws -> (id: String, secret: String) {
        let applications = ApplicationService(store: store, hashIterations: 1000)
        let (application, secret) = try applications.create(name: name, in: (environment ?? environmentA).id)
        for (role, scope) in roles {
            try services.roleAssignments.grantAsOperator(role, at: scope, to: application.id)
        }
        return (application.id.uuidString.lowercased(), secret)
    }

    /// Asks the token endpoint of `environment` for a token; the raw answer.
    func tokenResponse(clientID: String, secret: String, environment: String) throws -> RawHTTPResponse {
        try client().request(
            "POST",
            "/\(environment)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials&client_id=\(clientID)&client_secret=\(secret)".utf8)
        )
    }

    /// A client of a new application in `environment` holding `roles`.
    func roleClient(
        _ name: String,
        in environment: Environment? = nil,
        roles: [(UUID, Scope)] = []
    ) throws -> APIClient {
        let environment = environment ?? environmentA
        let (id, secret) = try application(name, in: environment, roles: roles)
        let answer = try tokenResponse(
            clientID: id,
            secret: secret,
            environment: environment.id.uuidString.lowercased()
        )
        return try APIClient(self, token: try decodeJSON(TokenAnswer.self, from: answer.body).accessToken)
    }

    /// `token`'s claims re-signed with the token key (its default rotation policy's current key)
    /// of `signer`, `kid` naming `kidEnvironment`'s, after `change` edits them: forged and
    /// expired tokens.
    func resigned(
        _ token: String,
        signer: Environment,
        kidEnvironment: Environment,
        change: (inout [String: Any]) -> Void = { _ in }
    ) throws -> String {
        let parts = token.split(separator: ".")
        var claims =
            try JSONSerialization.jsonObject(with: Data(base64URL: String(parts[1])) ?? Data()) as? [String: Any] ?? [:]
        change(&claims)
        let (kid, privateKey) = try store.read { reader in
            let kidKey = try reader.rotationPolicies(environmentID: kidEnvironment.id).first?.currentKeyID
            let signerKey = try reader.rotationPolicies(environmentID: signer.id).first?.currentKeyID
            return (
                kidKey?.uuidString.lowercased() ?? "",
                try signerKey.flatMap { try reader.privateKey(recordID: $0) }
            )
        }
        guard let privateKey else { throw SocketError(call: "no signing key", code: 0) }
        return try CompactJWS.sign(
            headerJSON: Array(#"{"alg":"RS256","kid":"\#(kid)","typ":"JWT"}"#.utf8),
            payloadJSON: Array(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])),
            with: privateKey,
            algorithm: .rs256
        )
    }
}
