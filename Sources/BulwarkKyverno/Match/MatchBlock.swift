import BulwarkCore

/// `match:` or `exclude:` of a rule: `any`, `all`, or the legacy single filter.
public struct MatchBlock: Sendable {
    public var any: [ResourceFilter]
    public var all: [ResourceFilter]
    /// Legacy form: `match: {resources: ..., subjects: ...}` directly.
    public var legacy: ResourceFilter?

    public var isEmpty: Bool { any.isEmpty && all.isEmpty && legacy == nil }

    /// Every filter, whichever form it was written in.
    public var filters: [ResourceFilter] { any + all + (legacy.map { [$0] } ?? []) }
}

/// One entry of `any`/`all`: resource description plus who is asking.
public struct ResourceFilter: Sendable {
    public var resources: ResourceDescription
    public var subjects: [Subject]
    public var roles: [String]
    public var clusterRoles: [String]
}

public struct Subject: Sendable, Equatable {
    public var kind: String
    public var name: String
    public var namespace: String?
}

public struct ResourceDescription: Sendable {
    public var kinds: [KindSelector]
    public var names: [String]
    public var namespaces: [String]
    public var annotations: [String: String]
    public var selector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var operations: [String]

    public var isEmpty: Bool {
        kinds.isEmpty && names.isEmpty && namespaces.isEmpty && annotations.isEmpty && selector == nil
            && namespaceSelector == nil && operations.isEmpty
    }
}

/// Kubernetes label selector with wildcard support in `matchLabels` values (a Kyverno extension).
public struct LabelSelector: Sendable {
    public struct Requirement: Sendable {
        public var key: String
        public var op: String
        public var values: [String]
    }
    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels {
            if Wildcard.containsWildcard(k) {
                guard labels.contains(where: { Wildcard.match(k, $0.key) && Wildcard.match(v, $0.value) }) else { return false }
            } else {
                guard let actual = labels[k], Wildcard.match(v, actual) else { return false }
            }
        }
        for r in matchExpressions {
            let actual = labels[r.key]
            switch r.op {
            case "In": guard let a = actual, r.values.contains(a) else { return false }
            case "NotIn": if let a = actual, r.values.contains(a) { return false }
            case "Exists": guard actual != nil else { return false }
            case "DoesNotExist": guard actual == nil else { return false }
            default: return false
            }
        }
        return true
    }
}
