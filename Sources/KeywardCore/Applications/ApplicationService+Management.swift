#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reading, replacing and deleting applications, and rotating their secrets.
extension ApplicationService {
    /// The longest grace period a rotated-out secret may keep: 30 days, as PingOne's.
    public static let maximumGracePeriod: TimeInterval = 30 * 86400
    /// The shortest: one minute.
    public static let minimumGracePeriod: TimeInterval = 60

    /// The applications of `environmentID`, ordered by id.
    public func list(in environmentID: UUID) throws(CoreError) -> [Application] {
        try StoreAccess.read(store) { reader in
            _ = try reader.requireEnvironment(environmentID)
            return try reader.applications(environmentID: environmentID)
        }
    }

    /// The application `id` of `environmentID`.
    public func get(_ id: UUID, in environmentID: UUID) throws(CoreError) -> Application {
        try StoreAccess.read(store) { try $0.requireApplication(id, in: environmentID) }
    }

    /// Replaces what a client may set; the secret, id and creation time stay.
    public func update(_ id: UUID, in environmentID: UUID, with request: ApplicationRequest) throws(CoreError)
        -> Application
    {
        try NameRules.check(request.name, field: "name")
        let now = clock.nowToTheMillisecond
        return try StoreAccess.write(store) { writer in
            var application = try writer.requireApplication(id, in: environmentID)
            application.name = request.name
            application.description = request.description
            application.enabled = request.enabled
            application.tokenEndpointAuthMethod = request.tokenEndpointAuthMethod
            application.attributesJSON = request.attributesJSON
            application.updatedAt = now
            try writer.update(application)
            try AuditLog.record(
                .applicationUpdated,
                application: application,
                "Updated Application \(application.name)",
                at: now,
                in: writer
            )
            return application
        }
    }

    /// Deletes the application and its role assignments.
    public func delete(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            let application = try writer.requireApplication(id, in: environmentID)
            try writer.deleteApplication(id: id, environmentID: environmentID)
            try AuditLog.record(
                .applicationDeleted,
                application: application,
                "Deleted Application \(application.name)",
                at: now,
                in: writer
            )
        }
    }

    /// Gives the application a new secret, returned once. Without `keepingPreviousUntil` the
    /// old secret stops working at once; with it, the old one is still accepted until then
    /// (1 minute to 30 days ahead). A previous secret kept by an earlier rotation is dropped.
    public func rotateSecret(_ id: UUID, in environmentID: UUID, keepingPreviousUntil expiry: Date?)
        throws(CoreError) -> (Application, secret: String)
    {
        let now = clock.nowToTheMillisecond
        if let expiry {
            let ahead = expiry.timeIntervalSince(now)
            guard ahead >= Self.minimumGracePeriod, ahead <= Self.maximumGracePeriod else {
                throw .invalidValue(
                    field: "previous.expiresAt",
                    reason: "must be between 1 minute and 30 days from now"
                )
            }
        }
        let (secret, hash) = try newSecret()
        let application = try StoreAccess.write(store) { writer in
            var application = try writer.requireApplication(id, in: environmentID)
            application.previousSecretHash = expiry == nil ? nil : application.secretHash
            application.previousSecretExpiresAt = expiry
            application.secretHash = hash
            application.updatedAt = now
            try writer.update(application)
            let grace = expiry.map { " (the previous secret works until \($0.formatted(.iso8601)))" } ?? ""
            try AuditLog.record(
                .secretUpdated,
                application: application,
                "Rotated the client secret of Application \(application.name)\(grace)",
                at: now,
                in: writer
            )
            return application
        }
        return (application, secret)
    }

    /// Ends the previous secret's grace period now.
    public func deletePreviousSecret(_ id: UUID, in environmentID: UUID) throws(CoreError) {
        let now = clock.nowToTheMillisecond
        try StoreAccess.write(store) { writer in
            var application = try writer.requireApplication(id, in: environmentID)
            application.previousSecretHash = nil
            application.previousSecretExpiresAt = nil
            application.updatedAt = now
            try writer.update(application)
            try AuditLog.record(
                .secretDeleted,
                application: application,
                "Deleted the previous client secret of Application \(application.name)",
                at: now,
                in: writer
            )
        }
    }
}
