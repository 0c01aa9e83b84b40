import KeywardCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Audit events as the activities API writes them, for other modules: webhook deliveries send
/// the same JSON objects (PingOne's `ACTIVITY` format).
public enum ActivityJSON {
    /// `event` as one JSON object (sorted keys, no whitespace unless `pretty`), its links built on
    /// `baseURL` (as `APIServices.baseURL`); `source` only when `includeSource`.
    public static func encode(_ event: AuditEvent, baseURL: String, includeSource: Bool, pretty: Bool = false) throws
        -> [UInt8]
    {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var activity = ActivityRepresentation(event) { path in "\(base)/v1\(path)" }
        if !includeSource { activity.source = nil }
        let encoder = JSONCoding.makeEncoder()
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        return Array(try encoder.encode(activity))
    }
}
