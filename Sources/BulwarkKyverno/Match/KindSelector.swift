/// A parsed entry of `kinds:`: `Pod`, `v1/Pod`, `apps/v1/Deployment`, `*/Pod`,
/// `Pod/ephemeralcontainers`, `apps/v1/Deployment/scale`, `*`. Each part may hold
/// wildcards. A lower-case final segment is a subresource, as Kyverno decides it.
public struct KindSelector: Sendable, Equatable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    public var subresource: String

    public var description: String { raw }
    public let raw: String
    /// Precomputed so the per-resource check is plain string equality in the common case.
    private var kindIsLiteral = true

    public init(_ raw: String) {
        self.raw = raw
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func isSubresource(_ s: String) -> Bool {
            guard let f = s.unicodeScalars.first else { return false }
            return f >= "a" && f <= "z"
        }
        switch parts.count {
        case 1:
            (group, version, kind, subresource) = ("*", "*", parts[0], "")
        case 2:
            if isSubresource(parts[1]) {
                (group, version, kind, subresource) = ("*", "*", parts[0], parts[1])
            } else {
                (group, version, kind, subresource) = ("*", parts[0], parts[1], "")
            }
        case 3:
            if isSubresource(parts[2]) {
                (group, version, kind, subresource) = ("*", parts[0], parts[1], parts[2])
            } else {
                (group, version, kind, subresource) = (parts[0], parts[1], parts[2], "")
            }
        default:
            (group, version, kind, subresource) = (parts[0], parts[1], parts[2], parts[3...].joined(separator: "/"))
        }
        kindIsLiteral = !Wildcard.containsWildcard(kind)
    }

    /// Whether a resource of this group/version/kind (and subresource, "" for the
    /// object itself) is selected.
    public func matches(group g: String, version v: String, kind k: String, subresource s: String = "") -> Bool {
        if kindIsLiteral {
            guard kind == k else { return false }
        } else {
            guard Wildcard.match(kind, k) else { return false }
        }
        if group != "*", !Wildcard.match(group, g) { return false }
        if version != "*", !Wildcard.match(version, v) { return false }
        if subresource.isEmpty { return s.isEmpty }
        return Wildcard.match(subresource, s)
    }

    public var isPod: Bool { kind == "Pod" && subresource.isEmpty }
}
