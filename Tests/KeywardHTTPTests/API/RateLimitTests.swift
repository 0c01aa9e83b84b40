import Foundation
import Testing

@testable import KeywardHTTP

@Suite("Rate limits and lock-out")
struct RateLimitTests {
    @Test func aBucketAdmitsItsCapacityThenRefillsAtItsRate() {
        var bucket = TokenBucket(capacity: 4, rate: 2, now: 0)
        for _ in 0..<4 { #expect(bucket.take(now: 0) == nil) }
        #expect(bucket.take(now: 0) == 0.5)
        #expect(bucket.take(now: 0.5) == nil)
        #expect(bucket.take(now: 0.5) != nil)
        let full = bucket.isFull(now: 10)
        #expect(full)
    }

    @Test func aClientOverItsRateGets429WithRetryAfter() throws {
        let server = try APIServer(rateLimits: RateLimitSettings(perClient: 5, perAddress: 0, failuresBeforeLockout: 0))
        let api = try APIClient(server)
        var statuses: [Int] = []
        var limited: RawHTTPResponse?
        for _ in 0..<30 {
            let response = try api.call("GET", "/v1/environments")
            statuses.append(response.status)
            if response.status == 429 { limited = response }
        }
        #expect(statuses.prefix(10).allSatisfy { $0 == 200 }, "\(statuses)")
        let refusal = try #require(limited, "\(statuses)")
        _ = expectError(refusal, 429, "REQUEST_LIMITED", detail: "LIMIT_EXCEEDED", target: "client")
        #expect(Int(refusal.headers["Retry-After"] ?? "") ?? 0 >= 1)
        // Another client of the same installation has its own bucket.
        let other = try APIClient(server, other: true)
        #expect(try other.call("GET", "/v1/environments").status == 200)
    }

    @Test func anAddressOverItsRateGets429EvenUnauthenticated() throws {
        let server = try APIServer(rateLimits: RateLimitSettings(perClient: 0, perAddress: 5, failuresBeforeLockout: 0))
        let client = try server.client()
        var statuses: [Int] = []
        for _ in 0..<30 { statuses.append(try client.request("GET", "/health").status) }
        #expect(statuses.prefix(10).allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(statuses.contains(429), "\(statuses)")
    }

    @Test func repeatedWrongSecretsLockTheClientOutFromThatAddress() throws {
        let server = try APIServer(
            rateLimits: RateLimitSettings(perClient: 0, perAddress: 0, failuresBeforeLockout: 3, lockoutSeconds: 60)
        )
        let environment = server.environmentA.id.lowercaseString
        func token(_ secret: String) throws -> RawHTTPResponse {
            try server.client().request(
                "POST",
                "/\(environment)/as/token",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("grant_type=client_credentials&client_id=\(server.clientID)&client_secret=\(secret)".utf8)
            )
        }
        for _ in 0..<3 { #expect(try token("wrong").status == 401) }
        let locked = try token(server.clientSecret)
        #expect(locked.status == 429)
        #expect(Int(locked.headers["Retry-After"] ?? "") ?? 0 > 0)
        let body = try JSONSerialization.jsonObject(with: Data(locked.body)) as? [String: Any]
        #expect(body?["error"] as? String == "invalid_client")
        #expect(body?["code"] as? String == "REQUEST_LIMITED")
        #expect(!String(decoding: locked.body, as: UTF8.self).contains(server.clientSecret))
    }

    @Test func aSuccessClearsEarlierFailures() throws {
        let server = try APIServer(
            rateLimits: RateLimitSettings(perClient: 0, perAddress: 0, failuresBeforeLockout: 3, lockoutSeconds: 60)
        )
        let environment = server.environmentA.id.lowercaseString
        func token(_ secret: String) throws -> Int {
            try server.client().request(
                "POST",
                "/\(environment)/as/token",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("grant_type=client_credentials&client_id=\(server.clientID)&client_secret=\(secret)".utf8)
            ).status
        }
        #expect(try token("wrong") == 401)
        #expect(try token("wrong") == 401)
        #expect(try token(server.clientSecret) == 200)
        #expect(try token("wrong") == 401)
        #expect(try token("wrong") == 401)
        #expect(try token(server.clientSecret) == 200)
    }
}
